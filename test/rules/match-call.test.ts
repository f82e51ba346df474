/** The `call` kind over hand-made CallFacts: callee candidates, new, argument constraints. */
import { describe, expect, it } from "vitest";
import type { CallFact, FoldedValue } from "../../src/core/types.js";
import { NAME_HOLE } from "../../src/core/types.js";
import { parseRuleText } from "../../src/rules/load.js";
import { at, reported, ruleOf, spanOf, value } from "./helpers.js";

const call = (callee: string[], args: FoldedValue[] = [], extra: Partial<CallFact> = {}): CallFact => ({ kind: "call", span: at(), callee, new: false, args, ...extra });

describe("call matcher", () => {
  it("any callee candidate counts (aliases, destructuring, import aliases)", () => {
    const aliased = call(["charges.create", "stripe.charges.create"]);
    const imported = call(["O", "OpenAI"], [], { new: true });
    const unrelated = call(["charges.list", "stripe.charges.list"]);
    const facts = [aliased, imported, unrelated];
    expect(reported(ruleOf({ kind: "call", callees: ["stripe.charges.create"] }), facts)).toEqual([spanOf(aliased)]);
    expect(reported(ruleOf({ kind: "call", callees: ["OpenAI"], new: true }), facts)).toEqual([spanOf(imported)]);
    expect(reported(ruleOf({ kind: "call", callees: ["OpenAI"], new: false }), facts)).toEqual([]);
    expect(reported(ruleOf({ kind: "call", callees: ["stripe.charges.*"] }), facts)).toEqual([spanOf(aliased), spanOf(unrelated)]);
  });

  it("a scoped package is a path's first segment (@scope/name), wildcards in it too", async () => {
    const byDefault = call(["Claude", "@anthropic-ai/sdk"], [], { new: true });
    const byName = call(["A", "@anthropic-ai/sdk.Anthropic"], [], { new: true });
    const other = call(["B", "@other/sdk.Anthropic"], [], { new: true });
    expect(reported(ruleOf({ kind: "call", callees: ["@anthropic-ai/sdk", "@anthropic-ai/sdk.**"] }), [byDefault, byName, other])).toEqual([spanOf(byDefault), spanOf(byName)]);
    expect(reported(ruleOf({ kind: "call", callees: ["@anthropic-ai/*.Anthropic"] }), [byDefault, byName, other])).toEqual([spanOf(byName)]);
    const file = (callee: string) => `id: r\nseverity: block\nlanguages: [typescript]\nmessage: m\nhelp: h\nmatch:\n  - kind: call\n    callees: ["${callee}"]\nexamples:\n  invalid:\n    - file: a.ts\n      code: "x();"\n  valid:\n    - file: b.ts\n      code: "y();"\n`;
    const problems = async (callee: string) => {
      const parsed = await parseRuleText("r.yaml", file(callee));
      return parsed.ok ? [] : parsed.problems.map(String);
    };
    expect(await problems("@anthropic-ai/sdk.messages.create")).toEqual([]);
    expect((await problems("@anthropic-ai")).join("\n")).toMatch(/callees/);
    expect((await problems("sdk.@anthropic-ai/sdk")).join("\n")).toMatch(/callees/);
  });

  it("arguments by index over folded values: every candidate counts, an unknown base never matches a literal prefix", () => {
    const direct = call(["fetch"], [value(["https://api.openai.com/v1/chat/completions"])]);
    const folded = call(["fetch"], [value(["https://example.com/a", "https://api.openai.com/v1/models"])]);
    const unknownBase = call(["fetch"], [value([`${NAME_HOLE}/v1/chat/completions`])]);
    const other = call(["fetch"], [value(["https://example.com/"])]);
    const noArgument = call(["fetch"]);
    const rule = ruleOf({ kind: "call", callees: ["fetch", "axios.*"], arguments: [{ index: 0, values: ["https://api.openai.com/**"] }] });
    expect(reported(rule, [direct, folded, unknownBase, other, noArgument])).toEqual([spanOf(direct), spanOf(folded)]);
  });

  it("Python keywords, by keyword or index (either when both are given)", () => {
    const positional = call(["requests.get"], [value(["http://internal/x"])]);
    const keyword = call(["requests.get"], [], { keywords: { url: value(["http://internal/y"]) } });
    const https = call(["requests.get"], [], { keywords: { url: value(["https://internal/y"]) } });
    const rule = ruleOf({ kind: "call", callees: ["requests.*"], arguments: [{ index: 0, keyword: "url", values: ["http://**"] }] });
    expect(reported(rule, [positional, keyword, https])).toEqual([spanOf(positional), spanOf(keyword)]);
    const byKeywordOnly = ruleOf({ kind: "call", callees: ["requests.*"], arguments: [{ keyword: "url", values: ["http://**"] }] });
    expect(reported(byKeywordOnly, [positional, keyword, https])).toEqual([spanOf(keyword)]);
  });

  it("key: a key of an object-literal argument; paths: an argument that is (an alias of) a path", () => {
    const post = call(["fetch"], [value(["/api"]), value([], { keys: { method: ["POST"], "headers.Authorization": ["Bearer x"] } })]);
    const get = call(["fetch"], [value(["/api"]), value([], { keys: { method: ["GET"] } })]);
    expect(reported(ruleOf({ kind: "call", callees: ["fetch"], arguments: [{ index: 1, key: "method", values: ["POST"] }] }), [post, get])).toEqual([spanOf(post)]);
    expect(reported(ruleOf({ kind: "call", callees: ["fetch"], arguments: [{ index: 1, key: "headers.Authorization", values: ["Bearer *"] }] }), [post, get])).toEqual([spanOf(post)]);
    const secret = call(["log"], [value([], { paths: ["env.KEY", "process.env.KEY"] })]);
    const plain = call(["log"], [value(["hi"])]);
    expect(reported(ruleOf({ kind: "call", callees: ["log"], arguments: [{ index: 0, paths: ["process.env.*"] }] }), [secret, plain])).toEqual([spanOf(secret)]);
  });

  it("every constraint must hold; without index or keyword any argument counts", () => {
    const both = call(["db.query"], [value(["SELECT 1"]), value(["admin"])]);
    const one = call(["db.query"], [value(["SELECT 1"]), value(["user"])]);
    const rule = ruleOf({ kind: "call", callees: ["db.query"], arguments: [{ index: 0, values: ["SELECT*"] }, { values: ["admin"] }] });
    expect(reported(rule, [both, one])).toEqual([spanOf(both)]);
  });
});
