/**
 * The guard's entries in Claude Code settings, as pure functions over the parsed settings object:
 * add them, find them, remove them, and read matchers the way Claude Code does. Two entries: the
 * hook itself (`hooks.PreToolUse`), and `daemon --start` at session start (`hooks.SessionStart`),
 * so that even a session's first edit finds the warm daemon (docs/daemon.md).
 * Everything else in the file (other settings, other tools' hooks) is carried over untouched.
 */
import { isObject, type Json } from "./files.js";

/** The tools that write files; the guard must see every one of them. */
export const WRITE_TOOLS = ["Write", "Edit", "MultiEdit", "NotebookEdit"] as const;
export const GUARD_MATCHER = WRITE_TOOLS.join("|");
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
 * Exec form (`command` + `args`): Claude Code spawns `node` directly, so a project path with
 * spaces needs no quoting, and `${CLAUDE_PROJECT_DIR}` is substituted into each argument.
 */
export function guardHookGroup(scriptPath: string): { matcher: string; hooks: CommandHook[] } {
  return {
    matcher: GUARD_MATCHER,
    hooks: [{ type: "command", command: "node", args: [scriptPath, "hook"], timeout: GUARD_TIMEOUT_SECONDS }],
  };
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
  return new RegExp(String.raw`integration-guard(?:\.[cm]js)?["']?\s+${words}(?:\s|["']|$)`).test(line);
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

/**
 * A registration that works: covers every write tool, timeout in seconds, runs in the foreground,
 * no npx, and calls the script where it is installed (`script`, project-relative).
 */
function isHealthyGuardGroup(group: unknown, script: string): boolean {
  if (!isObject(group) || !WRITE_TOOLS.every((tool) => matcherMatches(group.matcher, tool))) return false;
  const hooks = Array.isArray(group.hooks) ? group.hooks : [];
  return hooks.some((hook) => {
    if (!isGuardHook(hook)) return false;
    const words = [hook.command, ...(Array.isArray(hook.args) ? hook.args : [])].map(String).join(" ");
    return (
      (hook.timeout === undefined || (typeof hook.timeout === "number" && hook.timeout > 0 && hook.timeout <= MAX_TIMEOUT_SECONDS)) &&
      hook.async !== true &&
      !PACKAGE_RUNNERS.test(words) &&
      words.includes(script)
    );
  });
}

function groupsOf(settings: unknown, event: "PreToolUse" | "SessionStart"): { root: Json; groups: unknown[] | undefined } {
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
  event: "PreToolUse" | "SessionStart";
  ours(hook: unknown): boolean;
  /** An entry already there that works for `script` (project-relative) and is left as it is. */
  healthy(group: unknown, script: string): boolean;
  group(scriptPath: string): unknown;
}

const GUARD: Entry = { event: "PreToolUse", ours: isGuardHook, healthy: isHealthyGuardGroup, group: guardHookGroup };
const WARMUP: Entry = {
  event: "SessionStart",
  ours: isWarmupHook,
  healthy: (group, script) => isObject(group) && Array.isArray(group.hooks) && group.hooks.some((hook) => isWarmupHook(hook) && JSON.stringify(hook).includes(script)),
  group: warmupHookGroup,
};

/**
 * Registers the guard. A working registration already there is left as it is (idempotent, and a
 * user's own flags such as --fail-closed survive); a broken one (ms timeout, a matcher missing
 * Edit, npx, async, another script path) is replaced.
 */
export const addGuard = (settings: unknown, scriptPath: string) => addEntry(settings, scriptPath, GUARD);
/** Removes the guard's hooks, and the containers that only held them. */
export const removeGuard = (settings: unknown) => removeEntry(settings, GUARD);
/** Adds `daemon --start` at session start, unless an entry calling it for this script is there. */
export const addWarmup = (settings: unknown, scriptPath: string) => addEntry(settings, scriptPath, WARMUP);
/** Removes `daemon --start` from SessionStart, and the containers that only held it. */
export const removeWarmup = (settings: unknown) => removeEntry(settings, WARMUP);

function addEntry(settings: unknown, scriptPath: string, entry: Entry): { settings: unknown; change: SettingsChange } {
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

function removeEntry(settings: unknown, entry: Entry): { settings: unknown; removed: number } {
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
