/**
 * The turn-end backstop's answers (Claude Code / Codex `Stop` and `SubagentStop`, Gemini CLI
 * `AfterAgent`), and Gemini's after-the-call answer (`AfterTool`).
 *   - block: the agent may not finish; the reason is its next instruction (Claude, Codex:
 *     `{"decision": "block"}`; Gemini: `{"decision": "deny"}`, which retries the turn with it);
 *   - let stop: the same findings were already sent back repeatedly; the user is told instead
 *     (`systemMessage`, shown to the user only).
 */
import type { Finding } from "../core/types.js";
import type { ProposedWrite, Verdict } from "../core/hook-types.js";
import { reasonText } from "./hook-reason.js";

export interface TurnEndAnswers {
  block(reason: string): string;
  letStop(message: string): string;
}

export const CLAUDE_TURN_END: TurnEndAnswers = {
  block: (reason) => JSON.stringify({ decision: "block", reason }),
  letStop: (systemMessage) => JSON.stringify({ systemMessage }),
};

export const GEMINI_TURN_END: TurnEndAnswers = {
  block: (reason) => JSON.stringify({ decision: "deny", reason }),
  letStop: (systemMessage) => JSON.stringify({ systemMessage }),
};

/** What the agent reads before it may finish: each file:line rule-id, then what to do instead. */
export function turnEndReason(verdict: Verdict, writes: readonly ProposedWrite[]): string {
  return [
    "integration-guard: files changed in this session break the architecture rules. Fix them before you finish (only what this session introduced is listed).",
    "",
    reasonText([...verdict.blocking, ...verdict.warnings], writes),
  ].join("\n");
}

/** What the user reads when the agent ended its turn with the findings still there. */
export function leftInTreeMessage(findings: readonly Finding[]): string {
  const shown = findings.slice(0, 5).map((f) => `${f.file}:${f.line} ${f.ruleId}`);
  const more = findings.length > shown.length ? ` and ${findings.length - shown.length} more` : "";
  return `integration-guard: the agent finished with violations it was asked to fix and did not: ${shown.join(", ")}${more}. Run \`integration-guard lint\` and fix them before committing.`;
}

/** Gemini AfterTool: the file is written; the model is told what it broke next to the tool result. */
export function geminiPostOutput(verdict: Verdict, writes: readonly ProposedWrite[]): string {
  if (verdict.blocking.length > 0) {
    const reason = reasonText([...verdict.blocking, ...verdict.warnings], writes);
    return JSON.stringify({
      systemMessage: `integration-guard: ${verdict.blocking.length} violation(s) written; the agent was told to undo them.`,
      hookSpecificOutput: { hookEventName: "AfterTool", additionalContext: `The change was written but breaks the rules below: undo it.\n${reason}` },
    });
  }
  if (verdict.warnings.length > 0) {
    return JSON.stringify({ hookSpecificOutput: { hookEventName: "AfterTool", additionalContext: reasonText(verdict.warnings, writes) } });
  }
  return "";
}
