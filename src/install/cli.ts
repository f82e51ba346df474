/** Flag parsing and output shared by `install` and `uninstall`. */
import { parseArgs } from "node:util";
import { EXIT } from "../core/exit-codes.js";
import type { StepName } from "./plan.js";
import { renderText, useColor } from "./render.js";
import type { RunOptions, RunReport } from "./run.js";
import { describeProjectRules } from "../rules/project-summary.js";

const STEP_FLAGS: Record<string, StepName> = { claude: "claude", git: "git", "lint-staged": "lint-staged", "pre-commit": "pre-commit", codex: "codex", gemini: "gemini", cursor: "cursor" };

export async function runInstallCommand(
  name: "install" | "uninstall",
  args: string[],
  defaults: readonly StepName[],
  usage: string,
  run: (options: RunOptions) => Promise<RunReport>,
): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        claude: { type: "boolean" },
        git: { type: "boolean" },
        "lint-staged": { type: "boolean" },
        "pre-commit": { type: "boolean" },
        codex: { type: "boolean" },
        gemini: { type: "boolean" },
        cursor: { type: "boolean" },
        "dry-run": { type: "boolean" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    process.stderr.write(`integration-guard ${name}: ${(error as Error).message}\n\n${usage}\n`);
    return EXIT.usage;
  }
  if (values.help) {
    process.stderr.write(`${usage}\n`);
    return EXIT.ok;
  }
  const chosen = Object.entries(STEP_FLAGS).filter(([flag]) => values[flag as keyof typeof values]).map(([, step]) => step);
  const report = await run({ cwd: process.cwd(), steps: chosen.length > 0 ? chosen : defaults, dryRun: values["dry-run"] === true });
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    const { stderr, stdout } = renderText(report, useColor(process.stderr));
    process.stdout.write(stdout);
    process.stderr.write(stderr);
    if (report.projectRules) process.stderr.write(`${describeProjectRules(report.projectRules)}\n`);
  }
  // A refused step means the tool could not do (part of) its job; nothing was written for it.
  return report.steps.some((step) => step.status === "refused") ? EXIT.internal : EXIT.ok;
}
