/**
 * After the call, a command or MCP tool that only reads has nothing to check: the hook ends at the
 * fast path, before git or the engine load. Conservative on purpose: a command is read-only only
 * when every part of it is a known reader with no redirection into a file, no command
 * substitution and no in-place flag. Anything else goes to the full check (what it changed is
 * then found in the working tree), so a wrong "no" costs time, never a miss.
 */

/** Commands that never write files (with the exceptions checked in WRITES_WITH). */
const READERS = new Set([
  "ls", "cat", "head", "tail", "wc", "grep", "egrep", "fgrep", "rg", "ag", "find", "fd", "pwd", "echo", "printf",
  "which", "type", "file", "stat", "du", "df", "tree", "less", "more", "nl", "od", "hexdump", "sha1sum",
  "sha256sum", "md5sum", "cksum", "diff", "cmp", "comm", "cut", "tr", "uniq", "sort", "jq", "basename", "dirname",
  "realpath", "readlink", "date", "whoami", "id", "uname", "true", "false", "test", "[", "cd", "ps", "printenv",
  "sed", "git",
]);

/** Flags or forms that make a reader write a file or run a program. */
const WRITES_WITH: Readonly<Record<string, RegExp>> = {
  find: /\s-(exec|execdir|ok|okdir|delete|fprint\w*|fls)\b/,
  fd: /\s(-x|-X|--exec|--exec-batch)\b/,
  rg: /--pre\b/,
  sort: /\s(-o\b|--output)/,
  tree: /\s-o\b/,
  file: /\s-C\b/,
  // `uniq IN OUT` writes OUT.
  uniq: /\s[^-\s]\S*\s+[^-\s]\S*/,
  // Only a line range printed (`sed -n '1,40p' f`): a script can write (w), run (e) or edit in place (-i).
  sed: /^(?!\s+(-n\s+)?(['"]?)[0-9,$]+p\2(\s|$))/,
};

/** git subcommands that only read (`git diff --output=f` aside). */
const GIT_READERS = new Set(["status", "log", "diff", "show", "rev-parse", "ls-files", "ls-tree", "blame", "grep", "describe", "shortlog", "cat-file", "rev-list"]);

/** `2>&1`, `>/dev/null` and the like send output nowhere a file is written. */
const HARMLESS_REDIRECTIONS = /\d?>&\d|&?\d?>>?\s*\/dev\/null/g;

export function isReadOnlyCommand(command: string): boolean {
  const text = command.replace(HARMLESS_REDIRECTIONS, " ");
  if (/[>`]|\$\(|<\(/.test(text)) return false;
  return text.split(/\|\|?|&&?|;|\n/).every((segment) => isReaderSegment(segment.trim()));
}

function isReaderSegment(segment: string): boolean {
  if (segment === "") return true;
  // A leading VAR=value can make a reader run a program (GIT_EXTERNAL_DIFF=..., PAGER=...).
  if (/^\w+=/.test(segment)) return false;
  const name = segment.split(/\s+/)[0] ?? "";
  if (!READERS.has(name)) return false;
  const rest = segment.slice(segment.indexOf(name) + name.length);
  if (name === "git") {
    // `-c diff.external=...` and `grep -O<cmd>` run programs; --output writes a file.
    const sub = rest.replace(/^\s*(-C\s+\S+\s*|--no-pager\s*)*/, "").split(/\s+/)[0] ?? "";
    return GIT_READERS.has(sub) && !/--output|--open-files-in-pager|\s-O|--ext-diff/.test(rest);
  }
  return !WRITES_WITH[name]?.test(rest);
}

/** MCP tools named as readers (`mcp__fs__read_file`, `..._list_directory`, `..._search_files`). */
export function isReadOnlyMcpTool(tool: string): boolean {
  const name = /^mcp__.+__([^_].*)$/.exec(tool)?.[1];
  if (!name) return false;
  return /^(read|list|get|search|find|view|show|describe)(_|$)/i.test(name) && !/write|edit|create|move|rename|delete|remove|update|put|set|apply|patch|insert|upload|save|exec|run/i.test(name);
}
