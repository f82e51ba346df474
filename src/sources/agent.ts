/**
 * What every agent source (Claude Code, Codex, Gemini, Cursor) gives the hook: the files a tool
 * call would write, before and after, plus one-line notes for stderr; or a Skip when the call is
 * nothing this hook judges. Agent-neutral, like src/core/hook-types.ts.
 */
import type { ProposedWrite, Skip } from "../core/hook-types.js";
import type { CompiledRule } from "../rules/compile.js";

export interface SourceContext {
  /** Where relative paths start (payload cwd, else the process cwd). */
  cwd: string;
  /** Paths are shown relative to this (the project dir the agent gives, else cwd). */
  projectDir: string;
  /** For text pre-checks that decide whether a parser is worth loading (shell commands). */
  rules?: readonly CompiledRule[];
}

export interface Writes {
  writes: ProposedWrite[];
  notes: string[];
}

export type SourceResult = Writes | Skip;

export function isSkip(result: SourceResult | ProposedWrite[]): result is Skip {
  return !Array.isArray(result) && "skip" in result;
}

/** A synchronous source's answer as a SourceResult. */
export function asResult(result: ProposedWrite[] | Skip): SourceResult {
  return Array.isArray(result) ? { writes: result, notes: [] } : result;
}
