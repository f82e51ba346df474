/**
 * A verdict in OpenAI Codex CLI's PreToolUse protocol: Claude Code's deny shape, and nothing else.
 * Codex rejects output with fields it does not know and does not honour "ask", so warnings are not
 * put on stdout (they go to stderr with the notes); a deny carries the warnings in its reason.
 */
import type { ProposedWrite, Verdict } from "../core/hook-types.js";
import { denyOutput } from "./claude-code-hook.js";
import { reasonText } from "./hook-reason.js";

export function codexOutput(verdict: Verdict, writes: readonly ProposedWrite[]): string {
  if (verdict.blocking.length === 0) return "";
  return denyOutput(reasonText([...verdict.blocking, ...verdict.warnings], writes));
}

/** Codex reads Claude Code's deny. */
export { denyOutput as codexDeny } from "./claude-code-hook.js";
