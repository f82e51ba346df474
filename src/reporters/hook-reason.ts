/**
 * The text the model reads when the hook speaks (any agent): first line the rule's original
 * message, then file:line of each finding, then what to do instead. Capped below the 10,000
 * characters Claude Code keeps of hook output.
 */
import type { Finding } from "../core/types.js";
import type { ProposedWrite } from "../core/hook-types.js";

const MAX_REASON_CHARS = 9_000;

export function reasonText(findings: readonly Finding[], writes: readonly ProposedWrite[]): string {
  const first = findings[0];
  if (!first) return "";
  const lines = [first.message, ""];
  const shown = findings.slice(0, 30);
  for (const f of shown) lines.push(`${where(f, writes)}  ${f.ruleId}: ${f.message}`);
  if (findings.length > shown.length) lines.push(`... and ${findings.length - shown.length} more`);
  lines.push("", "What to do instead:");
  const seen = new Set<string>();
  for (const f of findings) {
    if (seen.has(f.ruleId)) continue;
    seen.add(f.ruleId);
    lines.push(`[${f.ruleId}]`, f.help.trimEnd(), "");
  }
  const text = lines.join("\n").trimEnd();
  return text.length > MAX_REASON_CHARS ? `${text.slice(0, MAX_REASON_CHARS)}\n... (truncated)` : text;
}

function where(f: Finding, writes: readonly ProposedWrite[]): string {
  const write = writes.find((w) => w.displayPath === f.file);
  const cell = write?.describeLine ? ` (${write.describeLine(f.line)})` : "";
  return `${f.file}:${f.line}${cell}`;
}
