/**
 * What can make a registered guard not block, one check each, with the fix when it fails.
 * Static checks read the registration; live checks run it on the sample payloads.
 */
import { existsSync } from "node:fs";
import { delimiter, isAbsolute, join } from "node:path";
import { GUARD_MATCHER, GUARD_TIMEOUT_SECONDS, GUARDED_TOOLS, MAX_TIMEOUT_SECONDS, PACKAGE_RUNNERS } from "../install/claude-settings.js";
import { expandPlaceholders, type HookRun } from "./run-hook.js";
import type { RegisteredHook } from "./settings.js";

export type CheckStatus = "pass" | "fail";

export interface Check {
  id: string;
  status: CheckStatus;
  message: string;
  fix?: string;
}

const pass = (id: string, message: string): Check => ({ id, status: "pass", message });
const fail = (id: string, message: string, fix: string): Check => ({ id, status: "fail", message, fix });

export function matcherCheck(hook: RegisteredHook): Check {
  const missed = GUARDED_TOOLS.filter((tool) => !hook.covers.includes(tool));
  const shown = hook.matcher === undefined ? "(none: every tool)" : JSON.stringify(hook.matcher);
  if (missed.length === 0) return pass("matcher", `matcher ${shown} covers ${GUARDED_TOOLS.join(", ")}`);
  return fail(
    "matcher",
    `matcher ${shown} misses ${missed.join(", ")}: those writes are never checked (a matcher is an exact name, a | list, or else an unanchored regex)`,
    `set "matcher": "${GUARD_MATCHER}"`,
  );
}

export function timeoutCheck(hook: RegisteredHook): Check {
  const { timeout } = hook;
  if (timeout === undefined) return pass("timeout", `no timeout: Claude Code's default of ${MAX_TIMEOUT_SECONDS} s applies (${GUARD_TIMEOUT_SECONDS} is enough)`);
  if (typeof timeout !== "number" || !(timeout > 0)) {
    return fail("timeout", `timeout ${JSON.stringify(timeout)} is not a positive number of seconds`, `set "timeout": ${GUARD_TIMEOUT_SECONDS}`);
  }
  if (timeout > MAX_TIMEOUT_SECONDS) {
    return fail(
      "timeout",
      `timeout ${timeout} looks like milliseconds: Claude Code reads seconds, so a stuck hook would stall every write for ${Math.round(timeout / 60)} minutes`,
      `set "timeout": ${GUARD_TIMEOUT_SECONDS} (seconds)`,
    );
  }
  return pass("timeout", `timeout ${timeout} s`);
}

/** Only reported when set: an async hook runs in the background and its answer comes too late to block. */
export function asyncCheck(hook: RegisteredHook): Check | undefined {
  if (!hook.async) return undefined;
  return fail("async", '"async": true runs the hook in the background: it can never block a write', 'remove "async" from the hook');
}

export function runnerCheck(hook: RegisteredHook): Check {
  const line = [hook.command, ...(hook.args ?? [])].join(" ");
  if (!PACKAGE_RUNNERS.test(line)) return pass("runner", "runs the installed binary directly (no npx)");
  return fail(
    "runner",
    "the hook starts through a package runner (npx...): that costs seconds on every write, and a timeout or an offline registry lets the write through",
    `run \`integration-guard install --claude\`, or use "command": "node", "args": ["\${CLAUDE_PROJECT_DIR}/node_modules/integration-guard/dist/integration-guard.cjs", "hook"] (install registers the faster form of docs/daemon.md)`,
  );
}

/** Exec form only: the executable and the script it is given must exist (else 127 / a crash: fail open). */
export function pathCheck(hook: RegisteredHook, projectDir: string, env: NodeJS.ProcessEnv = process.env): Check | undefined {
  if (!hook.args) return undefined;
  const command = expandPlaceholders(hook.command, projectDir);
  const onPath = (name: string) => (env.PATH ?? "").split(delimiter).some((dir) => dir && existsSync(join(dir, name)));
  const commandFound = command.includes("/") ? existsSync(isAbsolute(command) ? command : join(projectDir, command)) : onPath(command);
  if (!commandFound) {
    return fail("path", `"${command}" is not found (Claude Code gets exit 127 and lets the write through)`, "use \"command\": \"node\" (on PATH) or an absolute path");
  }
  for (const given of hook.args) {
    // The bin's path without extension is what the fast client's chooser gets (install/hook-command.ts): its Node bin must exist.
    const arg = /\/dist\/integration-guard$/.test(given) ? `${given}.cjs` : given;
    if (!/\.(m?js|cjs|sh)$/.test(arg)) continue;
    const path = expandPlaceholders(arg, projectDir);
    const absolute = isAbsolute(path) ? path : join(projectDir, path);
    if (!existsSync(absolute)) {
      return fail(
        "path",
        `script ${arg} does not exist (${absolute}): the hook crashes and Claude Code lets the write through`,
        "run `npm install` (and `npm run build` in the integration-guard repository), or `integration-guard install --claude` to register the right path",
      );
    }
  }
  return pass("path", `${command} and its script exist`);
}

function lastLine(text: string): string {
  return text.trim().split("\n").at(-1)?.slice(0, 300) ?? "";
}

/** Why a run did not behave, in the terms of the fix: 127, 126, timeout, a crash. */
function failedRun(run: HookRun, timeoutMs: number): { message: string; fix: string } | undefined {
  if (run.timedOut) return { message: `no answer within ${timeoutMs / 1000} s (Claude Code lets the write through on a timeout)`, fix: "run the command by hand with a payload on stdin to see where it hangs" };
  if (run.exitCode === 127) {
    return { message: `command not found (exit 127${run.spawnError ? `, ${run.spawnError}` : ""}): Claude Code lets the write through`, fix: "correct the path in the hook, or run `integration-guard install --claude`" };
  }
  if (run.exitCode === 126) return { message: "the script is not executable (exit 126): Claude Code lets the write through", fix: "chmod +x the script, or run it through node with the exec form (`integration-guard install --claude`)" };
  if (run.exitCode !== 0 && run.exitCode !== 2) {
    return { message: `the hook failed (exit ${run.exitCode}${run.stderr ? `: ${lastLine(run.stderr)}` : ""}): a non-blocking error, Claude Code lets the write through`, fix: "run the command by hand with a payload on stdin and fix the error" };
  }
  return undefined;
}

type Decision = { kind: "deny"; reason: string } | { kind: "none" } | { kind: "other"; decision: string } | { kind: "not-json"; stdout: string };

function decisionOf(stdout: string): Decision {
  if (stdout.trim() === "") return { kind: "none" };
  let output: unknown;
  try {
    output = JSON.parse(stdout);
  } catch {
    return { kind: "not-json", stdout };
  }
  const specific = (output as { hookSpecificOutput?: { permissionDecision?: unknown; permissionDecisionReason?: unknown } })?.hookSpecificOutput;
  if (specific?.permissionDecision === "deny") return { kind: "deny", reason: String(specific.permissionDecisionReason ?? "") };
  return specific?.permissionDecision === undefined ? { kind: "none" } : { kind: "other", decision: String(specific.permissionDecision) };
}

export function denyCheck(run: HookRun, timeoutMs: number): Check {
  const broken = failedRun(run, timeoutMs);
  if (broken) return fail("deny", `blocked write: ${broken.message}`, broken.fix);
  if (run.exitCode === 2) return pass("deny", `blocks the sample write (exit 2${run.stderr ? `: ${lastLine(run.stderr)}` : ""})`);
  const decision = decisionOf(run.stdout);
  if (decision.kind === "deny") return pass("deny", `denies the sample write: ${lastLine(decision.reason.split("\n")[0] ?? "")}`);
  if (decision.kind === "not-json") {
    return fail(
      "deny",
      `stdout is not one JSON object (${JSON.stringify(run.stdout.slice(0, 80))}): Claude Code ignores it and lets the write through`,
      "stdout must hold only the deny JSON: remove banners or logs (write them to stderr)",
    );
  }
  return fail(
    "deny",
    (decision.kind === "other" ? `answered "${decision.decision}" instead of deny for supabase.from("cloud_provider_integrations")` : `allowed a write of supabase.from("cloud_provider_integrations")`) +
      (run.stderr.trim() ? ` (hook said: ${lastLine(run.stderr)})` : ""),
    "check the rules the hook loads (--rules) and `integration-guard test-rules`",
  );
}

export function allowCheck(run: HookRun, timeoutMs: number): Check {
  const broken = failedRun(run, timeoutMs);
  if (broken) return fail("allow", `clean write: ${broken.message}`, broken.fix);
  const decision = decisionOf(run.stdout);
  if (run.exitCode === 2 || decision.kind === "deny") {
    return fail("allow", "blocks a clean write too: the agent cannot write any file", "run the command by hand with a clean payload and read its reason");
  }
  if (decision.kind === "not-json") return fail("allow", "prints something that is not JSON on a clean write", "stdout must stay empty when the hook allows");
  return pass("allow", "lets a clean write through");
}
