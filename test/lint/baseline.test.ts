/**
 * --baseline / --update-baseline end to end, plus the library functions the hook will use.
 * Findings are matched by fingerprint (rule + code), counted per file: stable across line shifts.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { filterByBaseline, readBaseline, writeBaseline } from "../../src/baseline/index.js";
import type { Finding } from "../../src/core/types.js";
import { lint, lintJson, tempDir, where, write } from "./helpers.js";

const TABLE = "no-cloud-provider-integrations-table";
const READ = "no-integration-status-read";
const LEGACY = [
  `import { supabase } from "./db";`,
  `export const all = () => supabase.from("cloud_provider_integrations").select("*");`,
  `export const status = () => supabase.from("organizations").select("integration_openai_status");`,
  "",
].join("\n");

describe("baseline", () => {
  it("records existing findings; only new ones are reported and fail, across line shifts", () => {
    const dir = tempDir();
    write(dir, "src/legacy.ts", LEGACY);
    const before = lintJson(dir);
    expect(where(before)).toEqual([`src/legacy.ts:2 ${TABLE}`, `src/legacy.ts:3 ${READ}`]);

    const update = lintJson(dir, ["--baseline", "ig-baseline.json", "--update-baseline"]);
    expect(update.code).toBe(0);
    expect(update.findings).toEqual([]);
    const recorded = JSON.parse(readFileSync(join(dir, "ig-baseline.json"), "utf8"));
    expect(Object.keys(recorded.files)).toEqual(["src/legacy.ts"]);

    // Lines inserted above: same findings, other lines, still baselined.
    write(dir, "src/legacy.ts", `// header\n// another\n\n${LEGACY}`);
    expect(lintJson(dir).code).toBe(1);
    const shifted = lintJson(dir, ["--baseline", "ig-baseline.json"]);
    expect(shifted.code).toBe(0);
    expect(shifted.findings).toEqual([]);

    // A second copy of the same violation in the same file is new (multiset counts).
    write(dir, "src/legacy.ts", `${LEGACY}export const again = () => supabase.from("cloud_provider_integrations").select("*");\n`);
    const added = lintJson(dir, ["--baseline", "ig-baseline.json"]);
    expect(added.code).toBe(1);
    expect(where(added)).toEqual([`src/legacy.ts:4 ${TABLE}`]);

    // The same code in another file is new too.
    write(dir, "src/other.ts", LEGACY);
    expect(where(lintJson(dir, ["--baseline", "ig-baseline.json", "src/other.ts"]))).toEqual([
      `src/other.ts:2 ${TABLE}`,
      `src/other.ts:3 ${READ}`,
    ]);
  });

  it("matches from another working directory (paths are relative to the baseline file)", () => {
    const dir = tempDir();
    write(dir, "app/src/legacy.ts", LEGACY);
    expect(lintJson(dir, ["--baseline", "ig-baseline.json", "--update-baseline"]).code).toBe(0);
    const fromSub = lintJson(join(dir, "app"), ["--baseline", "../ig-baseline.json"]);
    expect(fromSub.code).toBe(0);
    expect(fromSub.findings).toEqual([]);
  });

  it("a missing or malformed baseline, or --update-baseline alone, is a usage error", () => {
    const dir = tempDir();
    write(dir, "a.ts", LEGACY);
    expect(lint(dir, ["--baseline", "missing.json"]).code).toBe(2);
    writeFileSync(join(dir, "bad.json"), `{"version": 1, "files": {"a.ts": [{"ruleId": 1}]}}`);
    const bad = lint(dir, ["--baseline", "bad.json"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("bad.json");
    expect(lint(dir, ["--update-baseline"]).code).toBe(2);
  });

  it("library: writeBaseline / readBaseline / filterByBaseline with absolute paths (as the hook has them)", async () => {
    const dir = tempDir();
    const finding = (file: string, fingerprint: string, line: number): Finding => ({
      ruleId: TABLE, severity: "block", message: "m", help: "h", file, span: { start: 0, end: 1 },
      line, column: 1, endLine: line, endColumn: 2, fingerprint,
    });
    const file = join(dir, "src", "a.ts");
    await writeBaseline(join(dir, "b.json"), [{ findings: [finding(file, "fp1", 3), finding(file, "fp1", 9)] }], dir);
    const baseline = await readBaseline(join(dir, "b.json"));
    const now = [finding(file, "fp1", 4), finding(file, "fp2", 5), finding(file, "fp1", 10), finding(file, "fp1", 20)];
    expect(filterByBaseline(baseline, now, "/").map((f) => `${f.fingerprint}@${f.line}`)).toEqual(["fp2@5", "fp1@20"]);
    // Relative paths resolve against cwd.
    expect(filterByBaseline(baseline, [finding("src/a.ts", "fp1", 1)], dir)).toEqual([]);
    expect(filterByBaseline(baseline, [finding("src/a.ts", "fp1", 1)], join(dir, "src"))).toHaveLength(1);
  });
});
