/**
 * The agent-neutral core of the hook: check each proposed write before and after, keep what the
 * call introduces, split it into blocking findings and warnings.
 */
import { resolve } from "node:path";
import type { CheckResult, Document } from "../core/types.js";
import { type CheckOptions, checkDocument } from "../engine/check.js";
import { gitWorkTreeRoot } from "../languages/project-root.js";
import type { CompiledRule } from "../rules/compile.js";
import { introducedFindings } from "./introduced.js";
import type { ProposedWrite, Verdict } from "../core/hook-types.js";

export interface JudgeOptions {
  /** Drops findings a baseline already accepts (lint --baseline's file). */
  acceptBaselined?: (findings: CheckResult["findings"]) => CheckResult["findings"];
  /** Fingerprints of documents checked by earlier calls (the daemon's; see CheckMemo). */
  memo?: CheckMemo;
  /** The project the agent works in: relative display paths are relative to it. */
  projectDir?: string;
  /** Another thread that checks the file before the call while this one checks it after (the daemon's). */
  parallel?: ParallelChecker;
}

/** Finding fingerprints of a document, computed on another thread (src/daemon/helper.ts). Same rules only. */
export interface ParallelChecker {
  fingerprints(doc: Document): Promise<readonly string[]>;
}

/**
 * What a long-lived process remembers between calls: the finding fingerprints of each text it
 * checked. An agent's next edit of a file starts from exactly the last "after", and an edit
 * retried after a deny from the same "before", so that check is a lookup instead of a second
 * parse. Same rules only (the caller sees to it).
 */
export interface CheckMemo {
  recall(doc: Document): readonly string[] | undefined;
  remember(doc: Document, fingerprints: readonly string[]): void;
}

export async function judge(writes: readonly ProposedWrite[], rules: readonly CompiledRule[], options: JudgeOptions = {}): Promise<Verdict> {
  const verdict: Verdict = { blocking: [], warnings: [], notes: [] };
  // Rules' files / ignore globs are relative to the project's git work tree (else the project dir).
  // Looked up only when a rule is scoped: most rule sets (the built-in pack) never need it.
  const scoped = options.projectDir !== undefined && rules.some((rule) => rule.scope !== undefined);
  const checking: CheckOptions = scoped ? { projectRoot: gitWorkTreeRoot(options.projectDir!) ?? options.projectDir! } : {};
  for (const write of writes) {
    // Imported constants are read next to the file: displayPath is relative to the project, not to our cwd.
    const diskPath = options.projectDir ? resolve(options.projectDir, write.displayPath) : undefined;
    const doc = (text: string): Document => ({ path: write.displayPath, text, language: write.language, ...(diskPath ? { diskPath } : {}) });
    const beforeDoc = write.before === "" ? undefined : doc(write.before);
    const known = beforeDoc && options.memo?.recall(beforeDoc);
    // Started before the "after" check so both run at once; a failure there means "check it here".
    const early = beforeDoc && !known ? options.parallel?.fingerprints(beforeDoc).catch(() => undefined) : undefined;
    const after = await checkDocument(doc(write.after), rules, checking);
    options.memo?.remember(doc(write.after), after.findings.map((f) => f.fingerprint));
    for (const note of after.notes) verdict.notes.push(note.message);
    if (after.findings.length === 0) continue;
    // Only now is the file before the call needed (unless it is already on its way): most edits stop above.
    let before: readonly string[] = [];
    if (beforeDoc !== undefined) {
      before = known ?? (await early) ?? (await checkDocument(beforeDoc, rules, checking)).findings.map((f) => f.fingerprint);
      // An agent whose edit is denied tries again on the same file: its "before" is this one.
      if (!known) options.memo?.remember(beforeDoc, before);
    }
    let introduced = introducedFindings(before, after.findings);
    if (options.acceptBaselined) introduced = options.acceptBaselined(introduced);
    for (const finding of introduced) {
      (finding.severity === "block" ? verdict.blocking : verdict.warnings).push(finding);
    }
  }
  return verdict;
}

/**
 * The daemon's memo for another rule set than the built-in pack: the same fingerprints are only
 * reused under the same rules, so the rule set's content key is part of every memo key.
 */
export function memoForRules(memo: CheckMemo, rulesKey: string): CheckMemo {
  const keyed = <T extends { path: string }>(doc: T): T => ({ ...doc, path: `${rulesKey}\u0000${doc.path}` });
  return {
    recall: (doc) => memo.recall(keyed(doc)),
    remember: (doc, fingerprints) => memo.remember(keyed(doc), fingerprints),
  };
}
