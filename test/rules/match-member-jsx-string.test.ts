/** The member, jsx-attribute and string kinds over hand-made facts. */
import { describe, expect, it } from "vitest";
import type { JsxAttributeFact, MemberFact, StringFact } from "../../src/core/types.js";
import { NAME_HOLE } from "../../src/core/types.js";
import { at, reported, ruleOf, spanOf, value } from "./helpers.js";

describe("member matcher", () => {
  const read = (path: string[]): MemberFact => ({ kind: "member", span: at(), path });
  it("a pattern matches a prefix of any path candidate", () => {
    const env = read(["process.env.API_KEY.trim"]);
    const destructured = read(["API_KEY", "process.env.API_KEY"]);
    const computed = read([`process.env.${NAME_HOLE}`]);
    const other = read(["process.environment.x", "processes.env"]);
    const facts = [env, destructured, computed, other];
    expect(reported(ruleOf({ kind: "member", paths: ["process.env"] }), facts)).toEqual([spanOf(env), spanOf(destructured), spanOf(computed)]);
    expect(reported(ruleOf({ kind: "member", paths: ["process.env.API_KEY"] }), facts)).toEqual([spanOf(env), spanOf(destructured)]);
  });
});

describe("jsx-attribute matcher", () => {
  const attr = (element: string, name: string, v = value([])): JsxAttributeFact => ({ kind: "jsx-attribute", span: at(), element, name, value: v });
  it("by name and element, allowed when the value comes from unlessFrom", () => {
    const raw = attr("div", "dangerouslySetInnerHTML", value([], { paths: ["html"] }));
    const sanitized = attr("div", "dangerouslySetInnerHTML", value([], { calls: ["DOMPurify.sanitize"] }));
    const other = attr("div", "className", value(["x"]));
    const rule = ruleOf({ kind: "jsx-attribute", names: ["dangerouslySetInnerHTML"], unlessFrom: ["sanitize", "DOMPurify.sanitize"] });
    expect(reported(rule, [raw, sanitized, other])).toEqual([spanOf(raw)]);
    expect(reported(ruleOf({ kind: "jsx-attribute", names: ["dangerouslySetInnerHTML"], elements: ["span"] }), [raw])).toEqual([]);
  });

  it("unlessFrom allows only a value with calls and no plain candidate", () => {
    const oneBranch = attr("div", "dangerouslySetInnerHTML", value([], { calls: ["sanitize"], plain: true }));
    const other = attr("div", "dangerouslySetInnerHTML", value([], { calls: ["marked.parse"] }));
    const sanitized = attr("div", "dangerouslySetInnerHTML", value([], { calls: ["clean", "sanitize"] }));
    const rule = ruleOf({ kind: "jsx-attribute", names: ["dangerouslySetInnerHTML"], unlessFrom: ["sanitize"] });
    expect(reported(rule, [oneBranch, other, sanitized])).toEqual([spanOf(oneBranch), spanOf(other)]);
  });

  it("values: a string constraint (`target=\"_blank\"`)", () => {
    const blank = attr("a", "target", value(["_blank"]));
    const self = attr("a", "target", value(["_self"]));
    expect(reported(ruleOf({ kind: "jsx-attribute", names: ["target"], elements: ["a", "Link"], values: ["_blank"] }), [blank, self])).toEqual([spanOf(blank)]);
  });
});

describe("string matcher", () => {
  const str = (candidates: string[], role: StringFact["role"]): StringFact => ({ kind: "string", span: at(), value: candidates, role });
  it("by role: url and sql only in that role, any (default) in every role", () => {
    const url = str(["http://internal.example/x"], "url");
    const literal = str(["http://docs.example/help"], "other");
    const sql = str(["DELETE FROM legacy_users"], "sql");
    const facts = [url, literal, sql];
    expect(reported(ruleOf({ kind: "string", values: ["http://**"], role: "url" }), facts)).toEqual([spanOf(url)]);
    expect(reported(ruleOf({ kind: "string", values: ["http://**"] }), facts)).toEqual([spanOf(url), spanOf(literal)]);
    expect(reported(ruleOf({ kind: "string", values: ["/\\blegacy_users\\b/i"], role: "sql" }), facts)).toEqual([spanOf(sql)]);
  });

  it("not: the candidate that matches values must match none of not", () => {
    const H = NAME_HOLE;
    const remote = str(["http://rates.example/v1"], "url");
    const local = str(["http://localhost:3000/api"], "url");
    const lookalike = str(["http://localhost.attacker.example/x"], "url");
    // Every candidate counts: the second one is no exception.
    const either = str(["http://localhost:3000", "http://api.internal"], "url");
    // An unknown host is not excused by a literal exception (a hole is eaten by wildcards only).
    const unknownHost = str([`http://${H}/status`], "url");
    const rule = ruleOf({ kind: "string", role: "url", values: ["http://**"], not: ["http://localhost:*/**", "http://localhost:*"] });
    expect(reported(rule, [remote, local, lookalike, either, unknownHost])).toEqual([remote, lookalike, either, unknownHost].map(spanOf));
    // A regular expression works on both sides.
    const regex = ruleOf({ kind: "string", role: "url", values: ["/^http:\\/\\//i"], not: ["/^http:\\/\\/localhost(:\\d+)?(\\/|$)/i"] });
    expect(reported(regex, [remote, local, str(["HTTP://LOCALHOST:1/x"], "url"), str(["HTTP://a.example"], "url")])).toHaveLength(2);
  });

  it("a bad pattern in not is a compile problem naming its field", () => {
    expect(() => ruleOf({ kind: "string", values: ["http://**"], not: ["/(/"] })).toThrow(/match\.0\.not\.0/);
  });

  it("a matcher's own severity wins over the rule's", () => {
    const rule = ruleOf({ kind: "string", values: ["http://**"], severity: "warn" });
    expect(rule.matchers[0]!.severity).toBe("warn");
  });
});
