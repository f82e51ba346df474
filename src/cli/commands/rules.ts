/**
 * `integration-guard rules new <id> [--language L] [--kind K]`: writes a working rule to start
 * from, `.integration-guard/rules/<id>.yaml` in the project root (the git work tree of cwd), with
 * examples that pass `test-rules` as written (rules/scaffold.ts). Never overwrites a file.
 * Prints the file's path on stdout (JSON with --json) and what to do next on stderr.
 * Exit 0 written, 2 bad id, option or existing rule (docs/authoring.md).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { projectRoot } from "../../install/project.js";
import { PROJECT_FOLDER, RULES_FOLDER } from "../../rules/project-files.js";
import { loadProjectRuleSources } from "../../rules/project.js";
import { SCAFFOLD_KINDS, SCAFFOLD_LANGUAGES, scaffoldRule } from "../../rules/scaffold.js";
import { RuleSchema } from "../../rules/schema.js";
import { displayPath } from "../../sources/claude-code/files.js";
import { type Command, commandArgs, EXIT, usageError } from "../command.js";

/** Where a project keeps its own rules, relative to the project root. */
const PROJECT_RULES_DIR = `${PROJECT_FOLDER}/${RULES_FOLDER}`;

const USAGE = `Usage: integration-guard rules new <id> [--language LANG] [--kind KIND] [--json]

Writes ${PROJECT_RULES_DIR}/<id>.yaml in the project root: a working rule of that kind, with a
message, help, and an invalid and a valid example to edit. Never overwrites a file.

Options:
  --language LANG   ${SCAFFOLD_LANGUAGES.join(", ")} (default: ts)
  --kind KIND       ${SCAFFOLD_KINDS.join(", ")} (default: import)
  --json            Print {"file", "id", "kind", "language"} on stdout instead of the path
  -h, --help        Show this help

Exit codes: 0 written, 2 bad id or option, or a rule with that id or file already exists.`;

const rules: Command = async (args) => {
  const [sub, ...rest] = args;
  if (sub === "--help" || sub === "-h" || sub === "help") {
    process.stderr.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (sub !== "new") return usage(sub === undefined ? "missing subcommand: new" : `unknown subcommand "${sub}" (expected new)`);

  const parsed = commandArgs("rules", USAGE, rest, { language: { type: "string" }, kind: { type: "string" }, json: { type: "boolean" } });
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return usage(positionals.length === 0 ? "missing the rule id" : "one rule id at a time");
  const id = positionals[0]!;
  const idCheck = RuleSchema.shape.id.safeParse(id);
  if (!idCheck.success) return usage(`"${id}" is not a rule id: ${idCheck.error.issues[0]?.message ?? "kebab-case"} (like no-legacy-auth-import)`);
  const language = values.language ?? "ts";
  const kind = values.kind ?? "import";
  const scaffold = scaffoldRule(id, language, kind);
  if (!scaffold.ok) return usage(scaffold.problem);

  const cwd = process.cwd();
  const root = await projectRoot(cwd);
  const existing = (await loadProjectRuleSources(root)).sources.find((source) => source.rule.id === id)?.file;
  if (existing) return refuse(`a rule with the id "${id}" already exists: ${displayPath(existing, cwd)}`);
  const file = join(root, PROJECT_RULES_DIR, `${id}.yaml`);
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, scaffold.text, { flag: "wx" }); // wx: never overwrite
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return refuse(code === "EEXIST" ? `${displayPath(file, cwd)} already exists: not overwritten` : `cannot write ${file}: ${(error as Error).message}`);
  }
  const shown = displayPath(file, cwd);
  process.stdout.write(values.json ? `${JSON.stringify({ file, id, kind, language })}\n` : `${shown}\n`);
  process.stderr.write(
    `Wrote a ${kind} rule to ${shown}.\nNext: edit its message, help, match and examples for your case, then run:\n  integration-guard test-rules\n`,
  );
  return EXIT.ok;
};
export default rules;

function usage(problem: string): number {
  return usageError("rules", USAGE, problem);
}

function refuse(message: string): number {
  process.stderr.write(`integration-guard rules new: ${message}\n`);
  return EXIT.usage;
}
