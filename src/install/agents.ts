/**
 * `install --codex / --gemini / --cursor`: the guard's hook in the other agents' project config,
 * merged into what is there (other settings and hooks untouched), idempotent, and never written
 * over a file that is not valid JSON or not shaped as the agent expects (refused instead).
 *
 *   Codex   .codex/hooks.json     hooks.PreToolUse: [{matcher, hooks: [{type, command, timeout (s)}]}]
 *   Gemini  .gemini/settings.json hooks.BeforeTool: [{matcher, hooks: [{name, type, command, timeout (ms)}]}]
 *   Cursor  .cursor/hooks.json    {version: 1, hooks: {preToolUse: [{command}], beforeShellExecution: [{command}]}}
 *
 * The commands run through a shell from wherever the agent was started, so the script is found
 * from the repository root (`git rev-parse --show-toplevel`, else the current directory; Gemini
 * has $GEMINI_PROJECT_DIR).
 */
import { join } from "node:path";
import { DEFAULT_STYLE, formatJson, isObject, type Json, readJsonFile } from "./files.js";
import { callsGuard } from "./claude-settings.js";
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
}

/** Outside git, the directory the agent was started in stands for the root. */
const fromRoot = (script: string) => `node "$(git rev-parse --show-toplevel 2>/dev/null || pwd)/${script}"`;

const CONFIGS: Record<AgentStep, AgentConfig> = {
  codex: {
    file: ".codex/hooks.json",
    base: {},
    entries: (script) => ({
      PreToolUse: { matcher: "apply_patch|Bash", hooks: [{ type: "command", command: `${fromRoot(script)} hook --agent codex`, timeout: 10 }] },
    }),
  },
  gemini: {
    file: ".gemini/settings.json",
    base: {},
    entries: (script) => ({
      BeforeTool: {
        matcher: "write_file|replace|run_shell_command",
        hooks: [{ name: "integration-guard", type: "command", command: `node "$GEMINI_PROJECT_DIR/${script}" hook --agent gemini`, timeout: 10_000 }],
      },
    }),
  },
  cursor: {
    file: ".cursor/hooks.json",
    base: { version: 1 },
    entries: (script) => ({
      preToolUse: { command: `${fromRoot(script)} hook --agent cursor` },
      beforeShellExecution: { command: `${fromRoot(script)} hook --agent cursor` },
    }),
  },
};

/** Is this entry (a matcher group or a bare hook) a call of the guard's hook? */
function isGuardEntry(entry: unknown): boolean {
  if (!isObject(entry)) return false;
  const commands = [entry, ...(Array.isArray(entry.hooks) ? entry.hooks : [])].filter(isObject).map((h) => h.command);
  return commands.some((c) => typeof c === "string" && callsGuard(c, "hook"));
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
  const next: Json = { ...hooks };
  let changed = false;
  for (const [event, entry] of Object.entries(CONFIGS[agent].entries(script))) {
    const list = hooks[event] ?? [];
    if (!Array.isArray(list)) throw new ShapeError(`"hooks.${event}" is not an array`);
    if (list.some(isGuardEntry)) continue;
    next[event] = [...list, entry];
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
  if (!next.changed) return { result: { step: agent as StepName, status: "unchanged", file, message: "the guard is already registered" }, changes: [] };
  const text = formatJson(next.config, current.kind === "ok" ? current.style : DEFAULT_STYLE);
  const events = Object.keys(CONFIGS[agent].entries(script)).join(" and ");
  return { result: { step: agent as StepName, status: "added", file, message: `registered the guard for ${events}`, content: text }, changes: [{ path, text }] };
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
