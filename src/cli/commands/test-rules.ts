/**
 * `integration-guard test-rules [--rules DIR] [--json]`: runs every rule's valid/invalid examples.
 * Exit 0 when all pass, 1 on any miss, 2 when a rule file is invalid.
 */
import { dirname, join } from "node:path";
import { builtFile } from "../../core/dist-files.js";
import { parseArgs } from "node:util";
import { runRuleExamples } from "../../engine/rule-examples.js";
import { loadRuleDirectory, RuleFileError } from "../../rules/load.js";
import { EXIT, type Command } from "../command.js";

/** The package's own rules/, beside its dist/ (from source too: tests build first). */
function packageRulesDir(): string {
  return join(dirname(builtFile("rules.json")), "..", "rules");
}

const testRules: Command = async (args) => {
  let values: { rules?: string | undefined; json?: boolean | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({ args, options: { rules: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean" } }, strict: true }));
  } catch (error) {
    process.stderr.write(`integration-guard test-rules: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  if (values.help) {
    process.stderr.write("Usage: integration-guard test-rules [--rules DIR] [--json]\n");
    return EXIT.ok;
  }
  let rules;
  try {
    ({ rules } = await loadRuleDirectory(values.rules ?? packageRulesDir()));
  } catch (error) {
    if (!(error instanceof RuleFileError)) throw error;
    process.stderr.write(`integration-guard test-rules: invalid rule files:\n${error.message}\n`);
    return EXIT.usage;
  }
  const reports = [];
  for (const rule of rules) reports.push(await runRuleExamples(rule));
  const failures = reports.flatMap((r) => r.failures);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ rules: reports }, null, 2)}\n`);
  } else {
    for (const r of reports) {
      process.stderr.write(`${r.failures.length === 0 ? "ok  " : "FAIL"} ${r.ruleId} (${r.examples} examples)\n`);
      for (const f of r.failures) process.stderr.write(`     ${f.kind} example #${f.index + 1} (${f.file}): ${f.problem}\n`);
    }
    const total = reports.reduce((n, r) => n + r.examples, 0);
    process.stderr.write(`${total - failures.length} passed, ${failures.length} failed\n`);
  }
  return failures.length === 0 ? EXIT.ok : EXIT.findings;
};

export default testRules;
