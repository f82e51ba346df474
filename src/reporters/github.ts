/**
 * `--format github`: GitHub Actions workflow commands, one annotation per finding
 * (`::error file=...,line=...,col=...,endLine=...,endColumn=...,title=<ruleId>::message`).
 * Files that could not be checked become warnings on the file.
 */
import type { Reporter } from "./report.js";

export const github: Reporter = (report) => {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const f of file.findings) {
      const properties = [
        `file=${escapeProperty(file.file)}`,
        `line=${f.line}`,
        `col=${f.column}`,
        `endLine=${f.endLine}`,
        `endColumn=${f.endColumn}`,
        `title=${escapeProperty(f.ruleId)}`,
      ].join(",");
      lines.push(`::${f.severity === "block" ? "error" : "warning"} ${properties}::${escapeData(f.message)}`);
    }
  }
  for (const e of report.errors) {
    lines.push(`::warning file=${escapeProperty(e.file)},title=integration-guard::${escapeData(e.message)}`);
  }
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
};

/** The escaping the Actions runner undoes (toolkit/core command.ts). */
function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
