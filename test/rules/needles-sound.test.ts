/**
 * The pre-check is sound on every example of every rule (rules/ and examples/rules/): whenever the
 * engine, run without the pre-check, reports a rule on an example, the rule's needles let that
 * text through (rules/compile.ts mayMatch). A needle that a finding's text lacks would make the
 * hook skip a violation.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { languageOfPath } from "../../src/languages/registry.js";
import { checkDocument } from "../../src/engine/check.js";
import { compileRule, mayMatch } from "../../src/rules/compile.js";
import { loadRuleDirectory } from "../../src/rules/load.js";

const DIRS = ["../../rules", "../../examples/rules"].map((dir) => fileURLToPath(new URL(dir, import.meta.url)));
const rules = (await Promise.all(DIRS.map(loadRuleDirectory))).flatMap((loaded) => loaded.rules);
const DEFAULT_FILE = { typescript: "example.ts", javascript: "example.js", python: "example.py", sql: "example.sql" } as const;

describe("a finding implies mayMatch", () => {
  it("covers both rule folders", () => {
    expect(rules.length).toBeGreaterThanOrEqual(10);
  });

  it.each(rules.map((rule) => [rule.id, rule] as const))("%s", async (_, rule) => {
    const compiled = compileRule(rule);
    // The same rule with the pre-check off: every document is parsed and matched.
    const unchecked = { ...compiled, needles: null };
    let findings = 0;
    for (const example of [...rule.examples.invalid, ...rule.examples.valid]) {
      const file = example.file ?? DEFAULT_FILE[rule.languages[0] ?? "typescript"];
      const language = languageOfPath(file)!;
      const result = await checkDocument({ path: file, text: example.code, language }, [unchecked], { diskImports: false });
      if (result.findings.length === 0) continue;
      findings++;
      expect(mayMatch(example.code, [compiled]), `${rule.id}: ${file} has a finding but no needle of ${JSON.stringify(compiled.needles)}`).toBe(true);
    }
    // The rule is exercised: at least one example is reported.
    expect(findings).toBeGreaterThan(0);
  });
});
