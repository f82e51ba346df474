/**
 * `integration-guard explain FILE:LINE[:COL] [--json]`: why a finding fired. Checks FILE with the
 * rules the hook uses in its project (rules/project.ts) and prints, for each finding on the
 * line (at the column, when given), the rule, the matcher, the fact and its chain of values and
 * aliases (engine/explain.ts); with no finding there, says so and lists the nearest ones.
 * Exit 0 a finding is on the line, 1 none, 2 bad usage or an unreadable file (docs/authoring.md).
 */
import { dirname, resolve } from "node:path";
import { explainDocument, type ExplainedFinding } from "../../engine/explain.js";
import { projectRoot } from "../../install/project.js";
import { type ExplainReport, explainJson, explainText } from "../../reporters/explain.js";
import { loadProjectRuleSources } from "../../rules/project.js";
import { displayPath } from "../../sources/claude-code/files.js";
import { readDocument } from "../../sources/files/read.js";
import { type Command, commandArgs, EXIT, usageError } from "../command.js";

const USAGE = `Usage: integration-guard explain FILE:LINE[:COL] [--json]

Checks FILE with the rules the hook uses in its project and prints, for each finding on LINE
(at COL, when given): the rule, the matcher and the pattern that matched, the fact the code
made (values, callee, clients) and the chain of constants and aliases the value came through.

Options:
  --json       Print the explanation as JSON on stdout
  -h, --help   Show this help

Exit codes: 0 a finding is on the line, 1 no finding there, 2 bad usage or a file that cannot be read.`;

/** How many findings elsewhere in the file "no finding on this line" points to. */
const NEAREST = 3;

const explain: Command = async (args) => {
  const parsed = commandArgs("explain", USAGE, args, { json: { type: "boolean" } });
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return usage(positionals.length === 0 ? "missing FILE:LINE" : "one FILE:LINE at a time");
  const target = /^(.+?):(\d+)(?::(\d+))?$/.exec(positionals[0]!);
  if (!target || Number(target[2]) < 1 || (target[3] !== undefined && Number(target[3]) < 1)) {
    return usage(`expected FILE:LINE or FILE:LINE:COL (1-based), got "${positionals[0]}"`);
  }
  const [, file, line, column] = target as unknown as [string, string, string, string | undefined];

  const cwd = process.cwd();
  const absolute = resolve(cwd, file);
  const read = readDocument(absolute, displayPath(absolute, cwd));
  if ("error" in read) {
    process.stderr.write(`integration-guard explain: ${read.error.file}: ${read.error.message}\n`);
    return EXIT.usage;
  }
  const { sources, problems } = await loadProjectRuleSources(await projectRoot(dirname(absolute)));
  const rules = sources.map((source) => source.rule);
  if (problems.length > 0) process.stderr.write(`integration-guard explain: rule files skipped:\n${problems.join("\n")}\n`);
  const document = { ...read.document, diskPath: absolute };
  const { findings, notes } = await explainDocument(document, rules);
  for (const note of notes) process.stderr.write(`integration-guard explain: ${note.message}\n`);

  const at = { line: Number(line), column: column === undefined ? undefined : Number(column) };
  const here = findings.filter((e) => covers(e, at.line, at.column));
  const report: ExplainReport = {
    file: document.path,
    text: document.text,
    line: at.line,
    ...(at.column === undefined ? {} : { column: at.column }),
    findings: here,
    nearest: here.length > 0 ? [] : nearest(findings, at.line),
    notes,
    rules: rules.length,
    problems,
  };
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  process.stdout.write(values.json ? explainJson(report) : explainText(report, color));
  return here.length > 0 ? EXIT.ok : EXIT.findings;
};
export default explain;

/** Is (line, column) inside the finding's range? Without a column: does the range touch the line? */
function covers({ finding: f }: ExplainedFinding, line: number, column: number | undefined): boolean {
  if (line < f.line || line > f.endLine) return false;
  if (column === undefined) return true;
  return (line > f.line || column >= f.column) && (line < f.endLine || column <= f.endColumn);
}

function nearest(findings: readonly ExplainedFinding[], line: number): ExplainedFinding[] {
  return findings
    .filter((e) => !e.suppressed)
    .map((e) => ({ e, distance: Math.abs(e.finding.line - line) }))
    .sort((a, b) => a.distance - b.distance || a.e.finding.span.start - b.e.finding.span.start)
    .slice(0, NEAREST)
    .map(({ e }) => e);
}

function usage(problem: string): number {
  return usageError("explain", USAGE, problem);
}
