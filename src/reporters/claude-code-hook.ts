/**
 * A verdict in Claude Code's PreToolUse protocol (../shared/spec/claude-code-hooks.md): a JSON
 * deny on stdout (exit 0) for blocking findings; warnings as `additionalContext` for the model;
 * nothing at all when there is nothing to say (the normal permission flow goes on). Never "allow":
 * a guard has no business approving.
 */
import type { ProposedWrite, Verdict } from "../core/hook-types.js";
import { reasonText } from "./hook-reason.js";

/** The stdout of the hook: one JSON object, or "" for no opinion. */
export function claudeCodeOutput(verdict: Verdict, writes: readonly ProposedWrite[]): string {
  if (verdict.blocking.length > 0) {
    return denyOutput(reasonText([...verdict.blocking, ...verdict.warnings], writes));
  }
  if (verdict.warnings.length > 0) {
    return JSON.stringify({
      hookSpecificOutput: { hookEventName: "PreToolUse", additionalContext: reasonText(verdict.warnings, writes) },
    });
  }
  return "";
}

export function denyOutput(reason: string): string {
  return JSON.stringify({
    hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: "deny", permissionDecisionReason: reason },
  });
}
