/**
 * What install and doctor say about a project's rules (rules/project.ts): how many loaded, and
 * every problem (file and field). undefined for a project without an `.integration-guard` folder.
 */
import { loadProjectRules } from "./project.js";
import { projectFolder } from "./project-files.js";

export interface ProjectRulesSummary {
  /** Valid rules of the project's own folder and packs. */
  projectRules: number;
  /** Rules that run, the built-in ones included (after config.yaml's off). */
  totalRules: number;
  problems: string[];
}

export async function summarizeProjectRules(root: string): Promise<ProjectRulesSummary | undefined> {
  if (!projectFolder(root)) return undefined;
  const loaded = await loadProjectRules(root);
  return { projectRules: loaded.projectRuleCount, totalRules: loaded.rules.length, problems: loaded.problems };
}

export function describeProjectRules(summary: ProjectRulesSummary): string {
  const count = `${summary.projectRules} project rule${summary.projectRules === 1 ? "" : "s"} loaded from .integration-guard (${summary.totalRules} rules run)`;
  return summary.problems.length === 0 ? count : `${count}; ${summary.problems.length} problem${summary.problems.length === 1 ? "" : "s"}:\n  ${summary.problems.join("\n  ")}`;
}
