/**
 * One engine, four agents: which source reads an agent's payload and which reporter answers it.
 * `integration-guard hook --agent NAME` picks a row; without it the payload tells (detectAgent).
 * Adding an agent is one row here, a source in src/sources/<agent>/ and a reporter.
 */
import type { CompiledRule } from "../rules/compile.js";
import type { SourceContext, SourceResult } from "../sources/agent.js";
import { claudeCodeWrites } from "../sources/claude-code/index.js";
import { HookPayload } from "../sources/claude-code/payload.js";
import { claudeCodePostWrites } from "../sources/claude-code/post.js";
import { codexWrites } from "../sources/codex/index.js";
import { cursorWrites } from "../sources/cursor/index.js";
import { geminiWrites } from "../sources/gemini/index.js";
import { claudeCodeOutput, denyOutput } from "../reporters/claude-code-hook.js";
import { claudeCodePostOutput } from "../reporters/claude-code-post.js";
import { codexDeny, codexOutput } from "../reporters/codex-hook.js";
import { cursorDeny, cursorOutput } from "../reporters/cursor-hook.js";
import { geminiDeny, geminiOutput } from "../reporters/gemini-hook.js";
import { CLAUDE_TURN_END, GEMINI_TURN_END, geminiPostOutput, type TurnEndAnswers } from "../reporters/turn-end.js";
import type { ProposedWrite, Verdict } from "../core/hook-types.js";
import { fromCaller, type HookIO } from "./io.js";

export { AGENT_NAMES, type AgentName, HOOK_EVENTS, type HookEvent } from "./names.js";
import type { AgentName, HookEvent } from "./names.js";

type Json = Record<string, unknown>;
/** The caller's env and cwd (the hook process's, or the daemon client's). */
type Caller = Pick<HookIO, "env" | "cwd">;

/** The events about one tool call (the session events are handled in turn-end.ts). */
export type CallEvent = Extract<HookEvent, "pre" | "post">;

export interface AgentHook {
  /** Where the call happens: its cwd and the project dir (paths in findings are relative to it). */
  context(payload: Json, rules: readonly CompiledRule[], caller: Caller): SourceContext;
  /** The files the call writes (pre) or wrote (post); a Skip for what this hook does not judge. */
  writes(payload: Json, event: CallEvent, context: SourceContext): Promise<SourceResult>;
  /**
   * After the call: is what it wrote found from the session's changed files (src/sources/session/)
   * rather than from the call itself? Shell commands (what python -c or a script wrote cannot be
   * read from the command), MCP tools (open-ended input), patches.
   */
  afterCallBySession(payload: Json): boolean;
  /** stdout for a verdict, "" for no opinion. */
  output(verdict: Verdict, writes: readonly ProposedWrite[], event: CallEvent): string;
  /** stdout denying the call when the hook cannot check it and runs with --fail-closed. */
  deny(reason: string, event: CallEvent): string;
  /** The answers at the turn end (Stop, AfterAgent); undefined for an agent without such an event. */
  turnEnd?: TurnEndAnswers;
}

/** Shell and MCP calls: their writes are found in the working tree, not in their input. */
const SHELL_OR_MCP = /^(Bash|run_shell_command|mcp__.+)$/;

export const AGENTS: Readonly<Record<AgentName, AgentHook>> = {
  claude: {
    context: (payload, rules, caller) => contextOf(payload, rules, caller, caller.env.CLAUDE_PROJECT_DIR),
    writes: (payload, event, context) =>
      withToolCall(payload, (call) => (event === "post" ? claudeCodePostWrites(call, context) : claudeCodeWrites(call, context))),
    afterCallBySession: (payload) => typeof payload.tool_name === "string" && SHELL_OR_MCP.test(payload.tool_name),
    output: (verdict, writes, event) => (event === "post" ? claudeCodePostOutput(verdict, writes) : claudeCodeOutput(verdict, writes)),
    deny: (reason, event) => (event === "post" ? JSON.stringify({ decision: "block", reason }) : denyOutput(reason)),
    turnEnd: CLAUDE_TURN_END,
  },
  codex: {
    context: (payload, rules, caller) => contextOf(payload, rules, caller, undefined),
    writes: (payload, event, context) => preOnly("codex", event, () => withToolCall(payload, (call) => codexWrites(call, context))),
    // apply_patch and shell alike: the patch was applied, the tree says what it did.
    afterCallBySession: () => true,
    // Codex's PostToolUse reads Claude's shape (decision, reason, hookSpecificOutput.additionalContext).
    output: (verdict, writes, event) => (event === "post" ? claudeCodePostOutput(verdict, writes) : codexOutput(verdict, writes)),
    deny: (reason, event) => (event === "post" ? JSON.stringify({ decision: "block", reason }) : codexDeny(reason)),
    turnEnd: CLAUDE_TURN_END,
  },
  gemini: {
    context: (payload, rules, caller) => contextOf(payload, rules, caller, caller.env.GEMINI_PROJECT_DIR ?? caller.env.CLAUDE_PROJECT_DIR),
    writes: (payload, event, context) => preOnly("gemini", event, () => withToolCall(payload, (call) => geminiWrites(call, context))),
    afterCallBySession: () => true,
    output: (verdict, writes, event) => (event === "post" ? geminiPostOutput(verdict, writes) : geminiOutput(verdict, writes)),
    deny: (reason, event) => (event === "post" ? JSON.stringify({ hookSpecificOutput: { hookEventName: "AfterTool", additionalContext: reason } }) : geminiDeny(reason)),
    turnEnd: GEMINI_TURN_END,
  },
  cursor: {
    context: (payload, rules, caller) => {
      const roots = Array.isArray(payload.workspace_roots) ? payload.workspace_roots.filter((r): r is string => typeof r === "string") : [];
      const root = roots[0] ?? caller.env.CURSOR_PROJECT_DIR;
      const cwd = typeof payload.cwd === "string" ? payload.cwd : root;
      return contextOf({ ...payload, cwd }, rules, caller, root);
    },
    writes: (payload, event, context) => preOnly("cursor", event, () => cursorWrites(payload, context)),
    afterCallBySession: () => false,
    output: (verdict, writes) => cursorOutput(verdict, writes),
    deny: (reason) => cursorDeny(reason),
  },
};

/**
 * The agent a payload comes from: Gemini names its event BeforeTool, Codex sends apply_patch and a
 * turn_id, Cursor names events in camelCase and sends conversation_id / workspace_roots. Claude
 * Code otherwise (its shape is the common one).
 */
export function detectAgent(payload: unknown): AgentName {
  if (!isJson(payload)) return "claude";
  const event = payload.hook_event_name;
  if (event === "BeforeTool" || event === "AfterTool" || event === "AfterAgent") return "gemini";
  if (payload.tool_name === "apply_patch" || "turn_id" in payload) return "codex";
  if ((typeof event === "string" && /^[a-z]/.test(event)) || "conversation_id" in payload || "workspace_roots" in payload) return "cursor";
  return "claude";
}

/**
 * session-start: SessionStart; stop: Claude / Codex Stop and SubagentStop, Gemini AfterAgent;
 * post: Claude / Codex PostToolUse, Gemini AfterTool, Cursor postToolUse / after* events; else pre.
 */
export function detectEvent(payload: unknown): HookEvent {
  const event = isJson(payload) ? payload.hook_event_name : undefined;
  if (typeof event !== "string") return "pre";
  if (event === "SessionStart") return "session-start";
  if (event === "Stop" || event === "SubagentStop" || event === "AfterAgent") return "stop";
  return /^(PostToolUse|AfterTool|postToolUse|after[A-Z]\w*)$/.test(event) ? "post" : "pre";
}

export function isJson(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function contextOf(payload: Json, rules: readonly CompiledRule[], caller: Caller, projectDir: string | undefined): SourceContext {
  // A relative payload cwd is relative to the caller's cwd, as it would be for a hook process.
  const cwd = typeof payload.cwd === "string" && payload.cwd !== "" ? fromCaller(caller, payload.cwd) : caller.cwd;
  return { cwd, projectDir: projectDir ? fromCaller(caller, projectDir) : cwd, rules };
}

async function withToolCall(payload: Json, source: (call: HookPayload) => Promise<SourceResult>): Promise<SourceResult> {
  const call = HookPayload.safeParse(payload);
  if (!call.success) return { skip: "the payload is not a tool call (no tool_name)" };
  return source(call.data);
}

async function preOnly(agent: string, event: CallEvent, run: () => Promise<SourceResult>): Promise<SourceResult> {
  return event === "pre" ? run() : { skip: `${agent}: what the call wrote is known only from a git repository or a session-start snapshot` };
}
