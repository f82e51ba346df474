/** General facts exist only when a rule asks for them, and only the kinds it asks for. */
import { describe as group, expect, test } from "vitest";
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
