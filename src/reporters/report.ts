/**
 * What every lint reporter renders: the files with findings, the files that could not be checked,
 * and the rules that ran (SARIF lists them). Reporters return text; the command writes it.
 */
import type { Severity } from "../core/types.js";
import type { FileReport } from "../sources/files/check-job.js";
import type { LintError } from "../sources/files/read.js";

export type { FileReport, LintError };

export interface RuleInfo {
  id: string;
  severity: Severity;
  message: string;
  help: string;
}

export interface LintReport {
  /** How many files were checked (with or without findings). */
  checkedFiles: number;
  /** Files with findings, sorted by path; findings sorted by position. */
  files: FileReport[];
  errors: LintError[];
  rules: RuleInfo[];
}

export interface ReporterOptions {
  /** ANSI colours (text only): on a TTY and without NO_COLOR. */
  color: boolean;
}

export type Reporter = (report: LintReport, options: ReporterOptions) => string;

export function countBySeverity(report: LintReport): { block: number; warn: number } {
  let block = 0;
  let warn = 0;
  for (const file of report.files) for (const f of file.findings) f.severity === "block" ? block++ : warn++;
  return { block, warn };
}
