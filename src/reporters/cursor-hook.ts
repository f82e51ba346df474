/**
 * A verdict in Cursor's hook protocol: `{"permission": "deny", "agent_message", "user_message"}`.
 * The agent gets the full reason; the user a one-line summary. Cursor has no channel for
 * non-blocking context on preToolUse, so warnings alone produce no output (stderr only).
 */
import type { Finding } from "../core/types.js";
import type { ProposedWrite, Verdict } from "../core/hook-types.js";
import { reasonText } from "./hook-reason.js";

export function cursorOutput(verdict: Verdict, writes: readonly ProposedWrite[]): string {
  if (verdict.blocking.length === 0) return "";
  return cursorDeny(reasonText([...verdict.blocking, ...verdict.warnings], writes), summary(verdict.blocking));
}

export function cursorDeny(agentMessage: string, userMessage = agentMessage.split("\n")[0] ?? agentMessage): string {
  return JSON.stringify({ permission: "deny", agent_message: agentMessage, user_message: userMessage });
}

function summary(blocking: readonly Finding[]): string {
  const first = blocking[0]!;
  const more = blocking.length > 1 ? ` (+${blocking.length - 1} more)` : "";
  return `integration-guard blocked this edit: ${first.ruleId} at ${first.file}:${first.line}${more}`;
}
