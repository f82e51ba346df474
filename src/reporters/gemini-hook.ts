/**
 * A verdict in Gemini CLI's BeforeTool protocol: a top-level `{"decision": "deny", "reason"}`
 * (the reason goes to the model); warnings alone as `hookSpecificOutput.additionalContext`.
 */
import type { ProposedWrite, Verdict } from "../core/hook-types.js";
import { reasonText } from "./hook-reason.js";

export function geminiOutput(verdict: Verdict, writes: readonly ProposedWrite[]): string {
  if (verdict.blocking.length > 0) return geminiDeny(reasonText([...verdict.blocking, ...verdict.warnings], writes));
  if (verdict.warnings.length > 0) {
    return JSON.stringify({ hookSpecificOutput: { hookEventName: "BeforeTool", additionalContext: reasonText(verdict.warnings, writes) } });
  }
  return "";
}

export function geminiDeny(reason: string): string {
  return JSON.stringify({ decision: "deny", reason });
}
