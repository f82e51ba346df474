/**
 * Unified diffs, for `patch` and `git apply`: the files a diff changes and its hunks, applied in
 * memory with the hunk applier Codex patches use (codex/patch.ts), placed by their line numbers.
 *
 *   diff --git a/src/x.ts b/src/x.ts      (git: also new / deleted file mode, rename from / to)
 *   --- a/src/x.ts                        (/dev/null: a new file)
 *   +++ b/src/x.ts                        (/dev/null: a deleted file)
 *   @@ -3,7 +3,8 @@ optional text
 *    context / -removed / +added / \ No newline at end of file
 */
import type { Hunk } from "../codex/patch.js";
import { readOptions } from "./options.js";
import type { ShellWord } from "./tree.js";

export interface FileDiff {
  /** Paths as written (after `a/` `b/` only when -p strips them); undefined for /dev/null. */
  oldPath: string | undefined;
  newPath: string | undefined;
  hunks: Hunk[];
  /** The `+` lines of all hunks: what is checked, at the end of the file, when a hunk does not apply. */
  added: string[];
  /** A binary patch, or a hunk whose line counts do not add up: its result cannot be known. */
  unreadable: boolean;
}

const NULL_PATH = "/dev/null";

export function parseUnifiedDiff(text: string): FileDiff[] {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const files: FileDiff[] = [];
  let current: FileDiff | undefined;
  let gitHeader: { old: string | undefined; new: string | undefined } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const git = /^diff --git (\S+) (\S+)$/.exec(line);
    if (git) {
      current = { oldPath: git[1], newPath: git[2], hunks: [], added: [], unreadable: false };
      gitHeader = { old: git[1], new: git[2] };
      files.push(current);
      continue;
    }
    if (current && gitHeader) {
      if (line.startsWith("new file mode")) current.oldPath = undefined;
      else if (line.startsWith("deleted file mode")) current.newPath = undefined;
      else if (line.startsWith("rename from ")) current.oldPath = line.slice("rename from ".length);
      else if (line.startsWith("rename to ")) current.newPath = line.slice("rename to ".length);
      else if (line.startsWith("GIT binary patch") || line.startsWith("Binary files ")) current.unreadable = true;
    }
    if (line.startsWith("--- ") && lines[i + 1]?.startsWith("+++ ")) {
      const oldPath = headerPath(line.slice(4));
      const newPath = headerPath(lines[i + 1]!.slice(4));
      if (current && gitHeader && current.hunks.length === 0) {
        current.oldPath = oldPath;
        current.newPath = newPath;
      } else {
        current = { oldPath, newPath, hunks: [], added: [], unreadable: false };
        files.push(current);
      }
      gitHeader = undefined;
      i++;
      continue;
    }
    const header = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (header && current) {
      const oldCount = header[2] === undefined ? 1 : Number(header[2]);
      const newCount = header[4] === undefined ? 1 : Number(header[4]);
      const oldStart = Number(header[1]);
      const hunk: Hunk = { anchor: undefined, oldLines: [], newLines: [], atEndOfFile: false, at: oldCount === 0 ? oldStart : Math.max(0, oldStart - 1) };
      let oldLeft = oldCount;
      let newLeft = newCount;
      while ((oldLeft > 0 || newLeft > 0) && i + 1 < lines.length) {
        const body = lines[++i]!;
        if (body.startsWith("\\")) continue;
        const rest = body.slice(1);
        if (body.startsWith("-")) {
          hunk.oldLines.push(rest);
          oldLeft--;
        } else if (body.startsWith("+")) {
          hunk.newLines.push(rest);
          current.added.push(rest);
          newLeft--;
        } else if (body.startsWith(" ") || body === "") {
          hunk.oldLines.push(rest);
          hunk.newLines.push(rest);
          oldLeft--;
          newLeft--;
        } else {
          i--;
          break;
        }
      }
      if (oldLeft !== 0 || newLeft !== 0) current.unreadable = true;
      current.hunks.push(hunk);
    }
  }
  return files;
}

/** `a/src/x.ts\t2024-01-01 ...` -> `a/src/x.ts`; /dev/null -> undefined. */
function headerPath(text: string): string | undefined {
  let path = text.split("\t")[0]!.trimEnd();
  if (path.startsWith('"') && path.endsWith('"')) path = path.slice(1, -1).replace(/\\(.)/g, "$1");
  return path === NULL_PATH ? undefined : path;
}

/** `path` without its first `strip` directories (patch -pN); undefined when it has fewer. */
export function stripped(path: string, strip: number): string | undefined {
  const parts = path.split("/").filter((p, i) => p !== "" || i === 0);
  if (strip === 0) return path;
  if (parts.length <= strip) return undefined;
  return parts.slice(strip).join("/");
}

/** The diff with old and new swapped (patch -R, git apply -R). */
export function reversed(diff: FileDiff): FileDiff {
  return {
    oldPath: diff.newPath,
    newPath: diff.oldPath,
    unreadable: diff.unreadable,
    added: diff.hunks.flatMap((h) => h.oldLines.filter((line) => !h.newLines.includes(line))),
    hunks: diff.hunks.map((h) => ({ ...h, oldLines: h.newLines, newLines: h.oldLines })),
  };
}

export interface PatchCall {
  /** -pN; undefined: not given (patch then tries the names as they are and their basename). */
  strip: number | undefined;
  reverse: boolean;
  /** Nothing is written: --dry-run, git apply --check / --stat / --cached. */
  noWrite: boolean;
  /** -d / --directory (patch), --directory (git apply: a prefix for the paths). */
  directory: ShellWord | undefined;
  /** The diff: a file (-i, or an operand), or stdin when undefined. */
  input: ShellWord | undefined;
  /** patch's first operand: the file every hunk goes to. */
  target: ShellWord | undefined;
  /** -o FILE: the patched text goes there instead. */
  output: ShellWord | undefined;
  unknown: boolean;
}

const PATCH_OPTIONS = {
  short: "pidoFDrBYzVg",
  long: new Set(["--strip", "--input", "--directory", "--output", "--fuzz", "--ifdef", "--reject-file", "--prefix", "--basename-prefix", "--suffix", "--version-control", "--get", "--quoting-style", "--read-only", "--backup-if-mismatch"]),
};

/** `patch` arguments. */
export function parsePatchArgs(args: readonly ShellWord[]): PatchCall {
  const call: PatchCall = { strip: undefined, reverse: false, noWrite: false, directory: undefined, input: undefined, target: undefined, output: undefined, unknown: false };
  const { operands, unknown } = readOptions(args, PATCH_OPTIONS, (option, value) => {
    if (option === "-p" || option === "--strip") call.strip = Number(value?.value ?? 0);
    else if (option === "-i" || option === "--input") call.input = value;
    else if (option === "-d" || option === "--directory") call.directory = value;
    else if (option === "-o" || option === "--output") call.output = value;
    else if (option === "-R" || option === "--reverse") call.reverse = true;
    else if (option === "--dry-run") call.noWrite = true;
  });
  call.unknown = unknown;
  call.target = operands[0];
  if (operands[1]) call.input = operands[1];
  return call;
}

const GIT_APPLY_OPTIONS = { short: "pC", long: new Set(["--directory", "--exclude", "--include", "--whitespace", "--build-fake-ancestor"]) };

/** `git apply` arguments (after `apply`). */
export function parseGitApplyArgs(args: readonly ShellWord[]): PatchCall & { inputs: ShellWord[] } {
  const call: PatchCall & { inputs: ShellWord[] } = { strip: 1, reverse: false, noWrite: false, directory: undefined, input: undefined, target: undefined, output: undefined, unknown: false, inputs: [] };
  let index = false;
  let cached = false;
  const { operands, unknown } = readOptions(args, GIT_APPLY_OPTIONS, (option, value) => {
    if (option === "-p") call.strip = Number(value?.value ?? 1);
    else if (option === "-R" || option === "--reverse") call.reverse = true;
    else if (["--check", "--stat", "--numstat", "--summary"].includes(option)) call.noWrite = true;
    else if (option === "--cached") cached = true;
    else if (option === "--index") index = true;
    else if (option === "--directory") call.directory = value;
  });
  call.unknown = unknown;
  call.inputs = operands;
  // --cached alone changes the index only; the working tree keeps its files.
  if (cached && !index) call.noWrite = true;
  return call;
}
