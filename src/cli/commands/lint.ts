/**
 * `integration-guard lint`: check files, trees or the git index and report. Thin: sources
 * (sources/files, sources/git) make the jobs, the pool runs the engine, a reporter renders.
 * See docs/lint.md.
 */
import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { filterByBaseline, readBaseline, writeBaseline } from "../../baseline/index.js";
import { SUPPRESSION_RULES } from "../../engine/suppressions.js";
import type { LintReport, Reporter } from "../../reporters/report.js";
import { progressBar } from "../../reporters/progress.js";
import { textErrors } from "../../reporters/text.js";
import { loadRules } from "../../rules/builtin.js";
import { loadProjectRules } from "../../rules/project.js";
import { gitWorkTreeRoot } from "../../languages/project-root.js";
import type { CompiledRule } from "../../rules/compile.js";
import type { LintJob } from "../../sources/files/check-job.js";
import type { LintError } from "../../sources/files/read.js";
import { toPosix } from "../../sources/files/paths.js";
import { projectSupportMissing, runJobs } from "../../sources/files/pool.js";
import { stagedJobs } from "../../sources/git/staged.js";
import { EXIT, type Command } from "../command.js";

/** Only the chosen reporter is loaded (a pre-commit run pays for text, not for SARIF). */
const REPORTERS: Readonly<Record<string, () => Promise<Reporter>>> = {
  text: async () => (await import("../../reporters/text.js")).text,
  json: async () => (await import("../../reporters/json.js")).json,
  sarif: async () => (await import("../../reporters/sarif.js")).sarif,
  github: async () => (await import("../../reporters/github.js")).github,
};

const USAGE = `Usage: integration-guard lint [paths|globs...] [options]

Checks files (default: the current directory, honouring .gitignore) or the staged content.

Options:
  --staged               Check the content in the git index (what will be committed)
  -f, --format FORMAT    text (default), json, sarif, github
  --rules DIR            Use the rule files in DIR instead of the project's rules
                         (default: the built-in rules and .integration-guard/ of the git work tree)
  --baseline FILE        Report only findings not recorded in FILE
  --update-baseline      Record the current findings in the --baseline FILE
  --project TSCONFIG     Resolve constants imported from other modules (paths aliases, re-exports);
                         needs ts-morph (npm install --save-dev ts-morph@28)
  -j, --jobs N           Threads to use (default: all cores on large trees)
  -h, --help             Show this help

Exit codes: 0 no blocking finding, 1 a blocking finding, 2 usage or internal error.`;

const lint: Command = async (args) => {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        staged: { type: "boolean" },
        format: { type: "string", short: "f" },
        rules: { type: "string" },
        baseline: { type: "string" },
        "update-baseline": { type: "boolean" },
        project: { type: "string" },
        jobs: { type: "string", short: "j" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stderr.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  const format = values.format ?? "text";
  const loadReporter = REPORTERS[format];
  if (!loadReporter) return usageError(`unknown --format "${format}" (expected ${Object.keys(REPORTERS).join(", ")})`);
  if (values["update-baseline"] && !values.baseline) return usageError("--update-baseline needs --baseline FILE");
  const threads = values.jobs === undefined ? undefined : Number(values.jobs);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) return usageError(`--jobs expects a positive integer, got "${values.jobs}"`);

  const cwd = process.cwd();
  if (values.project !== undefined && !existsSync(resolve(cwd, values.project))) return usageError(`--project: ${values.project} does not exist`);
  const projectProblem = values.project === undefined ? undefined : projectSupportMissing();
  if (projectProblem !== undefined) {
    process.stderr.write(`integration-guard lint: ${projectProblem}\n`);
    return EXIT.usage;
  }
  // The project's rules live at its git work tree root (.integration-guard/), else in cwd.
  const projectRoot = gitWorkTreeRoot(cwd) ?? cwd;
  let rules: CompiledRule[];
  let jobs: LintJob[];
  let collectErrors: LintError[];
  try {
    // Started first so git (or the walk) runs while the rules load.
    const pendingJobs = values.staged ? stagedJobs(cwd, positionals).then((jobs) => ({ jobs, errors: [] })) : treeJobs(cwd, positionals);
    [rules, { jobs, errors: collectErrors }] = await Promise.all([lintRules(values.rules, projectRoot), pendingJobs]);
  } catch (error) {
    // Rule file problems, a path that does not exist, not a git repository: the user's to fix.
    process.stderr.write(`integration-guard lint: ${(error as Error).message}\n`);
    return EXIT.usage;
  }

  const progress = progressBar(jobs.length, process.stderr);
  const results = await runJobs(jobs, {
    rules,
    ...(values.rules === undefined ? { projectRoot } : { rulesDir: values.rules }),
    ...(values.project === undefined ? {} : { project: resolve(cwd, values.project) }),
    ...(threads === undefined ? {} : { threads }),
    ...(progress ? { onProgress: progress.update } : {}),
  });
  progress?.clear();

  let files = results.flatMap((r) => (r.report ? [r.report] : [])).sort((a, b) => compare(a.file, b.file));
  const errors = [...collectErrors, ...results.flatMap((r) => r.errors)].sort((a, b) => compare(a.file, b.file));

  if (values.baseline) {
    try {
      if (values["update-baseline"]) {
        const recorded = await writeBaseline(values.baseline, files, cwd);
        process.stderr.write(`integration-guard lint: recorded ${recorded} finding${recorded === 1 ? "" : "s"} in ${values.baseline}\n`);
      }
      const baseline = await readBaseline(values.baseline);
      files = files
        .map((file) => ({ ...file, findings: filterByBaseline(baseline, file.findings, cwd) }))
        .filter((file) => file.findings.length > 0);
    } catch (error) {
      process.stderr.write(`integration-guard lint: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
  }

  const report: LintReport = {
    checkedFiles: jobs.length,
    files,
    errors,
    rules: [...rules.map(({ id, severity, message, help }) => ({ id, severity, message, help })), ...SUPPRESSION_RULES],
  };
  const color = format === "text" && process.stdout.isTTY === true && !process.env.NO_COLOR;
  process.stdout.write((await loadReporter())(report, { color }));
  if (format === "text") process.stderr.write(textErrors(errors));
  return files.some((f) => f.findings.some((x) => x.severity === "block")) ? EXIT.findings : EXIT.ok;
};
export default lint;

/** --rules DIR, else the project's rules; any problem in a project rule file is the user's to fix (exit 2). */
async function lintRules(dir: string | undefined, projectRoot: string): Promise<CompiledRule[]> {
  if (dir !== undefined) return loadRules(dir);
  const project = await loadProjectRules(projectRoot);
  if (project.problems.length > 0) throw new Error(`invalid project rules:\n${project.problems.join("\n")}`);
  return project.rules;
}

/** The walker (ignore, picomatch) is loaded only for trees: --staged in a pre-commit hook skips it. */
async function treeJobs(cwd: string, patterns: readonly string[]): Promise<{ jobs: LintJob[]; errors: LintError[] }> {
  const { collectFiles } = await import("../../sources/files/collect.js");
  const { files, errors } = await collectFiles(cwd, patterns);
  return { jobs: files.map((absolute) => ({ file: toPosix(relative(cwd, absolute)), absolute })), errors };
}

function usageError(message: string): number {
  process.stderr.write(`integration-guard lint: ${message}\n\n${USAGE}\n`);
  return EXIT.usage;
}

/** Code-unit order, not locale order: the same on every machine. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
