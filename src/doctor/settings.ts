/**
 * The Claude Code settings that apply to a project, and the PreToolUse hooks in them that can see a
 * file write. Claude Code merges hooks from every level, so each file is read on its own.
 */
import { homedir } from "node:os";
import { join } from "node:path";
import { isObject, type Json, readJsonFile } from "../install/files.js";
import { GUARDED_TOOLS, isGuardHook, matcherMatches } from "../install/claude-settings.js";

export interface SettingsSource {
  /** As shown to the user: `.claude/settings.json`, `~/.claude/settings.json`. */
  label: string;
  path: string;
  state: "read" | "absent" | "invalid";
  error?: string;
  /** `"disableAllHooks": true`: Claude Code runs no hook at all. */
  disablesHooks?: boolean;
}

export interface RegisteredHook {
  source: string;
  matcher: unknown;
  /** Which of the guarded tools (the write tools and Bash) the matcher selects. */
  covers: string[];
  command: string;
  args?: string[];
  timeout?: unknown;
  /** `"async": true` runs the hook in the background: it can never block. */
  async?: boolean;
  guard: boolean;
}

/** Project, project-local and user settings ($CLAUDE_CONFIG_DIR replaces ~/.claude, as in Claude Code). */
export function settingsFiles(root: string, env: NodeJS.ProcessEnv = process.env): Array<{ label: string; path: string }> {
  const userDir = env.CLAUDE_CONFIG_DIR || join(homedir(), ".claude");
  return [
    { label: ".claude/settings.json", path: join(root, ".claude", "settings.json") },
    { label: ".claude/settings.local.json", path: join(root, ".claude", "settings.local.json") },
    { label: env.CLAUDE_CONFIG_DIR ? join(userDir, "settings.json") : "~/.claude/settings.json", path: join(userDir, "settings.json") },
  ];
}

export async function readRegistrations(root: string, env?: NodeJS.ProcessEnv): Promise<{ sources: SettingsSource[]; hooks: RegisteredHook[] }> {
  const sources: SettingsSource[] = [];
  const hooks: RegisteredHook[] = [];
  for (const { label, path } of settingsFiles(root, env)) {
    const file = await readJsonFile(path);
    if (file.kind !== "ok") {
      sources.push(file.kind === "missing" ? { label, path, state: "absent" } : { label, path, state: "invalid", error: file.error });
      continue;
    }
    const disablesHooks = isObject(file.value) && file.value.disableAllHooks === true;
    sources.push({ label, path, state: "read", ...(disablesHooks ? { disablesHooks } : {}) });
    const groups = isObject(file.value) && isObject(file.value.hooks) ? file.value.hooks.PreToolUse : undefined;
    if (!Array.isArray(groups)) continue;
    for (const group of groups) {
      if (!isObject(group) || !Array.isArray(group.hooks)) continue;
      const covers: string[] = GUARDED_TOOLS.filter((tool) => matcherMatches(group.matcher, tool));
      for (const hook of group.hooks) {
        if (!isObject(hook) || hook.type !== "command" || typeof hook.command !== "string") continue;
        const guard = isGuardHook(hook);
        // A hook that sees no write tool matters only when it is the guard (then its matcher is the bug).
        if (covers.length === 0 && !guard) continue;
        hooks.push({
          source: label,
          matcher: group.matcher,
          covers,
          command: hook.command,
          ...(Array.isArray(hook.args) ? { args: hook.args.map(String) } : {}),
          ...(hook.timeout !== undefined ? { timeout: hook.timeout } : {}),
          ...(hook.async === true ? { async: true } : {}),
          guard,
        });
      }
    }
  }
  return { sources, hooks };
}

/** Exec form with each argument quoted when it has spaces; shell form as written. */
export function describeHook(hook: Pick<RegisteredHook, "command" | "args">): string {
  if (!hook.args) return hook.command;
  return [hook.command, ...(hook.args ?? [])].map((part) => (/\s/.test(part) ? JSON.stringify(part) : part)).join(" ");
}

/** Where the guard is registered besides PreToolUse: the after-the-call check, the turn end, the session start. */
export interface BackstopCoverage {
  /** PostToolUse guard hooks cover these of Bash and an MCP tool. */
  afterCall: string[];
  stop: boolean;
  subagentStop: boolean;
  sessionStart: boolean;
}

/** Reads the same settings files as readRegistrations, for the guard's other events. */
export async function readBackstopCoverage(root: string, env?: NodeJS.ProcessEnv): Promise<BackstopCoverage> {
  const coverage: BackstopCoverage = { afterCall: [], stop: false, subagentStop: false, sessionStart: false };
  for (const { path } of settingsFiles(root, env)) {
    const file = await readJsonFile(path);
    if (file.kind !== "ok" || !isObject(file.value) || !isObject(file.value.hooks)) continue;
    const hooks = file.value.hooks;
    const guardGroups = (event: string) =>
      (Array.isArray(hooks[event]) ? hooks[event] : []).filter((g): g is Json => isObject(g) && Array.isArray(g.hooks) && g.hooks.some(isGuardHook));
    for (const group of guardGroups("PostToolUse")) {
      for (const tool of AFTER_CALL_PROBES) if (matcherMatches(group.matcher, tool) && !coverage.afterCall.includes(tool)) coverage.afterCall.push(tool);
    }
    coverage.stop ||= guardGroups("Stop").length > 0;
    coverage.subagentStop ||= guardGroups("SubagentStop").length > 0;
    coverage.sessionStart ||= guardGroups("SessionStart").length > 0;
  }
  return coverage;
}

/** What the after-the-call check must see: Bash (python -c, scripts) and MCP tools. */
export const AFTER_CALL_PROBES = ["Bash", "mcp__filesystem__write_file"] as const;
