/**
 * Doctor for the rest of the guard: the Claude Code events besides PreToolUse (after the call,
 * turn end, session start), and whether Codex and Gemini CLI will run the hooks install wrote
 * for them at all. Both skip a project's hooks silently until the user trusts them:
 *   - Codex: the project (`[projects."<root>"] trust_level = "trusted"` in $CODEX_HOME/config.toml)
 *     and each hook (`[hooks.state."<.codex/hooks.json>:<event>:<group>:<hook>"] trusted_hash`,
 *     recorded by /hooks in the TUI; editing the command changes its hash);
 *   - Gemini: the folder (GEMINI_CLI_TRUST_WORKSPACE=true, folder trust turned off, or a
 *     TRUST_FOLDER / TRUST_PARENT rule in ~/.gemini/trustedFolders.json, the longest match winning).
 */
import { readFileSync, realpathSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, relative, isAbsolute } from "node:path";
import { callsGuard } from "../install/claude-settings.js";
import { isObject, type Json, readJsonFile } from "../install/files.js";
import type { Check } from "./checks.js";
import { AFTER_CALL_PROBES, type BackstopCoverage } from "./settings.js";

const pass = (id: string, message: string): Check => ({ id, status: "pass", message });
const fail = (id: string, message: string, fix: string): Check => ({ id, status: "fail", message, fix });
const INSTALL_CLAUDE = "run `integration-guard install --claude`";

/** Claude Code: the after-the-call check, the turn-end backstop and its session-start snapshot. */
export function backstopChecks(coverage: BackstopCoverage): Check[] {
  const missed = AFTER_CALL_PROBES.filter((tool) => !coverage.afterCall.includes(tool));
  const turnEnd = [coverage.stop ? undefined : "Stop", coverage.subagentStop ? undefined : "SubagentStop"].filter(Boolean);
  return [
    missed.length === 0
      ? pass("after-call", "PostToolUse runs the guard after Bash and MCP calls: a file a command just broke is told at once")
      : fail("after-call", `no PostToolUse guard hook for ${missed.join(", ")}: what python -c, a script or an MCP server writes is not told after the call`, INSTALL_CLAUDE),
    turnEnd.length === 0
      ? pass("turn-end", "Stop and SubagentStop run the guard: the agent cannot end its turn with a violation in the files it changed")
      : fail("turn-end", `no guard hook on ${turnEnd.join(" and ")}: an agent can end its turn with a violation written by a route no other check sees`, INSTALL_CLAUDE),
    coverage.sessionStart
      ? pass("session-start", "SessionStart records the working tree, so the turn end blames only what the session changed")
      : fail("session-start", "no guard hook on SessionStart: the turn end compares with HEAD and may blame changes made before the session", INSTALL_CLAUDE),
  ];
}

/** The guard's hooks in a Codex or Gemini hooks file: their event, group and position. */
function guardPositions(config: unknown): Array<{ event: string; group: number; hook: number; command: string }> {
  const hooks = isObject(config) && isObject(config.hooks) ? config.hooks : {};
  const found: Array<{ event: string; group: number; hook: number; command: string }> = [];
  for (const [event, groups] of Object.entries(hooks)) {
    if (!Array.isArray(groups)) continue;
    groups.forEach((group, g) => {
      const list = isObject(group) && Array.isArray(group.hooks) ? group.hooks : [];
      list.forEach((hook, h) => {
        if (isObject(hook) && typeof hook.command === "string" && callsGuard(hook.command, "hook")) found.push({ event, group: g, hook: h, command: hook.command });
      });
    });
  }
  return found;
}

/** PreToolUse -> pre_tool_use: Codex's key label for an event. */
const snake = (event: string) => event.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase();

/** Codex: is the project trusted, and is each of the guard's hooks trusted? */
export async function codexChecks(root: string, env: NodeJS.ProcessEnv): Promise<Check[]> {
  const hooksFile = join(root, ".codex", "hooks.json");
  const file = await readJsonFile(hooksFile);
  if (file.kind !== "ok") return [];
  const positions = guardPositions(file.value);
  if (positions.length === 0) return [];
  const configPath = join(env.CODEX_HOME || join(homedir(), ".codex"), "config.toml");
  let config = "";
  try {
    config = readFileSync(configPath, "utf8");
  } catch {
    // No user config: nothing is trusted yet.
  }
  const trustFix = `run \`codex\` in ${root}, trust the project, open /hooks and trust the integration-guard hooks (for a throwaway run only: codex --dangerously-bypass-hook-trust)`;
  const checks: Check[] = [];
  const roots = [root, realOrSelf(root)];
  const projectTrusted = roots.some((r) => /trust_level\s*=\s*"trusted"/.test(tomlEntry(config, r) ?? ""));
  checks.push(
    projectTrusted
      ? pass("codex-project", `Codex trusts the project (${configPath}), so it loads .codex/hooks.json`)
      : fail("codex-project", `Codex does not trust ${root}: it does not load .codex/hooks.json, and no guard hook runs`, trustFix),
  );
  const files = [hooksFile, realOrSelf(hooksFile)];
  const untrusted = positions.filter(({ event, group, hook }) =>
    !files.some((path) => /trusted_hash\s*=\s*"[^"]+"/.test(tomlEntry(config, `${path}:${snake(event)}:${group}:${hook}`) ?? "")),
  );
  checks.push(
    untrusted.length === 0
      ? pass("codex-hooks", `each guard hook has a trusted hash in ${configPath} (trust it again after editing .codex/hooks.json)`)
      : fail(
          "codex-hooks",
          `${untrusted.length} of ${positions.length} guard hooks are not trusted (${untrusted.map((p) => p.event).join(", ")}): codex skips them silently and lets every write through`,
          trustFix,
        ),
  );
  return checks;
}

/** Gemini CLI: is the folder trusted (else project hooks never load), and can the command find the script in any path? */
export async function geminiChecks(root: string, env: NodeJS.ProcessEnv): Promise<Check[]> {
  const file = await readJsonFile(join(root, ".gemini", "settings.json"));
  if (file.kind !== "ok") return [];
  const positions = guardPositions(file.value);
  if (positions.length === 0) return [];
  const checks: Check[] = [];
  const unbraced = positions.filter((p) => p.command.includes('"$GEMINI_PROJECT_DIR/'));
  checks.push(
    unbraced.length === 0
      ? pass("gemini-command", "the hook commands find the script in any project path (${GEMINI_PROJECT_DIR}, expanded by bash)")
      : fail("gemini-command", '"$GEMINI_PROJECT_DIR/..." is substituted shell-quoted by Gemini: in a path with a space the hook fails and every write goes through', "run `integration-guard install --gemini`"),
  );
  const trust = await geminiTrust(root, env);
  const trustedFolders = env.GEMINI_CLI_TRUSTED_FOLDERS_PATH || join(homedir(), ".gemini", "trustedFolders.json");
  checks.push(
    trust.trusted
      ? pass("gemini-trust", `Gemini CLI trusts the folder (${trust.why}), so it loads the project hooks`)
      : fail(
          "gemini-trust",
          `Gemini CLI does not trust ${root} (${trust.why}): it does not load .gemini/settings.json, and no guard hook runs`,
          `accept Gemini's trust prompt in ${root}, or add ${JSON.stringify(root)}: "TRUST_FOLDER" to ${trustedFolders}`,
        ),
  );
  return checks;
}

async function geminiTrust(root: string, env: NodeJS.ProcessEnv): Promise<{ trusted: boolean; why: string }> {
  if (env.GEMINI_CLI_TRUST_WORKSPACE === "true") return { trusted: true, why: "GEMINI_CLI_TRUST_WORKSPACE=true" };
  const user = await readJsonFile(join(homedir(), ".gemini", "settings.json"));
  const security = user.kind === "ok" && isObject(user.value) && isObject(user.value.security) ? user.value.security : undefined;
  if (security && isObject(security.folderTrust) && security.folderTrust.enabled === false) return { trusted: true, why: "folder trust is turned off in ~/.gemini/settings.json" };
  const path = env.GEMINI_CLI_TRUSTED_FOLDERS_PATH || join(homedir(), ".gemini", "trustedFolders.json");
  const rules = await readJsonFile(path);
  if (rules.kind !== "ok" || !isObject(rules.value)) return { trusted: false, why: `no rule for it in ${path}` };
  const location = realOrSelf(root);
  let best: { length: number; level: unknown } | undefined;
  for (const [rule, level] of Object.entries(rules.value as Json)) {
    const base = realOrSelf(level === "TRUST_PARENT" ? dirname(rule) : rule);
    const rel = relative(base, location);
    const within = rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
    if (within && (!best || rule.length > best.length)) best = { length: rule.length, level };
  }
  if (!best) return { trusted: false, why: `no rule for it in ${path}` };
  if (best.level === "TRUST_FOLDER" || best.level === "TRUST_PARENT") return { trusted: true, why: `${best.level} in ${path}` };
  return { trusted: false, why: `${String(best.level)} in ${path}` };
}

/**
 * The text of a TOML table or inline table keyed by `key` (a `[x."key"]` header up to the next
 * header, or `"key" = { ... }`): enough to read one setting without a TOML parser.
 */
function tomlEntry(toml: string, key: string): string | undefined {
  for (const quoted of [JSON.stringify(key), `'${key}'`]) {
    let at = toml.indexOf(quoted);
    while (at >= 0) {
      const lineStart = toml.lastIndexOf("\n", at) + 1;
      const line = toml.slice(lineStart, toml.indexOf("\n", at) < 0 ? undefined : toml.indexOf("\n", at));
      if (/^\s*\[/.test(line)) {
        const next = toml.slice(lineStart + line.length).search(/\n\s*\[/);
        return toml.slice(lineStart + line.length, next < 0 ? undefined : lineStart + line.length + next);
      }
      const inline = /=\s*\{([^}]*)\}/.exec(toml.slice(at + quoted.length));
      if (inline && toml.slice(at + quoted.length, at + quoted.length + inline.index).trim() === "") return inline[1];
      at = toml.indexOf(quoted, at + quoted.length);
    }
  }
  return undefined;
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
