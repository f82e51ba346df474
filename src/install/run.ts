/** Runs the install/uninstall steps the flags ask for, and applies their plans unless --dry-run. */
import { applyChanges, type StepName, type StepPlan, type StepResult } from "./plan.js";
import { isAgentStep, planAgentInstall, planAgentUninstall } from "./agents.js";
import { planClaudeInstall, planClaudeUninstall } from "./claude-step.js";
import { planGitInstall, planGitUninstall } from "./git-step.js";
import { planLintStagedInstall, planLintStagedUninstall } from "./lint-staged-step.js";
import { planPreCommitInstall, planPreCommitUninstall } from "./pre-commit-step.js";
import { guardScript, NOT_INSTALLED, projectRoot } from "./project.js";
import { type ProjectRulesSummary, summarizeProjectRules } from "../rules/project-summary.js";

export interface RunOptions {
  cwd: string;
  steps: readonly StepName[];
  dryRun: boolean;
}

export interface RunReport {
  root: string;
  dryRun: boolean;
  steps: StepResult[];
  /** install only, when the project has .integration-guard/: its rules validated (nothing is copied). */
  projectRules?: ProjectRulesSummary;
}

/** The steps of a run without step flags. */
export const DEFAULT_INSTALL_STEPS: readonly StepName[] = ["claude", "git"];
export const ALL_STEPS: readonly StepName[] = ["claude", "git", "lint-staged", "pre-commit", "codex", "gemini", "cursor"];

export async function runInstall(options: RunOptions): Promise<RunReport> {
  const root = await projectRoot(options.cwd);
  const script = guardScript(root);
  const plans: StepPlan[] = [];
  for (const step of options.steps) {
    if (script === undefined && step !== "lint-staged") {
      plans.push({ result: { step, status: "refused", message: NOT_INSTALLED }, changes: [] });
      continue;
    }
    plans.push(
      isAgentStep(step) ? await planAgentInstall(step, root, script!)
      : step === "claude" ? await planClaudeInstall(root, script!)
      : step === "git" ? await planGitInstall(root, script!)
      : step === "lint-staged" ? await planLintStagedInstall(root)
      : await planPreCommitInstall(root, script!),
    );
  }
  const report = await finish(root, plans, options.dryRun);
  const projectRules = await summarizeProjectRules(root);
  return projectRules ? { ...report, projectRules } : report;
}

export async function runUninstall(options: RunOptions): Promise<RunReport> {
  const root = await projectRoot(options.cwd);
  const plans: StepPlan[] = [];
  for (const step of options.steps) {
    plans.push(
      isAgentStep(step) ? await planAgentUninstall(step, root)
      : step === "claude" ? await planClaudeUninstall(root)
      : step === "git" ? await planGitUninstall(root, guardScript(root))
      : step === "lint-staged" ? await planLintStagedUninstall(root)
      : await planPreCommitUninstall(root),
    );
  }
  return finish(root, plans, options.dryRun);
}

async function finish(root: string, plans: readonly StepPlan[], dryRun: boolean): Promise<RunReport> {
  if (!dryRun) for (const plan of plans) await applyChanges(plan.changes);
  return { root, dryRun, steps: plans.map((plan) => plan.result) };
}
