/**
 * The full hook, loaded only when the fast path could not rule the call out: validate the
 * payload, rebuild the files before and after the call, judge, answer in the agent's format
 * (the agent table is ./agents.ts: Claude Code, Codex, Gemini CLI, Cursor).
 *
 * Never a crash, never a hang: whatever the hook cannot judge (malformed JSON, unknown tool,
 * non-code file, missing or binary file, huge input) is allowed with one line on stderr. Internal
 * errors are allowed too (Claude Code fails open anyway) unless --fail-closed turns them into a deny.
 */
import { resolve } from "node:path";
import type { HookOptions } from "./options.js";
import { EXIT } from "../core/exit-codes.js";
import type { StdinError } from "./stdin.js";
import type { Verdict } from "../core/hook-types.js";
import { fromCaller, type HookIO } from "./io.js";
import { loadRules } from "../rules/builtin.js";
import type { CompiledRule } from "../rules/compile.js";
import { loadProjectRules } from "../rules/project.js";
import { withRuleProblems } from "./rule-problems.js";
import { isSkip } from "../sources/agent.js";
import { AGENTS, detectAgent, detectEvent } from "./agents.js";
import { type JudgeOptions, judge, memoForRules } from "./judge.js";
import { sessionStartHook, turnEndHook } from "./turn-end.js";
import { type SessionContext, sessionChanges } from "../sources/session/index.js";
import { sessionStateDir } from "../sources/session/state.js";
import type { SourceContext } from "../sources/agent.js";

/** What a long-lived process brings to each call: its memo and its helper thread (src/daemon/). */
export type WarmAids = Pick<JudgeOptions, "memo" | "parallel">;

/** Runs one hook call; all input and output goes through `io` (io.ts). Returns the exit code. */
export async function runHook(input: string | StdinError, options: HookOptions, io: HookIO, warm: WarmAids = {}): Promise<number> {
  const say = (line: string) => io.stderr(`integration-guard: ${line}\n`);
  let json: unknown;
  try {
    json = typeof input === "string" ? JSON.parse(input) : undefined;
  } catch {
    json = undefined;
  }
  // The agent and event answer even a payload that could not be read (--fail-closed denies in their format).
  const agent = AGENTS[options.agent ?? detectAgent(json)];
  const event = options.event ?? detectEvent(json);
  /** Could not check: fail open with a note, or deny with --fail-closed (a tool call only: a session event never loops on it). */
  const cannotCheck = (why: string): number => {
    say(why);
    if (options.failClosed && (event === "pre" || event === "post")) {
      io.stdout(`${agent.deny(`integration-guard could not check this call (${why}); denied because the hook runs with --fail-closed.`, event)}\n`);
    }
    return EXIT.ok;
  };

  if (typeof input !== "string") {
    // Never allow unchecked what could hold a violation: too large to judge, and it holds a rule's word.
    if (input.couldMatch && (event === "pre" || event === "post")) {
      say(input.message);
      io.stdout(`${agent.deny(`integration-guard could not check this call: ${input.message}, and it holds words the rules look for. Write the file in smaller parts.`, event)}\n`);
      return EXIT.ok;
    }
    return cannotCheck(input.message);
  }
  if (json === undefined) return cannotCheck("the payload on stdin is not valid JSON");
  if (typeof json !== "object" || json === null || Array.isArray(json)) return cannotCheck("the payload is not a JSON object");

  try {
    const payload = json as Record<string, unknown>;
    // --rules DIR (relative to the caller's cwd: the client's, when the daemon answers), else the
    // project's rules: the built-in pack plus .integration-guard/ of the project dir (rules/project.ts).
    let rules: CompiledRule[];
    let rulesKey = "builtin";
    let problems: readonly string[] = [];
    if (options.rules !== undefined) rules = await loadRules(fromCaller(io, options.rules));
    else {
      const project = await loadProjectRules(agent.context(payload, [], io).projectDir);
      ({ rules, key: rulesKey, problems } = project);
      // Never silent about a rule that does not run: stderr now, the agent with the verdict.
      for (const problem of problems) say(`invalid project rule: ${problem}`);
    }
    // One context for the sources and the baseline: findings and the baseline name files alike.
    const context = agent.context(payload, rules, io);
    // Hook findings name files relative to the project, as lint run from its root does.
    const judging: JudgeOptions = options.baseline ? await baselineFilter(options.baseline, context.projectDir) : {};
    // The memo is keyed by the rule set; the helper thread knows the built-in rules only.
    if (options.rules === undefined && rulesKey === "builtin") Object.assign(judging, warm);
    else if (options.rules === undefined && warm.memo) judging.memo = memoForRules(warm.memo, rulesKey);
    judging.projectDir = context.projectDir;

    if (event === "session-start" || event === "stop") {
      const session = sessionContextOf(payload, context);
      if (event === "session-start") await sessionStartHook(session, say);
      else if (!agent.turnEnd) say("this agent has no turn-end event: nothing checked");
      else {
        const output = await turnEndHook(payload, session, agent.turnEnd, rules, judging, say);
        if (output) io.stdout(`${output}\n`);
      }
      return EXIT.ok;
    }

    // After a shell or MCP call: the files it changed, found in the working tree.
    const bySession = event === "post" && agent.afterCallBySession(payload) ? await sessionChanges(sessionContextOf(payload, context), "unseen") : undefined;
    const result = bySession ?? (await agent.writes(payload, event, context));
    if (isSkip(result)) {
      say(`allowed without a check: ${result.skip}`);
      return EXIT.ok;
    }
    const { writes, notes } = result;
    for (const note of notes) say(note);
    for (const w of writes) if (w.note) say(`${w.displayPath}: ${w.note}`);
    const verdict = withRuleProblems(await judge(writes, rules, judging), writes.length > 0 ? problems : []);
    // Judged: the next after-the-call check speaks only of files changed since.
    bySession?.markSeen();
    for (const note of verdict.notes) say(note);
    // Warnings also reach stderr (some agents have no channel for them), in one line.
    if (verdict.warnings.length > 0) say(warningSummary(verdict.warnings));
    const output = agent.output(verdict, writes, event);
    if (output) io.stdout(`${output}\n`);
    return EXIT.ok;
  } catch (error) {
    return cannotCheck(`internal error: ${(error as Error)?.message ?? String(error)}`);
  }
}

/** The session a payload belongs to; its state lives in this process's private state dir. */
function sessionContextOf(payload: Record<string, unknown>, context: SourceContext): SessionContext {
  const sessionId = typeof payload.session_id === "string" && payload.session_id !== "" ? payload.session_id : undefined;
  return { ...context, sessionId, stateDir: sessionStateDir(process.env) };
}

function warningSummary(warnings: Verdict["warnings"]): string {
  const shown = warnings.slice(0, 3).map((f) => `${f.file}:${f.line} ${f.ruleId}`);
  const more = warnings.length > shown.length ? ` and ${warnings.length - shown.length} more` : "";
  return `${warnings.length} warning${warnings.length === 1 ? "" : "s"}: ${shown.join(", ")}${more}`;
}

/** Findings a lint baseline already records are accepted (lint --baseline, same file format). */
async function baselineFilter(file: string, projectDir: string): Promise<JudgeOptions> {
  const { readBaseline, filterByBaseline } = await import("../baseline/index.js");
  const baseline = await readBaseline(resolve(projectDir, file));
  return { acceptBaselined: (findings) => filterByBaseline(baseline, findings, projectDir) };
}

