/**
 * `integration-guard test-rules [--rules DIR] [--json]`: runs every rule's valid/invalid examples.
 * By default the rules the hook uses in this project (rules/project.ts: the built-in pack, the
 * config's packs and .integration-guard/rules/); `--rules DIR` tests only the rule files of DIR.
 * Also says which rules have no literal words for the hook's text pre-check (always parsed).
 * Exit 0 when all pass, 1 when an example fails, 2 when a rule or config file is invalid (docs/authoring.md).
 */
import { runRuleExamples } from "../../engine/rule-examples.js";
import { projectRoot } from "../../install/project.js";
import { renderRuleTests, type RuleTestReport } from "../../reporters/rule-tests.js";
import { loadRuleDirectory, RuleFileError, type RuleSource, sourcesOf } from "../../rules/load.js";
import { loadProjectRuleSources } from "../../rules/project.js";
import { type Command, commandArgs, EXIT, usageError } from "../command.js";
import { displayPath } from "../../sources/claude-code/files.js";

const USAGE = `Usage: integration-guard test-rules [--rules DIR] [--json]

Runs every example of every rule: each invalid example must be reported (on exactly its
\`lines\` when given), each valid example must not. Default: the rules the hook uses in this
project (the built-in pack, the packs of .integration-guard/config.yaml, .integration-guard/rules/).

Options:
  --rules DIR   Test only the rule files in DIR
  --json        Print the report as JSON on stdout
  -h, --help    Show this help

Exit codes: 0 every example passes, 1 an example fails, 2 a bad rule or config file (all listed) or bad usage.`;

const testRules: Command = async (args) => {
  const parsed = commandArgs("test-rules", USAGE, args, { rules: { type: "string" }, json: { type: "boolean" } });
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  if (positionals.length > 0) return usageError("test-rules", USAGE, `unexpected argument "${positionals[0]}" (rule folders go after --rules)`);
  const cwd = process.cwd();
  const root = values.rules === undefined ? await projectRoot(cwd) : cwd;
  const { sources, problems } = values.rules === undefined ? await loadProjectRuleSources(root) : await ruleDirectory(values.rules);

  const report: RuleTestReport = { rules: [], problems };
  for (const { rule, file } of sources) {
    const tested = await runRuleExamples(rule);
    report.rules.push({ ...tested, file: displayPath(file, root) });
  }
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  const { stdout, stderr } = renderRuleTests(report, { json: values.json === true, color });
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  if (problems.length > 0) return EXIT.usage;
  return report.rules.some((r) => r.failures.length > 0) ? EXIT.findings : EXIT.ok;
};
export default testRules;

/** `--rules DIR`: its rules, or every problem of its files. */
async function ruleDirectory(dir: string): Promise<{ sources: RuleSource[]; problems: string[] }> {
  try {
    return { sources: sourcesOf(await loadRuleDirectory(dir)), problems: [] };
  } catch (error) {
    if (!(error instanceof RuleFileError)) throw error;
    return { sources: [], problems: error.problems };
  }
}
