/**
 * `test-rules` output. Text: one line per rule on stdout (its failures under it), the summary and
 * the rule file problems on stderr. JSON (--json): the whole report on stdout, problems included.
 *
 *   ok    no-cloud-provider-integrations-table  14 examples  rules/no-cloud-provider-integrations-table.yaml
 *   FAIL  no-legacy-auth-import                  2 examples  .integration-guard/rules/no-legacy-auth-import.yaml
 *         invalid example #1 (src/app/login.ts): expected a finding, got none
 *   ok    no-raw-sql                              3 examples  .integration-guard/rules/no-raw-sql.yaml
 *         always parsed: no literal words for the pre-check, a slower hook
 */
import type { ExampleReport } from "../engine/rule-examples.js";
import { paint } from "./text.js";

export interface RuleTestReport {
  rules: Array<ExampleReport & { file: string | undefined }>;
  /** Bad rule or config files, one line each (file: field: problem). */
  problems: string[];
}

export function renderRuleTests(report: RuleTestReport, options: { json: boolean; color: boolean }): { stdout: string; stderr: string } {
  const examples = report.rules.reduce((n, r) => n + r.examples, 0);
  const failed = report.rules.reduce((n, r) => n + r.failures.length, 0);
  const slow = report.rules.filter((r) => r.needles === null).map((r) => r.ruleId);
  const problems = report.problems.length > 0 ? `integration-guard test-rules: invalid rule files:\n${report.problems.join("\n")}\n` : "";
  if (options.json) {
    const rules = report.rules.map((r) => ({ ...r, alwaysParsed: r.needles === null }));
    const summary = { rules: report.rules.length, examples, passed: examples - failed, failed, alwaysParsed: slow };
    return { stdout: `${JSON.stringify({ rules, problems: report.problems, summary }, null, 2)}\n`, stderr: problems };
  }

  const p = paint(options.color);
  const width = Math.max(0, ...report.rules.map((r) => r.ruleId.length));
  const out: string[] = [];
  for (const r of report.rules) {
    const status = r.failures.length === 0 ? p.green("ok  ") : p.red("FAIL");
    const count = `${r.examples} example${r.examples === 1 ? "" : "s"}`;
    out.push(`${status}  ${r.ruleId.padEnd(width)}  ${count.padStart(12)}  ${p.dim(r.file ?? "")}`.trimEnd());
    for (const f of r.failures) out.push(`      ${f.kind} example #${f.index + 1} (${f.file}): ${f.problem}`);
    if (r.needles === null) out.push(p.yellow("      always parsed: no literal words for the pre-check, a slower hook"));
  }
  const summary = [`${examples - failed} passed, ${failed} failed (${report.rules.length} rule${report.rules.length === 1 ? "" : "s"})`];
  if (slow.length > 0) summary.push(`always parsed (no literal words for the fast pre-check, slower hook): ${slow.join(", ")}`);
  return { stdout: out.length > 0 ? `${out.join("\n")}\n` : "", stderr: `${problems}${summary.join("\n")}\n` };
}
