/**
 * The agent-neutral core of the hook: check each proposed write before and after, keep what the
 * call introduces, split it into blocking findings and warnings.
 */
import type { CheckResult, Document } from "../core/types.js";
import { checkDocument } from "../engine/check.js";
import type { CompiledRule } from "../rules/compile.js";
import { introducedFindings } from "./introduced.js";
import type { ProposedWrite, Verdict } from "./types.js";

export interface JudgeOptions {
  /** Drops findings a baseline already accepts (lint --baseline's file). */
  acceptBaselined?: (findings: CheckResult["findings"]) => CheckResult["findings"];
}

export async function judge(writes: readonly ProposedWrite[], rules: readonly CompiledRule[], options: JudgeOptions = {}): Promise<Verdict> {
  const verdict: Verdict = { blocking: [], warnings: [], notes: [] };
  for (const write of writes) {
    const doc = (text: string): Document => ({ path: write.displayPath, text, language: write.language });
    const after = await checkDocument(doc(write.after), rules);
    for (const note of after.notes) verdict.notes.push(note.message);
    if (after.findings.length === 0) continue;
    // Only now is the file before the call worth checking: most edits stop above.
    const before = write.before === "" ? undefined : await checkDocument(doc(write.before), rules);
    let introduced = introducedFindings(before?.findings ?? [], after.findings);
    if (options.acceptBaselined) introduced = options.acceptBaselined(introduced);
    for (const finding of introduced) {
      (finding.severity === "block" ? verdict.blocking : verdict.warnings).push(finding);
    }
  }
  return verdict;
}
