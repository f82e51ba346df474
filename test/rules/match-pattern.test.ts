/** The `pattern` kind: request ids and languages, `where` over captures (values, paths, not), load-time problems. */
import { describe, expect, it } from "vitest";
import type { Capture, PatternFact } from "../../src/core/types.js";
import { factRequestOf, RuleCompileError } from "../../src/rules/compile.js";
import { parseRuleText } from "../../src/rules/load.js";
import { at, reported, ruleOf, spanOf, value } from "./helpers.js";

const found = (pattern: string, captures: Record<string, Capture>): PatternFact => ({ kind: "pattern", span: at(), pattern, captures });

describe("pattern matcher", () => {
  it("asks for its template under a unique id and the rule's language family", () => {
    const rule = ruleOf([{ kind: "member", paths: ["x.y"] }, { kind: "pattern", pattern: "$CLIENT.query($SQL)" }], { languages: ["typescript", "javascript"] });
    expect(rule.request.patterns).toEqual([{ id: "team-rule#1", language: "typescript", template: "$CLIENT.query($SQL)" }]);
    const py = ruleOf({ kind: "pattern", pattern: "requests.get($URL, verify=False)" }, { languages: ["python"] });
    expect(py.request.patterns[0]!.language).toBe("python");
    expect(factRequestOf([rule, py])).toEqual({ kinds: new Set(["member"]), patterns: [...rule.request.patterns, ...py.request.patterns] });
  });

  it("where: values, paths and not over what the metavariables folded to", () => {
    const rule = ruleOf(
      { kind: "pattern", pattern: "$CLIENT.query($SQL)", where: { SQL: { values: ["/^\\s*delete\\b/i"] }, CLIENT: { not: { paths: ["adminDb", "db.admin"] } } } },
      { languages: ["typescript"] },
    );
    const id = "team-rule#0";
    const hit = found(id, { CLIENT: { text: "pool", value: value([]) }, SQL: { text: "SQL", value: value(["DELETE FROM t"]) } });
    const admin = found(id, { CLIENT: { text: "conn", value: value([], { paths: ["db.admin"] }) }, SQL: { text: "q", value: value(["delete from t"]) } });
    const select = found(id, { CLIENT: { text: "pool", value: value([]) }, SQL: { text: "q", value: value(["SELECT 1"]) } });
    const otherRequest = found("other#0", hit.captures);
    expect(reported(rule, [hit, admin, select, otherRequest])).toEqual([spanOf(hit)]);
  });

  it("a where on no metavariable, or a rule of both families without language, is a load-time problem with its field", () => {
    const problemsOf = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return (error as RuleCompileError).problems;
      }
      return [];
    };
    expect(problemsOf(() => ruleOf({ kind: "pattern", pattern: "eval($X)", where: { Y: { values: ["*"] } } }, { languages: ["javascript"] }))).toEqual([
      expect.stringMatching(/^match\.0\.where\.Y: /),
    ]);
    expect(problemsOf(() => ruleOf({ kind: "pattern", pattern: "eval($X)" }, { languages: ["javascript", "python"] }))).toEqual([
      expect.stringMatching(/^match\.0\.language: /),
    ]);
  });

  it("a template that does not parse in the language the rule compiles it for is a load-time problem (sql beside one family too)", async () => {
    const ruleFile = (languages: string, pattern: string) => `id: team-rule
severity: block
languages: [${languages}]
message: m
help: h
match:
  - kind: pattern
    pattern: ${JSON.stringify(pattern)}
examples:
  invalid: [{ code: "x" }]
  valid: [{ code: "y" }]
`;
    const problems = async (languages: string, pattern: string) => {
      const parsed = await parseRuleText("rule.yaml", ruleFile(languages, pattern));
      return parsed.ok ? [] : parsed.problems;
    };
    // The rule asks for a python template (match/pattern.ts patternLanguage), so python must parse it.
    expect(ruleOf({ kind: "pattern", pattern: "def (" }, { languages: ["python", "sql"] }).request.patterns[0]?.language).toBe("python");
    expect(await problems("python, sql", "def (")).toEqual([expect.stringMatching(/^rule\.yaml: match\.0\.pattern: /)]);
    expect(await problems("typescript, sql", "foo(((")).toEqual([expect.stringMatching(/^rule\.yaml: match\.0\.pattern: /)]);
    expect(await problems("python, sql", "requests.get($URL, verify=False)")).toEqual([]);
  });
});
