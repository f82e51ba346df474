/**
 * The fast path's words for a payload (cli/commands/hook.ts): the built-in pack's, plus those of
 * the project's own rules when the project has a `.integration-guard` folder.
 *
 * Which folder is the project's is decided by the full path per agent (agents.ts context: the
 * agent's project dir variable, workspace root, payload cwd). The fast path must never look
 * elsewhere than the full path would, so it looks at every one of those places (usually one: the
 * project dir and the payload's cwd are the same folder, so a project without rules costs one
 * failed stat).
 */
import { resolve } from "node:path";
import type { RuleNeedles } from "../rules/compile.js";
import { cachedProjectNeedles } from "../rules/project-files.js";
import { HOOK_ENV_KEYS } from "./io.js";

/** Places the full hook may take as the project dir for this payload. */
export function projectDirCandidates(payload: unknown, env: NodeJS.ProcessEnv, cwd: string): string[] {
  const dirs: string[] = [];
  for (const key of HOOK_ENV_KEYS) if (env[key]) dirs.push(env[key]!);
  if (typeof payload === "object" && payload !== null) {
    const { cwd: payloadCwd, workspace_roots: roots } = payload as Record<string, unknown>;
    if (typeof payloadCwd === "string" && payloadCwd !== "") dirs.push(payloadCwd);
    if (Array.isArray(roots) && typeof roots[0] === "string") dirs.push(roots[0]);
  }
  dirs.push(cwd);
  return [...new Set(dirs.map((dir) => resolve(cwd, dir)))];
}

/**
 * The needles of every rule that could apply (built-in first), or null when some project's rule
 * words are not known cheaply (a changed or broken rule file): then the full path decides.
 */
export function payloadNeedles(payload: unknown, builtin: readonly RuleNeedles[], env: NodeJS.ProcessEnv, cwd: string): readonly RuleNeedles[] | null {
  let needles: readonly RuleNeedles[] = builtin;
  for (const dir of projectDirCandidates(payload, env, cwd)) {
    const project = cachedProjectNeedles(dir, env);
    if (project === null) return null;
    if (project) needles = [...needles, ...project];
  }
  return needles;
}
