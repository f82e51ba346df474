/**
 * "Only what the call introduces blocks" (rules.md): a post-edit finding is introduced when the
 * pre-edit file has fewer findings with the same fingerprint (rule + the code it points at).
 * Counting, not set membership: adding a second copy of an existing violation is introduced.
 * Line numbers play no part, so a line inserted above an old violation does not make it new.
 */
import type { Finding } from "../core/types.js";

export function introducedFindings(before: readonly string[], after: readonly Finding[]): Finding[] {
  const remaining = new Map<string, number>();
  for (const fingerprint of before) remaining.set(fingerprint, (remaining.get(fingerprint) ?? 0) + 1);
  const introduced: Finding[] = [];
  for (const f of after) {
    const left = remaining.get(f.fingerprint) ?? 0;
    if (left > 0) remaining.set(f.fingerprint, left - 1);
    else introduced.push(f);
  }
  return introduced;
}
