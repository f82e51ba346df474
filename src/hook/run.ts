/**
 * The full hook, loaded only when the fast path could not rule the call out: validate the
 * payload, rebuild the files before and after the call, judge, answer in Claude Code's format.
 *
 * Never a crash, never a hang: whatever the hook cannot judge (malformed JSON, unknown tool,
 * non-code file, missing or binary file, huge input) is allowed with one line on stderr. Internal
 * errors are allowed too (Claude Code fails open anyway) unless --fail-closed turns them into a deny.
 */
import type { HookOptions } from "../cli/commands/hook.js";
import { EXIT } from "../cli/command.js";
import type { StdinError } from "../cli/stdin.js";
import { claudeCodeOutput, denyOutput } from "../reporters/claude-code-hook.js";
import { loadRules } from "../rules/builtin.js";
import { proposedWrites } from "../sources/claude-code/index.js";
import { HookPayload } from "../sources/claude-code/payload.js";
import { judge } from "./judge.js";

export async function runHook(input: string | StdinError, options: HookOptions): Promise<number> {
  const say = (line: string) => process.stderr.write(`integration-guard: ${line}\n`);
  /** Could not check: fail open with a note, or deny with --fail-closed. */
  const cannotCheck = (why: string): number => {
    say(why);
    if (options.failClosed) {
      process.stdout.write(`${denyOutput(`integration-guard could not check this call (${why}); denied because the hook runs with --fail-closed.`)}\n`);
    }
    return EXIT.ok;
  };

  if (typeof input !== "string") return cannotCheck(input.message);
  let json: unknown;
  try {
    json = JSON.parse(input);
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
    const verdict = await judge(writes, await loadRules(options.rules));
    for (const note of verdict.notes) say(note);
    const output = claudeCodeOutput(verdict, writes);
    if (output) process.stdout.write(`${output}\n`);
    return EXIT.ok;
  } catch (error) {
    return cannotCheck(`internal error: ${(error as Error)?.message ?? String(error)}`);
  }
}
