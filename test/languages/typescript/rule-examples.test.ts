/**
 * Every TS/JS example of the built-in rule files, run through the engine (the adapter, the SQL it
 * embeds, the compiled rules): invalid examples report at exactly their `lines`, valid ones report nothing.
 */
import { describe, expect, test } from "vitest";
import type { Document } from "../../../src/core/types.js";
import { checkDocument } from "../../../src/engine/check.js";
import { languageOfPath } from "../../../src/languages/registry.js";
import { compileRules } from "../../../src/rules/compile.js";
import { loadRuleDirectory } from "../../../src/rules/load.js";

const { rules } = await loadRuleDirectory("rules");

async function linesOf(ruleId: string, file: string, code: string): Promise<number[]> {
  const language = languageOfPath(file)!;
  const doc: Document = { path: file, text: code, language };
  const compiled = compileRules(rules.filter((r) => r.id === ruleId).map(({ examples: _examples, ...rule }) => rule));
  const { findings } = await checkDocument(doc, compiled, { diskImports: false });
  return [...new Set(findings.map((f) => f.line))].sort((a, b) => a - b);
}

const isScript = (file: string) => ["typescript", "javascript"].includes(languageOfPath(file) ?? "");

for (const rule of rules) {
  describe(rule.id, () => {
    rule.examples.invalid.forEach((example, index) => {
      const file = example.file ?? "example.ts";
      if (!isScript(file)) return;
      test(`invalid example ${index + 1} reports at lines ${JSON.stringify(example.lines)}`, async () => {
        expect(await linesOf(rule.id, file, example.code)).toEqual(example.lines ?? []);
      });
    });
    rule.examples.valid.forEach((example, index) => {
      const file = example.file ?? "example.ts";
      if (!isScript(file)) return;
      test(`valid example ${index + 1} reports nothing`, async () => {
        expect(await linesOf(rule.id, file, example.code)).toEqual([]);
      });
    });
  });
}

test("the rule files hold TypeScript examples (this test cannot pass vacuously)", () => {
  const count = rules.flatMap((r) => [...r.examples.invalid, ...r.examples.valid]).filter((e) => isScript(e.file ?? "example.ts")).length;
  expect(count).toBeGreaterThanOrEqual(20);
});
