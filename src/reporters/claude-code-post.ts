/**
 * A verdict in Claude Code's PostToolUse protocol: the call already ran, so "block" cannot undo it;
 * `{"decision": "block", "reason"}` tells the model at once that the file now holds a violation it
 * must take out, and `additionalContext` carries the same text next to the tool result. Warnings
 * alone go as additionalContext. Nothing at all when there is nothing to say.
 */
import type { ProposedWrite, Verdict } from "../core/hook-types.js";
import { reasonText } from "./hook-reason.js";

export function claudeCodePostOutput(verdict: Verdict, writes: readonly ProposedWrite[]): string {
  if (verdict.blocking.length > 0) {
    const reason = reasonText([...verdict.blocking, ...verdict.warnings], writes);
    return JSON.stringify({
      decision: "block",
      reason,
      hookSpecificOutput: { hookEventName: "PostToolUse", additionalContext: `The change was written but breaks the rules below: undo it.\n${reason}` },
    });
  }
  if (verdict.warnings.length > 0) {
    return JSON.stringify({ hookSpecificOutput: { hookEventName: "PostToolUse", additionalContext: reasonText(verdict.warnings, writes) } });
  }
  return "";
}
