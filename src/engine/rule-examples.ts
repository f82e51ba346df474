/**
 * Runs every rule's inline examples (the ast-grep / Semgrep way): each `invalid` example must get
 * findings of that rule (on exactly `lines` when given), each `valid` example none. Used by
 * `integration-guard test-rules` and by the test suite, so a rule file is tested as it is written.
 */
import { join } from "node:path";
import type { LanguageId } from "../core/types.js";
import { checkDocument } from "./check.js";
import { languageOfPath } from "../languages/registry.js";
import { compileRule } from "../rules/compile.js";
import type { Rule, RuleExample } from "../rules/schema.js";

export interface ExampleFailure {
  ruleId: string;
  kind: "valid" | "invalid";
  index: number;
  file: string;
  problem: string;
}

export interface ExampleReport {
  ruleId: string;
  examples: number;
  failures: ExampleFailure[];
  /**
   * The rule's words for the text pre-check (CompiledRule.needles); null when it has none, so
   * every file of its languages is parsed (a slower hook).
   */
  needles: string[] | null;
}

const DEFAULT_FILE: Readonly<Record<LanguageId, string>> = {
  typescript: "example.ts",
  javascript: "example.js",
  python: "example.py",
  sql: "example.sql",
};

/** Where examples are "checked": a root no file is read from (diskImports: false). */
const EXAMPLE_PROJECT_ROOT = join("/", "integration-guard-example-project");

export async function runRuleExamples(rule: Rule): Promise<ExampleReport> {
  const compiled = compileRule(rule);
  const failures: ExampleFailure[] = [];
  const run = async (kind: "valid" | "invalid", example: RuleExample, index: number) => {
    const file = example.file ?? DEFAULT_FILE[rule.languages[0] ?? "typescript"];
    const fail = (problem: string) => failures.push({ ruleId: rule.id, kind, index, file, problem });
    const language = languageOfPath(file);
    if (!language) return fail(`no language reads ${file}`);
    // `file` is a project-relative path, so that a rule's files / ignore globs apply to examples too.
    const doc = { path: file, text: example.code, language, diskPath: join(EXAMPLE_PROJECT_ROOT, file) };
    const { findings, notes } = await checkDocument(doc, [compiled], { diskImports: false, projectRoot: EXAMPLE_PROJECT_ROOT });
    const lines = [...new Set(findings.map((f) => f.line))].sort((a, b) => a - b);
    if (kind === "valid" && findings.length > 0) return fail(`expected no finding, got line(s) ${lines.join(", ")}`);
    if (kind === "invalid") {
      if (findings.length === 0) return fail(`expected a finding, got none${notes[0] ? ` (${notes[0].message})` : ""}`);
      const expected = [...new Set(example.lines ?? [])].sort((a, b) => a - b);
      if (example.lines && expected.join(",") !== lines.join(",")) {
        return fail(`expected line(s) ${expected.join(", ")}, got ${lines.join(", ")}`);
      }
    }
  };
  for (const [i, example] of rule.examples.valid.entries()) await run("valid", example, i);
  for (const [i, example] of rule.examples.invalid.entries()) await run("invalid", example, i);
  return { ruleId: rule.id, examples: rule.examples.valid.length + rule.examples.invalid.length, failures, needles: compiled.needles };
}
