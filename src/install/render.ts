/** Install/uninstall output: one status line per step on stderr, file contents (data) on stdout. */
import type { RunReport, } from "./run.js";
import type { StepStatus } from "./plan.js";

export function useColor(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !("NO_COLOR" in process.env && process.env.NO_COLOR !== "");
}

const MARKS: Record<StepStatus, { text: string; color: number }> = {
  added: { text: "added", color: 32 },
  replaced: { text: "replaced", color: 32 },
  removed: { text: "removed", color: 32 },
  unchanged: { text: "unchanged", color: 2 },
  printed: { text: "to add by hand", color: 33 },
  refused: { text: "refused", color: 31 },
};

export function renderText(report: RunReport, color: boolean): { stderr: string; stdout: string } {
  const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  let stderr = report.dryRun ? "dry run: nothing was written\n" : "";
  let stdout = "";
  for (const step of report.steps) {
    const mark = MARKS[step.status];
    stderr += `${paint(mark.color, mark.text.padEnd(9))} ${step.step}${step.file ? ` (${step.file})` : ""}: ${step.message}\n`;
    // The text the user must paste, or with --dry-run the file as it would be written.
    if (step.content !== undefined && (step.status === "printed" || step.status === "refused" || report.dryRun)) {
      stdout += `${report.steps.length > 1 || step.file ? `# ${step.file ?? step.step}\n` : ""}${step.content}`;
      if (!step.content.endsWith("\n")) stdout += "\n";
    }
  }
  return { stderr, stdout };
}
