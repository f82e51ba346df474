/** The doctor report as text: one PASS/FAIL line per check, the fix under each failure. */
import type { DoctorReport } from "./index.js";
import { describeHook } from "./settings.js";
import type { Check } from "./checks.js";

export function renderDoctor(report: DoctorReport, color: boolean): string {
  const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const line = (check: Check) =>
    `  ${check.status === "pass" ? paint(32, "PASS") : paint(31, "FAIL")}  ${check.message}\n` +
    (check.fix && check.status === "fail" ? `        fix: ${check.fix}\n` : "");
  let out = `integration-guard doctor: ${report.root}\n`;
  out += `settings: ${report.sources.map((s) => `${s.label} (${s.state})`).join(", ")}\n`;
  for (const check of report.checks) out += line(check);
  for (const hook of report.hooks) {
    out += `\n${hook.source}: ${describeHook(hook)}\n`;
    for (const check of hook.checks) out += line(check);
  }
  if (report.otherHooks.length > 0) {
    out += `\nother hooks on write tools (not run; --all runs them too):\n`;
    for (const other of report.otherHooks) out += `  ${other.source}: ${other.command}\n`;
  }
  const failed = [...report.checks, ...report.hooks.flatMap((h) => h.checks)].filter((c) => c.status === "fail").length;
  out += report.ok
    ? `\n${paint(32, "The guard is registered and blocks.")}\n`
    : `\n${paint(31, `The guard does not reliably block: ${failed} check${failed === 1 ? "" : "s"} failed.`)}\n`;
  return out;
}
