/**
 * Every Python and SQL example of rules/*.yaml, through the engine (checkDocument): invalid
 * examples report exactly their `lines` for that rule, valid ones report nothing for it.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkDocument } from "../../../src/engine/check.js";
import { languageOfPath } from "../../../src/languages/registry.js";
import { compileRules } from "../../../src/rules/compile.js";
import { loadRuleDirectory } from "../../../src/rules/load.js";

const RULES_DIR = join(fileURLToPath(new URL("../../../rules", import.meta.url)));
const { rules } = await loadRuleDirectory(RULES_DIR);
const compiled = compileRules(rules.map(({ examples: _examples, ...rule }) => rule));

const cases = rules.flatMap((rule) =>
  (["invalid", "valid"] as const).flatMap((kind) =>
    rule.examples[kind]
      .filter((example) => example.file !== undefined && /\.(py|sql)$/.test(example.file))
      .map((example, i) => ({ rule: rule.id, kind, name: `${rule.id} ${kind} #${i + 1} (${example.file})`, example })),
  ),
);

describe("rule examples in Python and SQL", () => {
  it("covers both languages", () => {
    const files = new Set(cases.map((c) => c.example.file!.split(".").pop()));
    expect(files).toEqual(new Set(["py", "sql"]));
  });

  it.each(cases)("$name", async ({ rule, kind, example }) => {
    const file = example.file!;
    const result = await checkDocument({ path: file, text: example.code, language: languageOfPath(file)! }, compiled);
    const lines = result.findings.filter((f) => f.ruleId === rule).map((f) => f.line);
    expect(lines).toEqual(kind === "invalid" ? example.lines ?? [] : []);
    expect(result.notes).toEqual([]);
  });
});
