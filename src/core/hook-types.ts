/**
 * What every agent adapter (Claude Code, later Codex, Gemini, Cursor) hands the hook core, and
 * what the core hands back. Agent-neutral: the adapters in src/sources/<agent>/ rebuild the file
 * before and after the tool call; the reporters in src/reporters/ answer in the agent's format.
 */
import type { Finding, LanguageId } from "./types.js";

/** One file a tool call would write, before and after the call. */
export interface ProposedWrite {
  /** Path to show the model (relative to the project when inside it). */
  displayPath: string;
  language: LanguageId;
  /** The file as it is now ("" for a new file; the old fragment when the file could not be read). */
  before: string;
  /** The file as the call would leave it (or the new fragment). */
  after: string;
  /** How to name a line of `after` for the model, when lines are not file lines (notebooks). */
  describeLine?: (line: number) => string;
  /** Said on stderr: how the write was rebuilt when not from the whole file (fragments only...). */
  note?: string;
}

/** A tool call the hook does not judge, with the one-line reason that goes to stderr. */
export interface Skip {
  skip: string;
}

export interface Verdict {
  /** Block findings the call introduces: these deny it. */
  blocking: Finding[];
  /** Warn findings the call introduces: told to the model, never blocking. */
  warnings: Finding[];
  /** One-line notes for stderr (did not parse, fragment only...). */
  notes: string[];
}
