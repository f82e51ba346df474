/**
 * Shape samples (src/languages/shapes.ts): the daemon keeps one check's objects per language alive
 * after warm-up, so full collections do not deoptimise the extraction. Off by default: a hook
 * process or lint keeps nothing; while on, the latest check of each language replaces the last.
 */
import { afterEach, describe, expect, it } from "vitest";
import { pythonAdapter } from "../../src/languages/python/index.js";
import { collectShapeSamples, shapeSampleOf } from "../../src/languages/shapes.js";
import { typescriptAdapter } from "../../src/languages/typescript/index.js";

const ts = (text: string) => typescriptAdapter.extract({ path: "a.ts", text, language: "typescript" });
const py = (text: string) => pythonAdapter.extract({ path: "a.py", text, language: "python" });

describe("shape samples", () => {
  afterEach(() => collectShapeSamples(false));

  it("keeps nothing unless a process turns it on", () => {
    ts('supabase.from("orgs").select("id");');
    expect(shapeSampleOf("typescript")).toBeUndefined();
  });

  it("keeps the latest check of each language while on, and nothing more once off", () => {
    collectShapeSamples(true);
    ts('supabase.from("orgs").select("id");');
    const first = shapeSampleOf("typescript");
    ts('supabase.from("members").select("id");');
    const second = shapeSampleOf("typescript");
    py('db.table("orgs").select("id").execute()\n');
    expect(first).toBeDefined();
    expect(second).not.toBe(first);
    expect(shapeSampleOf("python")).toBeDefined();

    collectShapeSamples(false);
    ts('supabase.from("teams").select("id");');
    expect(shapeSampleOf("typescript")).toBe(second);
  });
});
