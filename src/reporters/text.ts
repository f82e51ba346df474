/**
 * `--format text` (default), shaped like the best linters:
 *
 *   src/a.ts:3:25  block  ❌ BLOCKED: ...  no-cloud-provider-integrations-table
 *     2 | ...
 *   > 3 | const { data } = await supabase.from("cloud_provider_integrations")
 *       |                                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
 *
 *   ✖ 3 problems (2 blocking, 1 warning) in 2 files
 *
 * The report goes to stdout; files that could not be checked go to stderr (textErrors).
 */
import type { Finding } from "../core/types.js";
import { countBySeverity, type LintError, type Reporter } from "./report.js";

const CONTEXT_LINES = 1;
/** Longer source lines are cut around the finding (minified code). */
const MAX_FRAME_WIDTH = 160;

export interface Paint {
  red(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  green(s: string): string;
}

export function paint(color: boolean): Paint {
  const wrap = (open: number, close: number) => (s: string) => (color ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return { red: wrap(31, 39), yellow: wrap(33, 39), dim: wrap(2, 22), bold: wrap(1, 22), green: wrap(32, 39) };
}

export const text: Reporter = (report, options) => {
  const p = paint(options.color);
  const out: string[] = [];
  for (const file of report.files) {
    const lines = file.text.split(/\r?\n/);
    if (lines.at(-1) === "") lines.pop(); // the newline that ends the file is not a line
    for (const f of file.findings) {
      const severity = f.severity === "block" ? p.red("block") : p.yellow("warn ");
      out.push(`${p.bold(`${file.file}:${f.line}:${f.column}`)}  ${severity}  ${f.message}  ${p.dim(f.ruleId)}`);
      out.push(...codeFrame(lines, f, p), "");
    }
  }
  const { block, warn } = countBySeverity(report);
  const total = block + warn;
  if (total === 0) {
    out.push(p.green(`✔ no problems (${plural(report.checkedFiles, "file")} checked)`));
  } else {
    const summary = `✖ ${plural(total, "problem")} (${block} blocking, ${plural(warn, "warning")}) in ${plural(report.files.length, "file")}`;
    out.push(block > 0 ? p.red(p.bold(summary)) : p.yellow(p.bold(summary)));
  }
  return `${out.join("\n")}\n`;
};

/** Files that could not be checked, for stderr. */
export function textErrors(errors: readonly LintError[]): string {
  return errors.map((e) => `integration-guard: ${e.file}: ${e.message}\n`).join("");
}

function codeFrame(lines: readonly string[], f: Finding, p: Paint): string[] {
  const first = Math.max(1, f.line - CONTEXT_LINES);
  const last = Math.min(lines.length, f.line + CONTEXT_LINES);
  const gutter = String(last).length;
  const frame: string[] = [];
  for (let n = first; n <= last; n++) {
    const source = lines[n - 1] ?? "";
    const isTarget = n === f.line;
    // Cut long lines to a window that holds the finding's start.
    const from = source.length > MAX_FRAME_WIDTH && isTarget ? Math.max(0, f.column - 1 - MAX_FRAME_WIDTH / 4) : 0;
    const shown = untab(source.slice(from, from + MAX_FRAME_WIDTH));
    frame.push(`${isTarget ? p.red(">") : " "} ${p.dim(`${String(n).padStart(gutter)} |`)} ${shown}`);
    if (isTarget) {
      const startCol = f.column - 1 - from;
      const endCol = f.endLine === f.line ? f.endColumn - 1 - from : source.length - from;
      const before = untab(source.slice(from, from + startCol)).replace(/[^\s]/g, " ");
      const width = Math.max(1, untab(source.slice(from + startCol, from + Math.min(endCol, MAX_FRAME_WIDTH))).length);
      frame.push(`  ${p.dim(`${" ".repeat(gutter)} |`)} ${before}${p.red("^".repeat(width))}`);
    }
  }
  return frame;
}

function untab(s: string): string {
  return s.replace(/\t/g, "  ");
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
