/**
 * `integration-guard hook`: one Claude Code PreToolUse payload on stdin, a decision on stdout.
 *
 * Never a crash, never a hang: whatever the hook cannot judge (malformed JSON, unknown tool,
 * non-code file, missing or binary file, huge input) is allowed with one line on stderr. Internal
 * errors are allowed too (Claude Code fails open anyway) unless --fail-closed turns them into a deny.
 */
import { parseArgs } from "node:util";
import { judge } from "../../hook/judge.js";
import type { ProposedWrite, Verdict } from "../../hook/types.js";
import { claudeCodeOutput, denyOutput } from "../../reporters/claude-code-hook.js";
import { loadRules } from "../../rules/builtin.js";
import { proposedWrites } from "../../sources/claude-code/index.js";
import { MAX_TEXT_BYTES } from "../../sources/claude-code/files.js";
import { HookPayload } from "../../sources/claude-code/payload.js";
import { readStdin, StdinError } from "../stdin.js";
import { EXIT, type Command } from "../command.js";

/** A payload carries at most the new file plus the old fragments. */
const MAX_PAYLOAD_BYTES = 3 * MAX_TEXT_BYTES;
const STDIN_TIMEOUT_MS = 5_000;

const hook: Command = async (args) => {
  let options: { failClosed: boolean; rules: string | undefined };
  try {
    const { values } = parseArgs({
      args,
      options: { "fail-closed": { type: "boolean", default: false }, rules: { type: "string" }, help: { type: "boolean" } },
      strict: true,
    });
    if (values.help) {
      process.stderr.write("Usage: integration-guard hook [--fail-closed] [--rules DIR]  (PreToolUse payload on stdin)\n");
      return EXIT.ok;
    }
    options = { failClosed: values["fail-closed"] ?? false, rules: values.rules };
  } catch (error) {
    process.stderr.write(`integration-guard hook: ${(error as Error).message}\n`);
    return EXIT.usage;
  }

  const say = (line: string) => process.stderr.write(`integration-guard: ${line}\n`);
  /** Internal failure: fail open with a note, or deny with --fail-closed. */
  const cannotCheck = (why: string): number => {
    say(why);
    if (options.failClosed) process.stdout.write(`${denyOutput(`integration-guard could not check this call (${why}); denied because the hook runs with --fail-closed.`)}\n`);
    return EXIT.ok;
  };

  let raw: string;
  try {
    raw = await readStdin({ maxBytes: MAX_PAYLOAD_BYTES, timeoutMs: STDIN_TIMEOUT_MS });
  } catch (error) {
    if (error instanceof StdinError) return cannotCheck(error.message);
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return cannotCheck("the payload on stdin is not valid JSON");
  }
  const payload = HookPayload.safeParse(json);
  if (!payload.success) return cannotCheck("the payload is not a PreToolUse tool call (no tool_name)");

  try {
    const cwd = payload.data.cwd ?? process.cwd();
    const writes = proposedWrites(payload.data, { cwd, projectDir: process.env.CLAUDE_PROJECT_DIR ?? cwd });
    if (!Array.isArray(writes)) {
      say(`allowed without a check: ${writes.skip}`);
      return EXIT.ok;
    }
    for (const w of writes) if (w.note) say(`${w.displayPath}: ${w.note}`);
    const rules = await loadRules(options.rules);
    const verdict: Verdict = await judge(writes, rules);
    for (const note of verdict.notes) say(note);
    const output = claudeCodeOutput(verdict, writes as ProposedWrite[]);
    if (output) process.stdout.write(`${output}\n`);
    return EXIT.ok;
  } catch (error) {
    return cannotCheck(`internal error: ${(error as Error)?.message ?? String(error)}`);
  }
};

export default hook;
