/** `integration-guard doctor`: checks that the registered Claude Code hook really blocks. Logic in src/doctor/. */
import { parseArgs } from "node:util";
import { runDoctor } from "../../doctor/index.js";
import { renderDoctor } from "../../doctor/render.js";
import { useColor } from "../../install/render.js";
import { EXIT, type Command } from "../command.js";

const USAGE = `Usage: integration-guard doctor [--json] [--all]

Reads .claude/settings.json, .claude/settings.local.json and ~/.claude/settings.json, and for every
PreToolUse hook that runs integration-guard checks its matcher, timeout and paths, then runs it the
way Claude Code does on a write it must deny and one it must allow. Checks that the after-the-call
(PostToolUse), turn-end (Stop, SubagentStop) and SessionStart hooks are registered too. Where
install --codex / --gemini registered the guard, checks that Codex trusts the project and each hook
($CODEX_HOME/config.toml) and that Gemini CLI trusts the folder (~/.gemini/trustedFolders.json):
until then those agents skip the hooks silently.

  --json  the report as JSON on stdout
  --all   also run the other hooks registered on write tools (for a guard wrapped in a script)

Exit 0 when the guard is registered and really blocks, 1 when a check failed.`;

const doctor: Command = async (args) => {
  let values;
  try {
    ({ values } = parseArgs({ args, strict: true, options: { json: { type: "boolean" }, all: { type: "boolean" }, help: { type: "boolean", short: "h" } } }));
  } catch (error) {
    process.stderr.write(`integration-guard doctor: ${(error as Error).message}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  if (values.help) {
    process.stderr.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  const report = await runDoctor({ cwd: process.cwd(), all: values.all === true });
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderDoctor(report, useColor(process.stdout)));
  return report.ok ? EXIT.ok : EXIT.findings;
};
export default doctor;
