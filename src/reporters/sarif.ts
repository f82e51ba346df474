/**
 * `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it (upload-sarif). Rules carry
 * their message and help; results carry a region (1-based, UTF-16 columns) and a partial
 * fingerprint derived from Finding.fingerprint, so an alert survives line shifts.
 * Files that could not be checked become tool execution notifications.
 */
import { createHash } from "node:crypto";
import type { Reporter } from "./report.js";
import { VERSION } from "../core/version.js";


export const sarif: Reporter = (report) => {
  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i]));
  const results = report.files.flatMap((file) => {
    const seen = new Map<string, number>();
    return file.findings.map((f) => {
      // Identical code flagged twice in a file: the occurrence number keeps the fingerprints apart.
      const occurrence = (seen.get(f.fingerprint) ?? 0) + 1;
      seen.set(f.fingerprint, occurrence);
      return {
        ruleId: f.ruleId,
        ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId)! } : {}),
        level: f.severity === "block" ? "error" : "warning",
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: uriOf(file.file), uriBaseId: "%SRCROOT%" },
              region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
            },
          },
        ],
        partialFingerprints: { "integrationGuard/v1": hash(`${f.fingerprint}\u0000${occurrence}`) },
      };
    });
  });
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "integration-guard",
            version: VERSION,
            rules: report.rules.map((r) => ({
              id: r.id,
              name: r.id,
              shortDescription: { text: r.message },
              fullDescription: { text: `${r.message}\n${r.help}`.trim() },
              help: { text: r.help || r.message },
              defaultConfiguration: { level: r.severity === "block" ? "error" : "warning" },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.errors.map((e) => ({
              level: "warning",
              message: { text: e.message },
              locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(e.file), uriBaseId: "%SRCROOT%" } } }],
            })),
          },
        ],
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

/** A relative URI reference: each path segment percent-encoded (spaces, unicode, '#', '?'). */
function uriOf(file: string): string {
  return file.split("/").map(encodeURIComponent).join("/");
}

function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}
