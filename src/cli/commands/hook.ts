/**
 * `integration-guard hook`: one agent hook payload on stdin (Claude Code, Codex, Gemini CLI, Cursor;
 * before or after the tool call), a decision on stdout in that agent's format.
 *
 * Kept small on purpose: every edit an agent makes pays for this file's start-up. It reads the
 * payload, asks the fast path (src/hook/fast-path.ts) whether anything could match at all, and
 * only then asks the warm daemon (src/daemon/, docs/daemon.md) for the answer, or, when there is
 * none, loads the full hook in this process (src/hook/run.ts: validation, rebuild, parsers, output)
 * and starts a daemon for the next call.
 */
import { payloadNeedsNoCheck } from "../../hook/fast-path.js";
import { HOOK_USAGE, parseHookFlags } from "../../hook/flags.js";
import { loadBuiltinNeedles } from "../../rules/builtin.js";
import { type HookIO, hookEnvOf } from "../../hook/io.js";
import type { HookOptions } from "../../hook/options.js";
import { EXIT, type Command } from "../command.js";
import { readStdin, StdinError } from "../../hook/stdin.js";
import { MAX_DAEMON_PAYLOAD, MAX_SCAN_BYTES } from "../../core/limits.js";
import { mayMatch } from "../../rules/compile.js";
import { payloadNeedles } from "../../hook/project-needles.js";

/**
 * A payload carries at most a text of MAX_SCAN_BYTES plus the old fragments, JSON-escaped. Past
 * it the payload is still read to its end, to tell whether it could hold a violation (run.ts).
 */
const MAX_PAYLOAD_BYTES = 2 * MAX_SCAN_BYTES;
const STDIN_TIMEOUT_MS = 5_000;


const hook: Command = async (args) => {
  let options: HookOptions;
  let noDaemon: boolean;
  try {
    const flags = parseHookFlags(args);
    if (flags.help) {
      process.stderr.write(HOOK_USAGE);
      return EXIT.ok;
    }
    ({ options, noDaemon } = flags);
  } catch (error) {
    process.stderr.write(`integration-guard hook: ${(error as Error).message}\n${HOOK_USAGE}`);
    return EXIT.usage;
  }

  let input: string | StdinError;
  try {
    // With --rules the words are not known yet: any oversized payload could match. Asked only of an
    // oversized payload (not parsed: the project's rule words are those of our env and cwd).
    const mayMatter = options.rules === undefined ? oversizedMayMatter() : undefined;
    input = await readStdin({ maxBytes: MAX_PAYLOAD_BYTES, timeoutMs: STDIN_TIMEOUT_MS, mayMatter });
  } catch (error) {
    if (!(error instanceof StdinError)) throw error;
    input = error;
  }
  const cwd = currentDir();
  if (typeof input === "string" && options.rules === undefined && cwd !== undefined && payloadNeedsNoCheck(input, process.env, cwd)) return EXIT.ok;
  // Loaded only past the fast path: its socket code pulls in node:net, which an everyday edit need not pay for.
  const { askDaemon, daemonTarget, startDaemon } = await import("../../daemon/client.js");
  const target = typeof input === "string" && !noDaemon && input.length <= MAX_DAEMON_PAYLOAD ? daemonTarget(process.env) : undefined;
  if (target === undefined || typeof input !== "string" || cwd === undefined) return runInProcess(input, options);

  const answer = await askDaemon(target, { op: "hook", key: target.key, input, options, env: hookEnvOf(process.env), cwd });
  if (answer.kind === "answered") {
    process.stderr.write(answer.stderr);
    process.stdout.write(answer.stdout);
    return answer.exitCode;
  }
  const code = await runInProcess(input, options);
  // After this call's answer is computed, so the new daemon's start-up does not slow it down.
  if (answer.kind === "absent") await startDaemon(target);
  return code;
};

/**
 * Whether an oversized payload's text holds a rule's word (asked once per chunk past the cap); the
 * words are the built-in pack's and those of the project of our env and cwd, found once.
 */
function oversizedMayMatter(): (text: string) => boolean {
  let needles: ReturnType<typeof payloadNeedles> | undefined;
  return (text) => {
    try {
      needles ??= payloadNeedles(undefined, loadBuiltinNeedles(), process.env, process.cwd());
      return needles === null || mayMatch(text, needles);
    } catch {
      return true; // our cwd is gone: assume it could match
    }
  };
}

async function runInProcess(input: string | StdinError, options: HookOptions): Promise<number> {
  return (await import("../../hook/run.js")).runHook(input, options, processIO());
}

/** This process's own streams, env and cwd: the only place the hook touches them. */
function processIO(): HookIO {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: hookEnvOf(process.env),
    // Read when needed, as before: a payload with its own cwd works even if ours was deleted.
    get cwd() {
      return process.cwd();
    },
  };
}

/** undefined when this process's directory was deleted: the in-process path reports what it can. */
function currentDir(): string | undefined {
  try {
    return process.cwd();
  } catch {
    return undefined;
  }
}

export default hook;
