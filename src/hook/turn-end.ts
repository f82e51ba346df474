/**
 * The session events: SessionStart records the working tree (src/sources/session/), and at the
 * turn end (Claude Code / Codex Stop and SubagentStop, Gemini AfterAgent) every file the session
 * changed is judged against its state at the start. Introduced blocking findings keep the agent
 * working, with the list as its next instruction.
 *
 * Never a loop: the agent says when it is already continuing because of a turn-end hook
 * (`stop_hook_active`). The same findings block at most MAX_SAME_BLOCKS times in a row, and any
 * findings at most MAX_STREAK times; then the agent may stop and the user is told. Without a
 * session record to count in, an agent already continuing may stop.
 */
import { createHash } from "node:crypto";
import type { Finding } from "../core/types.js";
import { leftInTreeMessage, turnEndReason, type TurnEndAnswers } from "../reporters/turn-end.js";
import type { CompiledRule } from "../rules/compile.js";
import { type SessionContext, sessionChanges, startSession } from "../sources/session/index.js";
import { type JudgeOptions, judge } from "./judge.js";

export const MAX_SAME_BLOCKS = 2;
export const MAX_STREAK = 5;

type Json = Record<string, unknown>;

export async function sessionStartHook(context: SessionContext, say: (line: string) => void): Promise<void> {
  for (const note of await startSession(context)) say(note);
}

/** stdout for the turn end ("" lets the agent finish in silence). */
export async function turnEndHook(
  payload: Json,
  context: SessionContext,
  answers: TurnEndAnswers,
  rules: readonly CompiledRule[],
  judging: JudgeOptions,
  say: (line: string) => void,
): Promise<string> {
  const changes = await sessionChanges(context, "all");
  if (!changes) {
    say("outside git and no session-start snapshot: the files this session changed are unknown, nothing checked at the turn end");
    return "";
  }
  for (const note of changes.notes) say(note);
  const verdict = await judge(changes.writes, rules, judging);
  for (const note of verdict.notes) say(note);
  const agent = typeof payload.agent_id === "string" ? `agent:${payload.agent_id}` : "main";
  const last = changes.stops.read(agent);
  if (verdict.blocking.length === 0) {
    if (last) changes.stops.write(agent, undefined);
    return "";
  }
  const active = payload.stop_hook_active === true;
  const key = findingsKey(verdict.blocking);
  const count = active && last?.key === key ? last.count + 1 : 1;
  const streak = active ? (last?.streak ?? 0) + 1 : 1;
  const giveUp = active && (!changes.recorded || count > MAX_SAME_BLOCKS || streak > MAX_STREAK);
  changes.stops.write(agent, { key, count, streak });
  if (giveUp) {
    say(`turn end: the same findings were sent back already; the agent may stop (${verdict.blocking.length} blocking finding(s) left)`);
    return answers.letStop(leftInTreeMessage(verdict.blocking));
  }
  return answers.block(turnEndReason(verdict, changes.writes));
}

/** The same findings (file, rule, the code flagged), whatever their lines. */
function findingsKey(findings: readonly Finding[]): string {
  const parts = findings.map((f) => `${f.file}\0${f.ruleId}\0${f.fingerprint}`).sort();
  return createHash("sha1").update(parts.join("\n")).digest("hex");
}
