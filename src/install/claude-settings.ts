/**
 * The guard's entries in Claude Code settings, as pure functions over the parsed settings object:
 * add them, find them, remove them, and read matchers the way Claude Code does. The entries
 * (CLAUDE_ENTRIES): the check before the call (`PreToolUse`: the file tools and Bash), after it
 * (`PostToolUse`: the same and MCP tools), the turn-end backstop (`Stop`, `SubagentStop`), the
 * session-start snapshot it compares with, and `daemon --start` (`SessionStart`), so that even a
 * session's first edit finds the warm daemon (docs/daemon.md, docs/agents.md).
 * Everything else in the file (other settings, other tools' hooks) is carried over untouched.
 */
import { isObject, type Json } from "./files.js";
import { binBase, hookExecForm } from "./hook-command.js";

/** The tools that write files; the guard must see every one of them. */
export const WRITE_TOOLS = ["Write", "Edit", "MultiEdit", "NotebookEdit"] as const;
/** Checked before the call: the file tools, and Bash (what a command writes, src/sources/shell). */
export const GUARDED_TOOLS = [...WRITE_TOOLS, "Bash"] as const;
export const GUARD_MATCHER = GUARDED_TOOLS.join("|");
/**
 * Checked after the call: the same tools, and every MCP tool (a server's write_file has no
 * matcher of its own); anchored, so Bash does not also select BashOutput.
 */
export const AFTER_CALL_MATCHER = `^(${GUARDED_TOOLS.join("|")}|mcp__.*)$`;
/** Seconds (Claude Code's unit). The hook decides in well under a second; 10 leaves room for a cold start. */
export const GUARD_TIMEOUT_SECONDS = 10;
/** Claude Code's own default and the largest value that can be seconds rather than milliseconds. */
export const MAX_TIMEOUT_SECONDS = 600;

export interface CommandHook {
  type: "command";
  command: string;
  args?: string[];
  timeout?: number;
}

/**
 * Exec form (`command` + `args`): Claude Code spawns `sh` directly, so a project path with spaces
 * needs no quoting, and `${CLAUDE_PROJECT_DIR}` is substituted into each argument; sh then starts
 * the fast client or the Node bin (hook-command.ts).
 */
export function guardHookGroup(scriptPath: string): { matcher: string; hooks: CommandHook[] } {
  return { matcher: GUARD_MATCHER, hooks: [hookCommand(scriptPath)] };
}

/** Starts the daemon in the background and prints nothing (SessionStart stdout becomes model context). */
export function warmupHookGroup(scriptPath: string): { hooks: CommandHook[] } {
  return { hooks: [{ type: "command", command: "node", args: [scriptPath, "daemon", "--start"], timeout: GUARD_TIMEOUT_SECONDS }] };
}

export function isWarmupHook(hook: unknown): boolean {
  return isObject(hook) && typeof hook.command === "string" && callsGuard(commandLine(hook), "daemon --start");
}

/** The settings do not have the shape Claude Code reads: refuse rather than guess. */
export class SettingsShapeError extends Error {}

/** Does this matcher select this tool? Exact names or a `|` list; anything else is an unanchored regex. */
export function matcherMatches(matcher: unknown, tool: string): boolean {
  if (matcher === undefined || matcher === "" || matcher === "*") return true;
  if (typeof matcher !== "string") return false;
  if (/^[A-Za-z0-9_|]+$/.test(matcher)) return matcher.split("|").includes(tool);
  try {
    return new RegExp(matcher).test(tool);
  } catch {
    return false;
  }
}

/**
 * Does this command line (a shell string, or command and args joined) run integration-guard's
 * `subcommand`, in any form: the bin, the .cjs file or the old .mjs name, quoted or not, npx?
 * Every installer recognises our entries with it (Claude Code, other agents, git hooks).
 */
export function callsGuard(line: string, subcommand: "hook" | "lint" | "daemon --start"): boolean {
  const words = subcommand.split(" ").join(String.raw`\s+`);
  return new RegExp(String.raw`integration-guard(?:\.[cm]js|\.pl)?["']?\s+${words}(?:\s|["']|$)`).test(line);
}

/** A command hook's whole command line (exec form: command and args). */
function commandLine(hook: Json): string {
  const args = Array.isArray(hook.args) ? hook.args.filter((a): a is string => typeof a === "string") : [];
  return [String(hook.command), ...args].join(" ");
}

/**
 * A package runner (npx, bunx, pnpx, npm exec, pnpm dlx/exec, yarn dlx) in a hook's command line:
 * seconds per write, and a timeout or an offline registry lets the write through. install replaces
 * such a registration and doctor fails it: the same test in both, so doctor's fix really fixes.
 */
export const PACKAGE_RUNNERS = /(^|[\s/"'])(npx|bunx|pnpx|npm\s+exec|pnpm\s+(dlx|exec)|yarn\s+dlx)(\s|$)/;

/** Is this hook an integration-guard `hook` call, in any form (exec, shell string, npx)? */
export function isGuardHook(hook: unknown): boolean {
  return isObject(hook) && hook.type === "command" && typeof hook.command === "string" && callsGuard(commandLine(hook), "hook");
}

/** A guard hook as installed would register it: timeout in seconds, foreground, no npx, at `script`. */
function isSoundGuardHook(hook: unknown, script: string): boolean {
  if (!isGuardHook(hook)) return false;
  const command = hook as Json;
  const words = [command.command, ...(Array.isArray(command.args) ? command.args : [])].map(String).join(" ");
  return (
    (command.timeout === undefined || (typeof command.timeout === "number" && command.timeout > 0 && command.timeout <= MAX_TIMEOUT_SECONDS)) &&
    command.async !== true &&
    !PACKAGE_RUNNERS.test(words) &&
    // The bin itself (.cjs) or the fast client's chooser, which is given the path without extension.
    words.includes(binBase(script))
  );
}

/** The events the guard registers in Claude Code settings. */
export type ClaudeEvent = "PreToolUse" | "PostToolUse" | "Stop" | "SubagentStop" | "SessionStart";

function groupsOf(settings: unknown, event: ClaudeEvent): { root: Json; groups: unknown[] | undefined } {
  if (!isObject(settings)) throw new SettingsShapeError("the file is not a JSON object");
  const hooks = settings.hooks;
  if (hooks === undefined) return { root: settings, groups: undefined };
  if (!isObject(hooks)) throw new SettingsShapeError('"hooks" is not an object');
  const groups = hooks[event];
  if (groups === undefined) return { root: settings, groups: undefined };
  if (!Array.isArray(groups)) throw new SettingsShapeError(`"hooks.${event}" is not an array`);
  return { root: settings, groups };
}

/** Every group without our hooks (`ours`); groups left empty by that are dropped. */
function withoutOurs(groups: readonly unknown[], ours: (hook: unknown) => boolean): { groups: unknown[]; removed: number } {
  let removed = 0;
  const kept: unknown[] = [];
  for (const group of groups) {
    if (!isObject(group) || !Array.isArray(group.hooks)) {
      kept.push(group);
      continue;
    }
    const hooks = group.hooks.filter((hook) => !ours(hook));
    removed += group.hooks.length - hooks.length;
    if (hooks.length === group.hooks.length) kept.push(group);
    else if (hooks.length > 0) kept.push({ ...group, hooks });
  }
  return { groups: kept, removed };
}

export type SettingsChange = "added" | "replaced" | "unchanged";

/** One of our entries in the settings: where it goes, how to recognise it, and what a sound one is. */
interface Entry {
  event: ClaudeEvent;
  ours(hook: unknown): boolean;
  /** An entry already there that works for `script` (project-relative) and is left as it is. */
  healthy(group: unknown, script: string): boolean;
  group(scriptPath: string): unknown;
}

/** A group with a sound guard hook whose matcher selects every one of `tools`. */
function coversWithGuard(tools: readonly string[]): Entry["healthy"] {
  return (group, script) =>
    isObject(group) && tools.every((tool) => matcherMatches(group.matcher, tool)) && Array.isArray(group.hooks) && group.hooks.some((hook) => isSoundGuardHook(hook, script));
}

/** The guard's hook command (exec form); the payload says which event it answers. */
function hookCommand(scriptPath: string): CommandHook {
  return { type: "command", ...hookExecForm(scriptPath, ["hook"]), timeout: GUARD_TIMEOUT_SECONDS };
}

const GUARD: Entry = { event: "PreToolUse", ours: isGuardHook, healthy: coversWithGuard(GUARDED_TOOLS), group: guardHookGroup };
const AFTER_CALL: Entry = {
  event: "PostToolUse",
  ours: isGuardHook,
  healthy: coversWithGuard([...GUARDED_TOOLS, "mcp__filesystem__write_file"]),
  group: (scriptPath) => ({ matcher: AFTER_CALL_MATCHER, hooks: [hookCommand(scriptPath)] }),
};
/** The turn-end backstop: no matcher (Stop and SubagentStop have none to match). */
const turnEnd = (event: "Stop" | "SubagentStop"): Entry => ({ event, ours: isGuardHook, healthy: coversWithGuard([]), group: (scriptPath) => ({ hooks: [hookCommand(scriptPath)] }) });
/** Records the working tree the session starts from (prints nothing: SessionStart stdout is model context). */
const SNAPSHOT: Entry = { event: "SessionStart", ours: isGuardHook, healthy: coversWithGuard([]), group: (scriptPath) => ({ hooks: [hookCommand(scriptPath)] }) };
const WARMUP: Entry = {
  event: "SessionStart",
  ours: isWarmupHook,
  healthy: (group, script) => isObject(group) && Array.isArray(group.hooks) && group.hooks.some((hook) => isWarmupHook(hook) && JSON.stringify(hook).includes(script)),
  group: warmupHookGroup,
};

/** Every entry install --claude writes, in the order they are added. */
export const CLAUDE_ENTRIES: readonly Entry[] = [GUARD, AFTER_CALL, turnEnd("Stop"), turnEnd("SubagentStop"), SNAPSHOT, WARMUP];

/**
 * Registers one entry. A working registration already there is left as it is (idempotent, and a
 * user's own flags such as --fail-closed survive); a broken one (ms timeout, a matcher missing
 * Edit or Bash, npx, async, another script path) is replaced.
 */
export function addEntry(settings: unknown, scriptPath: string, entry: Entry): { settings: unknown; change: SettingsChange } {
  const { root, groups } = groupsOf(settings, entry.event);
  const script = scriptPath.replace(/^\$\{CLAUDE_PROJECT_DIR\}\//, "");
  if (groups?.some((group) => entry.healthy(group, script))) return { settings, change: "unchanged" };
  const { groups: kept, removed } = withoutOurs(groups ?? [], entry.ours);
  const hooks = isObject(root.hooks) ? root.hooks : {};
  return {
    settings: { ...root, hooks: { ...hooks, [entry.event]: [...kept, entry.group(scriptPath)] } },
    change: removed > 0 ? "replaced" : "added",
  };
}

/** Removes one entry's hooks, and the containers that only held them. */
export function removeEntry(settings: unknown, entry: Entry): { settings: unknown; removed: number } {
  const { root, groups } = groupsOf(settings, entry.event);
  if (!groups) return { settings, removed: 0 };
  const { groups: kept, removed } = withoutOurs(groups, entry.ours);
  if (removed === 0) return { settings, removed };
  const hooks = withKey(root.hooks as Json, entry.event, kept.length > 0 ? kept : undefined);
  return { settings: withKey(root, "hooks", Object.keys(hooks).length > 0 ? hooks : undefined), removed };
}

/** A copy with `key` set in its original position, or dropped when value is undefined. */
function withKey(object: Json, key: string, value: unknown): Json {
  const next: Json = {};
  for (const [k, v] of Object.entries(object)) {
    if (k !== key) next[k] = v;
    else if (value !== undefined) next[k] = value;
  }
  return next;
}

/** The `hooks` object install --claude writes into empty settings (also the shipped hooks/hooks.json). */
export function claudeHooksFor(scriptPath: string): Json {
  let settings: unknown = {};
  for (const entry of CLAUDE_ENTRIES) settings = addEntry(settings, scriptPath, entry).settings;
  return (settings as Json).hooks as Json;
}
