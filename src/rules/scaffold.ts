/**
 * The rule file `integration-guard rules new <id>` writes: a valid rule of the asked kind, for a
 * real migration, with one invalid and one valid example in realistic paths, and comments that
 * tell a newcomer what each field does. Every template passes `test-rules` as written (tested in
 * test/cli/rules-new.test.ts), so a team starts from green and edits towards its own case.
 */
import { LANGUAGE_SAMPLES, SCAFFOLD_KINDS, type Sample, type ScaffoldKind } from "./scaffold-samples.js";

export { SCAFFOLD_KINDS };

/** What --language accepts, and the file extension its examples use. */
const LANGUAGE_FLAGS: Readonly<Record<string, { family: "typescript" | "python" | "sql"; extension: string }>> = {
  ts: { family: "typescript", extension: "ts" },
  typescript: { family: "typescript", extension: "ts" },
  js: { family: "typescript", extension: "js" },
  javascript: { family: "typescript", extension: "js" },
  py: { family: "python", extension: "py" },
  python: { family: "python", extension: "py" },
  sql: { family: "sql", extension: "sql" },
};
export const SCAFFOLD_LANGUAGES = Object.keys(LANGUAGE_FLAGS);

export type Scaffold = { ok: true; text: string } | { ok: false; problem: string };

export function scaffoldRule(id: string, language: string, kind: string): Scaffold {
  const flag = LANGUAGE_FLAGS[language];
  if (!flag) return { ok: false, problem: `--language must be one of ${SCAFFOLD_LANGUAGES.join(", ")} (got "${language}")` };
  if (!(SCAFFOLD_KINDS as readonly string[]).includes(kind)) {
    return { ok: false, problem: `--kind must be one of ${SCAFFOLD_KINDS.join(", ")} (got "${kind}")` };
  }
  const sample = LANGUAGE_SAMPLES[flag.family][kind as ScaffoldKind];
  if (!sample) {
    const kinds = SCAFFOLD_KINDS.filter((k) => LANGUAGE_SAMPLES[flag.family][k]);
    return { ok: false, problem: `a ${kind} rule does not apply to ${flag.family} (for ${flag.family}: ${kinds.join(", ")})` };
  }
  return { ok: true, text: render(id, sample, flag.extension) };
}

function render(id: string, s: Sample, extension: string): string {
  const file = (path: string) => path.replace(/\.EXT$/, `.${s.extensions?.[extension] ?? extension}`);
  const code = (text: string) => text.replace(/^(?=.)/gm, "        ");
  return `# ${id}: a team rule for integration-guard. Every field and matcher kind: docs/rules.md.
# Edit the message, help, match and examples for your case, then run:
#   integration-guard test-rules
# The examples are tests: each invalid example must be reported on exactly its \`lines\`, each
# valid example must not be reported. Add one per way an agent writes the old pattern.
id: ${id}
# block: the hook denies the edit and lint fails; warn: reported, never blocks.
severity: block
# The languages this rule reads: typescript, javascript, python, sql.
languages: [${s.languages.join(", ")}]
# Only files matching these globs (relative to the project root) are checked; delete to check all.
# files: ["${s.files}"]
# Files where the old way is still allowed (the module that wraps it, its tests...).
${s.ignore ? "" : "# "}ignore: ["${s.ignore ?? s.ignoreHint}"]
# One line, shown to the agent when it is denied: what is wrong and what to use instead.
message: ${JSON.stringify(s.message)}
# Shown under the message: how to do it the new way, with code the agent can copy.
help: |
${s.help.trimEnd().replace(/^(?=.)/gm, "  ")}
# How the rule finds the old way. Several matchers: any of them reports.
match:
${s.match.trimEnd().replace(/^(?=.)/gm, "  ")}
examples:
  invalid:
    # Code an agent would write. \`file\`: a realistic path (its extension picks the language).
    # \`lines\`: the 1-based lines where this rule must report, exactly.
    - file: ${file(s.invalid.file)}
      code: |
${code(s.invalid.code)}      lines: [${s.invalid.lines.join(", ")}]
  valid:
    # The new way, and near misses the rule must leave alone.
    - file: ${file(s.valid.file)}
      code: |
${code(s.valid.code)}`;
}
