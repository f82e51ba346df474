/**
 * The daemon's log: one line per request with its timing and outcome, never a payload, a path, an
 * env value or an error message (any of them may carry file contents or secrets). Capped: past
 * MAX_BYTES the file is rotated once (daemon.log.1), so it never grows without bound.
 */
import { appendFileSync, renameSync, statSync } from "node:fs";

const MAX_BYTES = 1024 * 1024;

export function logLine(file: string, fields: Record<string, string | number>): void {
  const line = `${new Date().toISOString()} ${Object.entries(fields).map(([k, v]) => `${k}=${v}`).join(" ")}\n`;
  try {
    if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > MAX_BYTES) renameSync(file, `${file}.1`);
    appendFileSync(file, line, { mode: 0o600 });
  } catch {
    // A log that cannot be written is not a reason to fail a request.
  }
}
