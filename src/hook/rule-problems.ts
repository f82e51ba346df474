/**
 * Problems of a project's rule files (rules/project.ts) as the hook tells them: one line each on
 * stderr, and a warning the agent reads with its verdict (the user sees it in the transcript), so
 * a broken rule file never makes the guard silently weaker. The valid rules still run.
 */
import type { Verdict } from "../core/hook-types.js";
import type { Finding } from "../core/types.js";

export const INVALID_PROJECT_RULE = {
  id: "invalid-project-rule",
  message: "A project rule file of integration-guard is invalid: that rule is not checked",
  help: "Fix the rule file named above (run `integration-guard test-rules` or `integration-guard doctor` to list every problem). Every valid rule is still checked.",
} as const;

/** "file: field: message" -> a warning at line 1 of that file. */
export function ruleProblemWarnings(problems: readonly string[]): Finding[] {
  return problems.map((problem) => {
    const file = problem.slice(0, Math.max(0, problem.indexOf(": "))) || ".integration-guard";
    return {
      ruleId: INVALID_PROJECT_RULE.id,
      severity: "warn",
      message: `${INVALID_PROJECT_RULE.message}: ${problem}`,
      help: INVALID_PROJECT_RULE.help,
      file,
      span: { start: 0, end: 0 },
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
      fingerprint: `${INVALID_PROJECT_RULE.id}:${problem}`,
    };
  });
}

/** Adds the rule file problems to a verdict that speaks to the agent (it judged at least one write). */
export function withRuleProblems(verdict: Verdict, problems: readonly string[]): Verdict {
  return problems.length === 0 ? verdict : { ...verdict, warnings: [...verdict.warnings, ...ruleProblemWarnings(problems)] };
}
