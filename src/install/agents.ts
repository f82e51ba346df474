/**
 * `install --codex / --gemini / --cursor`: the guard's hook in the other agents' project config,
 * merged into what is there (other settings and hooks untouched), idempotent, and never written
 * over a file that is not valid JSON or not shaped as the agent expects (refused instead).
 *
 *   Codex   .codex/hooks.json     hooks.PreToolUse / PostToolUse / Stop / SessionStart: [{matcher?, hooks: [{type, command, timeout (s)}]}]
 *   Gemini  .gemini/settings.json hooks.BeforeTool / AfterTool / AfterAgent / SessionStart: [{matcher?, hooks: [{name, type, command, timeout (ms)}]}]
 *   Cursor  .cursor/hooks.json    {version: 1, hooks: {preToolUse: [{command}], beforeShellExecution: [{command}]}}
 *
 * The commands run through a shell from wherever the agent was started, so the script is found
 * from the repository root (`git rev-parse --show-toplevel`, else the current directory; Gemini
 * has ${GEMINI_PROJECT_DIR}).
 */
import { join } from "node:path";
import { DEFAULT_STYLE, formatJson, isObject, type Json, readJsonFile } from "./files.js";
import { callsGuard } from "./claude-settings.js";
import { hookShellForm } from "./hook-command.js";
import type { StepName, StepPlan } from "./plan.js";

export type AgentStep = "codex" | "gemini" | "cursor";
export const AGENT_STEPS: readonly AgentStep[] = ["codex", "gemini", "cursor"];

export function isAgentStep(step: string): step is AgentStep {
  return (AGENT_STEPS as readonly string[]).includes(step);
}

interface AgentConfig {
  file: string;
  /** Event name -> the entry to add to its array. */
  entries(script: string): Record<string, Json>;
  /** Top-level keys a new file starts with. */
  base: Json;
  /** A registration of ours that cannot work and is replaced (Gemini: the unbraced project dir variable). */
  broken?(command: string): boolean;
  /** What the user must still do for the agent to run the hooks (said after every install). */
  trust?(root: string): string;
}

/** Outside git, the directory the agent was started in stands for the root; sh picks the client (hook-command.ts). */
const fromRoot = (script: string, agent: AgentStep) => hookShellForm(`$(git rev-parse --show-toplevel 2>/dev/null || pwd)/${script}`, `hook --agent ${agent}`);

/**
 * Gemini substitutes `$GEMINI_PROJECT_DIR` into the command text already shell-quoted (so inside
 * double quotes a path with a space breaks), and leaves `${GEMINI_PROJECT_DIR}` for bash to expand
 * from the environment: inside double quotes that is safe for any path (spaces, quotes, `@ : , (`).
 */
const geminiCommand = (script: string) => hookShellForm(`\${GEMINI_PROJECT_DIR}/${script}`, "hook --agent gemini");
const codexHook = (script: string) => ({ type: "command", command: fromRoot(script, "codex"), timeout: 10 });
const geminiHook = (script: string) => ({ name: "integration-guard", type: "command", command: geminiCommand(script), timeout: 10_000 });

const CONFIGS: Record<AgentStep, AgentConfig> = {
  codex: {
    file: ".codex/hooks.json",
    base: {},
    // Before the call; after it (what a patch, a command or an MCP tool changed); at the turn
    // end (every file the session changed) against the snapshot taken at session start.
    entries: (script) => ({
      PreToolUse: { matcher: "apply_patch|Bash", hooks: [codexHook(script)] },
      PostToolUse: { matcher: "^(apply_patch|Bash|mcp__.*)$", hooks: [codexHook(script)] },
      Stop: { hooks: [codexHook(script)] },
      SessionStart: { hooks: [codexHook(script)] },
    }),
    trust: (root) =>
      `Codex runs a project hook only once it is trusted: trust the project, then run \`codex\` in ${root}, open /hooks and trust each integration-guard hook (again after any change to .codex/hooks.json). Until then Codex skips them silently; \`integration-guard doctor\` says whether they are trusted`,
  },
  gemini: {
    file: ".gemini/settings.json",
    base: {},
    entries: (script) => ({
      BeforeTool: { matcher: "write_file|replace|run_shell_command", hooks: [geminiHook(script)] },
      AfterTool: { matcher: "^(write_file|replace|run_shell_command|mcp__.*)$", hooks: [geminiHook(script)] },
      AfterAgent: { hooks: [geminiHook(script)] },
      SessionStart: { hooks: [geminiHook(script)] },
    }),
    broken: (command) => command.includes('"$GEMINI_PROJECT_DIR/'),
    trust: (root) =>
      `Gemini CLI loads project hooks only in a trusted folder: accept its trust prompt, or add ${JSON.stringify(root)}: "TRUST_FOLDER" to ~/.gemini/trustedFolders.json; \`integration-guard doctor\` checks it`,
  },
  cursor: {
    file: ".cursor/hooks.json",
    base: { version: 1 },
    entries: (script) => ({
      preToolUse: { command: fromRoot(script, "cursor") },
      beforeShellExecution: { command: fromRoot(script, "cursor") },
    }),
  },
};

/** The command strings of an entry (a matcher group or a bare hook). */
function commandsOf(entry: unknown): string[] {
  if (!isObject(entry)) return [];
  return [entry, ...(Array.isArray(entry.hooks) ? entry.hooks : [])].filter(isObject).map((h) => h.command).filter((c): c is string => typeof c === "string");
}

/** Is this entry (a matcher group or a bare hook) a call of the guard's hook? */
function isGuardEntry(entry: unknown): boolean {
  return commandsOf(entry).some((c) => callsGuard(c, "hook"));
}

class ShapeError extends Error {}

function hooksOf(config: unknown): { root: Json; hooks: Json } {
  if (!isObject(config)) throw new ShapeError("the file is not a JSON object");
  if (config.hooks === undefined) return { root: config, hooks: {} };
  if (!isObject(config.hooks)) throw new ShapeError('"hooks" is not an object');
  return { root: config, hooks: config.hooks };
}

export function addAgentHook(agent: AgentStep, config: unknown, script: string): { config: Json; changed: boolean } {
  const { root, hooks } = hooksOf(config);
  const { broken } = CONFIGS[agent];
  const isBroken = (entry: unknown) => broken !== undefined && commandsOf(entry).some(broken);
  const next: Json = { ...hooks };
  let changed = false;
  for (const [event, entry] of Object.entries(CONFIGS[agent].entries(script))) {
    const list = hooks[event] ?? [];
    if (!Array.isArray(list)) throw new ShapeError(`"hooks.${event}" is not an array`);
    if (list.some((e) => isGuardEntry(e) && !isBroken(e))) continue;
    next[event] = [...list.filter((e) => !(isGuardEntry(e) && isBroken(e))), entry];
    changed = true;
  }
  return { config: { ...CONFIGS[agent].base, ...root, hooks: next }, changed };
}

export function removeAgentHook(config: unknown): { config: Json; removed: number } {
  const { root, hooks } = hooksOf(config);
  const next: Json = {};
  let removed = 0;
  for (const [event, list] of Object.entries(hooks)) {
    if (!Array.isArray(list)) {
      next[event] = list;
      continue;
    }
    const kept = list.filter((entry) => !isGuardEntry(entry));
    removed += list.length - kept.length;
    if (kept.length > 0) next[event] = kept;
  }
  const rest: Json = { ...root };
  if (Object.keys(next).length > 0) rest.hooks = next;
  else delete rest.hooks;
  return { config: rest, removed };
}

export async function planAgentInstall(agent: AgentStep, root: string, script: string): Promise<StepPlan> {
  const { file } = CONFIGS[agent];
  const path = join(root, file);
  const current = await readJsonFile(path);
  if (current.kind === "invalid") return refused(agent, current.error);
  let next;
  try {
    next = addAgentHook(agent, current.kind === "ok" ? current.value : {}, script);
  } catch (error) {
    if (error instanceof ShapeError) return refused(agent, error.message);
    throw error;
  }
  const trust = CONFIGS[agent].trust?.(root);
  const then = trust ? `. ${trust}` : "";
  if (!next.changed) return { result: { step: agent as StepName, status: "unchanged", file, message: `the guard is already registered${then}` }, changes: [] };
  const text = formatJson(next.config, current.kind === "ok" ? current.style : DEFAULT_STYLE);
  const events = Object.keys(CONFIGS[agent].entries(script)).join(", ");
  return { result: { step: agent as StepName, status: "added", file, message: `registered the guard for ${events}${then}`, content: text }, changes: [{ path, text }] };
}

export async function planAgentUninstall(agent: AgentStep, root: string): Promise<StepPlan> {
  const { file, base } = CONFIGS[agent];
  const path = join(root, file);
  const current = await readJsonFile(path);
  if (current.kind === "missing") return absent(agent);
  if (current.kind === "invalid") return refused(agent, current.error);
  let next;
  try {
    next = removeAgentHook(current.value);
  } catch (error) {
    if (error instanceof ShapeError) return refused(agent, error.message);
    throw error;
  }
  if (next.removed === 0) return absent(agent);
  // A file holding nothing but what install put there goes away again.
  const empty = Object.keys(next.config).every((key) => key in base && next.config[key] === base[key]);
  const text = formatJson(next.config, current.style);
  return {
    result: { step: agent as StepName, status: "removed", file, message: empty ? "removed the guard's hooks; the file held nothing else and was deleted" : "removed the guard's hooks", ...(empty ? {} : { content: text }) },
    changes: [empty ? { path, delete: true, removeEmptyParent: true } : { path, text }],
  };
}

function refused(agent: AgentStep, reason: string): StepPlan {
  return {
    result: { step: agent as StepName, status: "refused", file: CONFIGS[agent].file, message: `not changed: ${reason}. Fix the file by hand (it was left exactly as it is), then run again` },
    changes: [],
  };
}

function absent(agent: AgentStep): StepPlan {
  return { result: { step: agent as StepName, status: "unchanged", file: CONFIGS[agent].file, message: "no guard hook registered" }, changes: [] };
}
