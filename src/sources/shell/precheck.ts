/**
 * The cheap text test that keeps most Bash calls away from the shell parser. Worth parsing:
 *   - a command that copies, moves, patches or edits files in place (`cp`, `mv`, `install`, `ln`,
 *     `dd`, `sed -i`, `patch`, `git apply` / `checkout` / `restore` / `mv`, Codex's `apply_patch`),
 *     also with its name quoted (`c''p`, `"sed"`, `\cp`): what it writes comes from files the
 *     command text does not show, so no word test can rule it out;
 *   - a command that writes a file (a `>` redirection, tee) or runs SQL (psql) and mentions
 *     something a rule cares about, or whose output comes from files (`cat`, `sed`, `git show`,
 *     a `< file` redirection);
 *   - psql reading a file (`-f`, `<`).
 * `ls`, `git log`, `grep -r cloud_provider_integrations src`, `npm install` stop here.
 */
import { mayMatch, type RuleNeedles } from "../../rules/compile.js";

/**
 * Where a command name can start: the line start, after an operator, a wrapper, or `-c '` (`bash -c
 * 'cp ...'`); after `NAME=value` assignments; with a path (`/bin/cp`) or a backslash (`\cp`).
 */
const AT_COMMAND = String.raw`(?:^|[;&|(){}\x60!\n]|-c\s+['"]|\b(?:then|do|else|sudo|exec|command|env|xargs|nohup|time|builtin)\s)\s*(?:[A-Za-z_]\w*=\S*\s+)*\\?(?:\S*/)?`;
const FILE_WRITER = new RegExp(
  String.raw`${AT_COMMAND}(?:cp|mv|install|ln|dd|patch|apply_patch|applypatch)(?=[\s;&|)'"]|$)` +
    String.raw`|${AT_COMMAND}sed(?:\s[^;&|\n]*?)?\s(?:-[a-zA-Z]*i|--in-place)` +
    String.raw`|${AT_COMMAND}git\s(?:[^;&|\n]*?\s)?(?:apply|checkout|restore|mv)(?=[\s;&|)'"]|$)`,
  "m",
);
/**
 * An append to a code file: the file it grows may already hold the constant the appended code
 * uses (`echo 'db.from(T)' >> src/a.ts`), so the command text alone cannot rule it out.
 */
const APPENDS_TO_CODE = />>\s*['"]?[^\s;&|<>'"]*\.(?:[cm]?[jt]sx?|py|sql)(?![\w.])/;
/** Output made of files (`cat f`, `sed`, `git show`, `tee f < g`): redirected, their content is not in the command text. */
const PRINTS_FILES = /(?:^|[^\w-])(?:cat|sed|git)(?![\w-])|(?:^|[^<])<(?![<(&])/;

/**
 * Redirections that write no file: to /dev/null (`2>/dev/null`, `&>/dev/null`, `>>/dev/null`) and
 * descriptor copies (`2>&1`, `>&2`). `git status 2>/dev/null` is as read-only as `git status`.
 */
const NO_FILE_REDIRECTION = /(?:\d*|&)>>?\s*(?:\/dev\/null(?![\w./-])|&\d+(?![\w./-]))/g;

export function mayWriteOrRunSql(command: string, rules: readonly RuleNeedles[] | undefined): boolean {
  const writes = (command.includes(">") && command.replace(NO_FILE_REDIRECTION, "").includes(">")) || hasWord(command, "tee");
  const psql = hasWord(command, "psql");
  if (!writes && !psql) return writesFiles(command);
  if (rules === undefined || mayMatch(command, rules)) return true;
  if (writes && (PRINTS_FILES.test(command) || APPENDS_TO_CODE.test(command))) return true;
  if (writesFiles(command)) return true;
  // `psql -f x.sql`, `psql < x.sql`: the SQL is in a file the command text does not show.
  return psql && (command.includes("<") || hasWord(command, "-f") || command.includes("--file"));
}

/** Quotes and backslashes inside a command name (`c''p`, `"sed"`) do not change the command bash runs. */
function writesFiles(command: string): boolean {
  return FILE_WRITER.test(command) || (/['"\\]/.test(command) && FILE_WRITER.test(command.replace(/['"\\]/g, "")));
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
