/**
 * A shell command (Claude Code / Codex `Bash`, Gemini `run_shell_command`, Cursor `Shell`) ->
 * the files it writes and the SQL it runs, as proposed writes for the judge.
 *
 *   pre-check (text) -> tree-sitter-bash (valid shell? the tree) -> steps (tree.ts) -> effects (files, SQL)
 *
 * Files: before = the file on disk ("" when new), after = what the command leaves there.
 * SQL run with psql (-c text, -f file, stdin): checked as a new .sql document (before "").
 */
import type { ProposedWrite } from "../../core/hook-types.js";
import { languageOfPath } from "../../languages/registry.js";
import type { SourceContext, SourceResult } from "../agent.js";
import { displayPath, unjudgeableText } from "../claude-code/files.js";
import { shellEffects } from "./effects.js";
import { loadShellParser, type ShellParse } from "./parse.js";
import { mayWriteOrRunSql } from "./precheck.js";

/** `ran`: judged after the command ran (PostToolUse): only the text it wrote counts (effects.ts). */
export async function shellWrites(command: string, context: SourceContext, options: { ran?: boolean } = {}): Promise<SourceResult> {
  if (!mayWriteOrRunSql(command, context.rules)) return { skip: "the command writes no file and runs no SQL this hook checks" };
  let parse: ShellParse;
  try {
    parse = await loadShellParser();
  } catch (error) {
    return { skip: `the shell parser could not be loaded (${(error as Error).message.split("\n")[0]}); not checked` };
  }
  const parsed = parse(command);
  if (!parsed.ok) {
    if (parsed.invalid) return { skip: `the command is not valid shell (${parsed.reason}); nothing it would write was checked` };
    return { skip: `the command could not be followed (${parsed.reason}); not checked` };
  }
  const effects = shellEffects(parsed.steps, context.cwd, parse, options);
  const notes = [...effects.notes];
  const writes: ProposedWrite[] = [];
  for (const [path, effect] of effects.files) {
    const language = languageOfPath(path);
    if (!language || effect.removed) continue;
    const shown = displayPath(path, context.projectDir);
    if (effect.disk.kind === "unreadable") notes.push(`${shown}: cannot be read (${effect.disk.reason}); not checked`);
    else if (effect.after === undefined) notes.push(`${shown}: written with the output of \`${effect.unknownFrom}\`, only known when it runs; not checked`);
    else {
      const odd = unjudgeableText(effect.after.value);
      if (odd) notes.push(`${shown}: ${odd}; not checked`);
      else writes.push({ displayPath: shown, language, before: effect.disk.kind === "text" ? effect.disk.text : "", after: effect.after.value });
    }
  }
  for (const run of effects.sql) {
    const odd = unjudgeableText(run.sql);
    if (odd) notes.push(`${run.label}: ${odd}; not checked`);
    else writes.push({ displayPath: run.path ? displayPath(run.path, context.projectDir) : run.label, language: "sql", before: "", after: run.sql });
  }
  if (writes.length === 0) return { skip: notes.length > 0 ? notes.join("; ") : "the command writes no code file and runs no SQL" };
  return { writes, notes };
}
