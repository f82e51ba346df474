/**
 * Each install/uninstall step computes a plan first (what it would write, and why) and the runner
 * applies it, so --dry-run shows exactly what a real run does and a refused step writes nothing.
 */
import { mkdir, rm, rmdir } from "node:fs/promises";
import { dirname } from "node:path";
import { writeFileAtomic } from "./files.js";

/** The other agents' steps live in agents.ts. */
export type StepName = "claude" | "git" | "lint-staged" | "pre-commit" | "codex" | "gemini" | "cursor";

export type StepStatus =
  /** install: the entry was not there and is now. */
  | "added"
  /** install: a broken registration of ours was replaced. */
  | "replaced"
  /** install: already there; uninstall: nothing of ours to remove. */
  | "unchanged"
  /** uninstall: our entry was removed. */
  | "removed"
  /** Could not be done safely (unparsable file, foreign hook): nothing written, see message. */
  | "refused"
  /** Nothing written: the config is printed for the user to add by hand. */
  | "printed";

export interface StepResult {
  step: StepName;
  status: StepStatus;
  /** The file concerned, relative to the project root. */
  file?: string;
  message: string;
  /** The text to add by hand (printed steps) or the file's new content (--dry-run). */
  content?: string;
}

export type FileChange =
  | { path: string; text: string; mode?: number }
  | { path: string; delete: true; removeEmptyParent?: boolean };

export interface StepPlan {
  result: StepResult;
  changes: FileChange[];
}

export async function applyChanges(changes: readonly FileChange[]): Promise<void> {
  for (const change of changes) {
    if ("delete" in change) {
      await rm(change.path, { force: true });
      // rmdir only removes an empty directory: a folder holding anything else stays.
      if (change.removeEmptyParent) await rmdir(dirname(change.path)).catch(() => undefined);
    } else {
      await mkdir(dirname(change.path), { recursive: true });
      await writeFileAtomic(change.path, change.text, change.mode);
    }
  }
}
