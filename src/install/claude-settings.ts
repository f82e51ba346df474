/**
 * The guard's entries in Claude Code settings, as pure functions over the parsed settings object:
 * add them, find them, remove them, and read matchers the way Claude Code does. Two entries: the
 * hook itself (`hooks.PreToolUse`), and `daemon --start` at session start (`hooks.SessionStart`),
 * so that even a session's first edit finds the warm daemon (docs/daemon.md).
 * Everything else in the file (other settings, other tools' hooks) is carried over untouched.
 */

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
  if (!isObject(hook) || typeof hook.command !== "string") return false;
  const args = Array.isArray(hook.args) ? hook.args.map(String) : [];
  return /integration-guard(?:\.[cm]js)?["']?\s+daemon\s+--start\b/.test([hook.command, ...args].join(" "));
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

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

/** Is this hook an integration-guard `hook` call, in any form (exec, shell string, npx)? */
export function isGuardHook(hook: unknown): boolean {
  if (!isObject(hook) || hook.type !== "command" || typeof hook.command !== "string") return false;
  const args = Array.isArray(hook.args) ? hook.args.filter((a): a is string => typeof a === "string") : [];
  return /integration-guard(?:\.[cm]js)?["']?\s+hook(?:\s|["']|$)/.test([hook.command, ...args].join(" "));
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
      !/\bnpx\b/.test(words) &&
      words.includes(script)
    );
  });
}

function preToolUseOf(settings: unknown): { root: Json; groups: unknown[] | undefined } {
  return groupsOf(settings, "PreToolUse");
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
function withoutGuard(groups: readonly unknown[], ours: (hook: unknown) => boolean = isGuardHook): { groups: unknown[]; removed: number } {
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

/**
 * Registers the guard. A working registration already there is left as it is (idempotent, and a
 * user's own flags such as --fail-closed survive); a broken one (ms timeout, a matcher missing
 * Edit, npx, async, another script path) is replaced.
 */
export function addGuard(settings: unknown, scriptPath: string): { settings: unknown; change: SettingsChange } {
  const { root, groups } = preToolUseOf(settings);
  const script = scriptPath.replace(/^\$\{CLAUDE_PROJECT_DIR\}\//, "");
  if (groups?.some((group) => isHealthyGuardGroup(group, script))) return { settings, change: "unchanged" };
  const { groups: kept, removed } = withoutGuard(groups ?? []);
  const hooks = isObject(root.hooks) ? root.hooks : {};
  return {
    settings: { ...root, hooks: { ...hooks, PreToolUse: [...kept, guardHookGroup(scriptPath)] } },
    change: removed > 0 ? "replaced" : "added",
  };
}

/** Removes the guard's hooks, and the containers that only held them. */
export function removeGuard(settings: unknown): { settings: unknown; removed: number } {
  const { root, groups } = preToolUseOf(settings);
  if (!groups) return { settings, removed: 0 };
  const { groups: kept, removed } = withoutGuard(groups);
  if (removed === 0) return { settings, removed };
  const hooks = withKey(root.hooks as Json, "PreToolUse", kept.length > 0 ? kept : undefined);
  return { settings: withKey(root, "hooks", Object.keys(hooks).length > 0 ? hooks : undefined), removed };
}

/** Adds `daemon --start` at session start, unless an entry calling it for this script is there. */
export function addWarmup(settings: unknown, scriptPath: string): { settings: unknown; change: SettingsChange } {
  const { root, groups } = groupsOf(settings, "SessionStart");
  const script = scriptPath.replace(/^\$\{CLAUDE_PROJECT_DIR\}\//, "");
  const current = (groups ?? []).some(
    (group) => isObject(group) && Array.isArray(group.hooks) && group.hooks.some((hook) => isWarmupHook(hook) && JSON.stringify(hook).includes(script)),
  );
  if (current) return { settings, change: "unchanged" };
  const { groups: kept, removed } = withoutGuard(groups ?? [], isWarmupHook);
  const hooks = isObject(root.hooks) ? root.hooks : {};
  return { settings: { ...root, hooks: { ...hooks, SessionStart: [...kept, warmupHookGroup(scriptPath)] } }, change: removed > 0 ? "replaced" : "added" };
}

/** Removes `daemon --start` from SessionStart, and the containers that only held it. */
export function removeWarmup(settings: unknown): { settings: unknown; removed: number } {
  const { root, groups } = groupsOf(settings, "SessionStart");
  if (!groups) return { settings, removed: 0 };
  const { groups: kept, removed } = withoutGuard(groups, isWarmupHook);
  if (removed === 0) return { settings, removed };
  const hooks = withKey(root.hooks as Json, "SessionStart", kept.length > 0 ? kept : undefined);
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
