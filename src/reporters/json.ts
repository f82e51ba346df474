/**
 * `--format json`, the documented contract:
 * {"findings": [{ruleId, severity, file, line, column, endLine, endColumn, message}], "errors": [{file, message}]}
 * Positions are 1-based; files are relative to the working directory with forward slashes.
 */
import type { Reporter } from "./report.js";

export const json: Reporter = (report) => {
  const findings = report.files.flatMap((file) =>
    file.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      file: file.file,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      message: f.message,
    })),
  );
  const errors = report.errors.map((e) => ({ file: e.file, message: e.message }));
  return `${JSON.stringify({ findings, errors }, null, 2)}\n`;
};
