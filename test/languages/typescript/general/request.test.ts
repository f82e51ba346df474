/** General facts exist only when a rule asks for them, and only the kinds it asks for. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe as group, expect, test } from "vitest";
// @ts-expect-error: the bench's plain-JS fixtures have no types
import { cleanComponent, violatingFile } from "../../../../bench/fixtures.mjs";
import { typescriptAdapter } from "../../../../src/languages/typescript/index.js";
import { extract } from "../helpers.js";
import { request } from "./helpers.js";

const GENERAL = new Set(["import", "call", "member", "jsx-attribute", "string"]);
const code = [
  `import OpenAI from "openai";`,
  `const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });`,
  `await fetch("https://api.openai.com/v1/models");`,
  `export const A = () => <div dangerouslySetInnerHTML={{ __html: html }} />;`,
].join("\n");
const kindsOf = (options = {}) => [...new Set(extract(code, "example.tsx", options).facts.map((f) => f.kind))].filter((k) => GENERAL.has(k)).sort();

group("FactRequest", () => {
  test("no request, or an empty one: no general facts at all", () => {
    expect(kindsOf()).toEqual([]);
    expect(kindsOf({ request: { kinds: new Set(), patterns: [] } })).toEqual([]);
  });

  test("each kind alone gives only that kind", () => {
    for (const kind of GENERAL) expect(kindsOf(request(kind as never))).toEqual([kind]);
  });

  test("the built-in facts are the same with and without a request", () => {
    const builtIn = (options = {}) => extract(code, "example.tsx", options).facts.filter((f) => !GENERAL.has(f.kind));
    expect(builtIn(request("import", "call", "member", "jsx-attribute", "string"))).toEqual(builtIn());
  });
});

group("realistic files with every kind asked for", () => {
  const fixtures = join(import.meta.dirname, "../fixtures");
  const files = [
    ...readdirSync(fixtures).map((name) => ({ path: name.replace(/\.txt$/, ""), text: readFileSync(join(fixtures, name), "utf8") })),
    { path: "bench.ts", text: violatingFile() },
    { path: "bench.tsx", text: cleanComponent() },
    { path: "broken.tsx", text: "import x from 'y';\nconst a = <div dangerouslySetInnerHTML={{ __html: (\nfetch(`https://${" },
  ];
  test.each(files)("$path: no internal error, built-in facts unchanged", ({ path, text }) => {
    const all = request("import", "call", "member", "jsx-attribute", "string");
    const language = path.endsWith(".py") ? "python" : "typescript";
    const withRequest = typescriptAdapter.extract({ path, text, language }, all);
    const without = typescriptAdapter.extract({ path, text, language });
    expect(withRequest.parseErrors).toEqual(without.parseErrors);
    expect(withRequest.facts.filter((f) => !GENERAL.has(f.kind))).toEqual(without.facts);
    if (without.parseErrors.length === 0) expect(withRequest.facts.some((f) => f.kind === "call")).toBe(true);
  });
});
