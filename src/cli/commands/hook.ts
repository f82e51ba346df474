/**
 * `integration-guard hook`: one agent hook payload on stdin (Claude Code, Codex, Gemini CLI, Cursor;
 * before or after the tool call), a decision on stdout in that agent's format.
 *
 * Kept small on purpose: every edit an agent makes pays for this file's start-up. It reads the
 * payload, asks the fast path (src/hook/fast-path.ts) whether anything could match at all, and
 * only then loads the full hook (src/hook/run.ts: validation, rebuild, parsers, output).
 */
import { parseArgs } from "node:util";
import { nothingToCheck } from "../../hook/fast-path.js";
import { loadBuiltinRules } from "../../rules/builtin.js";
import type { AgentName, HookEvent } from "../../hook/agents.js";
import { EXIT, type Command } from "../command.js";
import { readStdin, StdinError } from "../stdin.js";

/** A payload carries at most a 2 MB file plus the old fragments. */
const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
const STDIN_TIMEOUT_MS = 5_000;

export interface HookOptions {
  failClosed: boolean;
  rules: string | undefined;
  /** A lint baseline (lint --update-baseline): findings recorded there do not block. */
  baseline?: string;
  /** Whose payload and output format (src/hook/agents.ts); detected from the payload when unset. */
  agent?: AgentName;
  /** pre (PreToolUse, BeforeTool...) or post (Claude Code PostToolUse); detected when unset. */
  event?: HookEvent;
}

// Checked here without importing the agent table: this file must stay cheap to load.
const AGENT_NAMES: readonly AgentName[] = ["claude", "codex", "gemini", "cursor"];
const HOOK_EVENTS: readonly HookEvent[] = ["pre", "post"];

const USAGE =
  "Usage: integration-guard hook [--agent claude|codex|gemini|cursor] [--event pre|post] [--fail-closed] [--rules DIR] [--baseline FILE]  (hook payload on stdin)\n";

const hook: Command = async (args) => {
  let options: HookOptions;
  try {
    const { values } = parseArgs({
      args,
      options: {
        "fail-closed": { type: "boolean" },
        rules: { type: "string" },
        baseline: { type: "string" },
        agent: { type: "string" },
        event: { type: "string" },
        help: { type: "boolean" },
      },
      strict: true,
    });
    if (values.help) {
      process.stderr.write(USAGE);
      return EXIT.ok;
    }
    options = { failClosed: values["fail-closed"] ?? false, rules: values.rules };
    if (values.baseline !== undefined) options.baseline = values.baseline;
    if (values.agent !== undefined) options.agent = oneOf(AGENT_NAMES, values.agent, "--agent");
    if (values.event !== undefined) options.event = oneOf(HOOK_EVENTS, values.event, "--event");
  } catch (error) {
    process.stderr.write(`integration-guard hook: ${(error as Error).message}\n${USAGE}`);
    return EXIT.usage;
  }

  let input: string | StdinError;
  try {
    input = await readStdin({ maxBytes: MAX_PAYLOAD_BYTES, timeoutMs: STDIN_TIMEOUT_MS });
  } catch (error) {
    if (!(error instanceof StdinError)) throw error;
    input = error;
  }
  if (typeof input === "string" && options.rules === undefined && fastPathSaysNothing(input)) return EXIT.ok;
  return (await import("../../hook/run.js")).runHook(input, options);
};

function oneOf<T extends string>(allowed: readonly T[], value: string, flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`${flag} must be one of ${allowed.join(", ")} (got "${value}")`);
}

function fastPathSaysNothing(raw: string): boolean {
  try {
    return nothingToCheck(JSON.parse(raw), loadBuiltinRules());
  } catch {
    return false; // malformed JSON, missing rules...: the full path says why
  }
}

export default hook;
