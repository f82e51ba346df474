/**
 * The cheap text test that keeps most Bash calls away from the shell parser: only a command that
 * can write a file (a `>` redirection, tee) or run SQL (psql), and that mentions something a rule
 * cares about, is worth parsing. `ls`, `git log`, `grep -r cloud_provider_integrations` stop here.
 */
import { mayMatch, type RuleNeedles } from "../../rules/compile.js";

export function mayWriteOrRunSql(command: string, rules: readonly RuleNeedles[] | undefined): boolean {
  const writes = command.includes(">") || hasWord(command, "tee");
  const psql = hasWord(command, "psql");
  if (!writes && !psql) return false;
  if (rules === undefined || mayMatch(command, rules)) return true;
  // `psql -f x.sql`, `psql < x.sql`: the SQL is in a file the command text does not show.
  return psql && (command.includes("<") || hasWord(command, "-f") || command.includes("--file"));
}

/** `word` standing alone (not inside `tees` or `mypsql2`). */
function hasWord(text: string, word: string): boolean {
  let at = text.indexOf(word);
  while (at >= 0) {
    const before = text[at - 1];
    const after = text[at + word.length];
    if ((before === undefined || !/[\w-]/.test(before)) && (after === undefined || !/[\w-]/.test(after))) return true;
    at = text.indexOf(word, at + 1);
  }
  return false;
}
