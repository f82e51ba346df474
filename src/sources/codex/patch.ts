/**
 * Codex's apply_patch format: parsed into file operations, and an Update applied to a file's text.
 *
 *   *** Begin Patch
 *   *** Add File: path          every line starts with "+"
 *   *** Update File: path
 *   *** Move to: new/path       (optional, right after Update)
 *   @@ optional anchor line
 *    context / -removed / +added
 *   *** End of File             (optional: the hunk ends at the end of the file)
 *   *** Delete File: path
 *   *** End Patch
 *
 * Hunks are found the way Codex finds them: from where the previous hunk ended, first exactly,
 * then ignoring trailing, then surrounding whitespace.
 */

export interface Hunk {
  /** Text after `@@ `: a line to find before the hunk's context. */
  anchor: string | undefined;
  oldLines: string[];
  newLines: string[];
  atEndOfFile: boolean;
  /** Unified diffs (`@@ -N,M`): the line (0-based, in the file before the patch) the old lines start at. */
  at?: number;
}

export type PatchOperation =
  | { kind: "add"; path: string; content: string }
  | { kind: "delete"; path: string }
  | { kind: "update"; path: string; moveTo: string | undefined; hunks: Hunk[] };

export class PatchFormatError extends Error {}

const BEGIN = "*** Begin Patch";
const END = "*** End Patch";

export function parsePatch(text: string): PatchOperation[] {
  // The patch may arrive wrapped (`apply_patch <<'EOF' ... EOF`): read from its Begin line.
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const begin = lines.findIndex((l) => l.trim() === BEGIN);
  if (begin < 0) throw new PatchFormatError(`no "${BEGIN}" line`);
  const ops: PatchOperation[] = [];
  let i = begin + 1;
  while (i < lines.length && lines[i]!.trim() !== END) {
    const line = lines[i]!;
    const header = /^\*\*\* (Add|Delete|Update) File: (.+)$/.exec(line);
    if (!header) {
      if (line.trim() === "") {
        i++;
        continue;
      }
      throw new PatchFormatError(`unexpected line ${i + 1}: ${line.slice(0, 60)}`);
    }
    const [, kind, path] = header as unknown as [string, string, string];
    i++;
    if (kind === "Delete") ops.push({ kind: "delete", path: path.trim() });
    else if (kind === "Add") {
      const added: string[] = [];
      while (i < lines.length && lines[i]!.startsWith("+")) added.push(lines[i++]!.slice(1));
      ops.push({ kind: "add", path: path.trim(), content: added.length > 0 ? `${added.join("\n")}\n` : "" });
    } else {
      let moveTo: string | undefined;
      const move = /^\*\*\* Move to: (.+)$/.exec(lines[i] ?? "");
      if (move) {
        moveTo = move[1]!.trim();
        i++;
      }
      const hunks: Hunk[] = [];
      while (i < lines.length && !lines[i]!.startsWith("*** ")) {
        const hunk: Hunk = { anchor: undefined, oldLines: [], newLines: [], atEndOfFile: false };
        if (lines[i]!.startsWith("@@")) hunk.anchor = lines[i++]!.slice(2).trim() || undefined;
        while (i < lines.length && !lines[i]!.startsWith("@@") && !lines[i]!.startsWith("*** ")) {
          const l = lines[i++]!;
          const body = l.slice(1);
          if (l.startsWith("+")) hunk.newLines.push(body);
          else if (l.startsWith("-")) hunk.oldLines.push(body);
          else {
            // A context line (" x"), or an empty line standing for an empty context line.
            hunk.oldLines.push(l.startsWith(" ") ? body : l);
            hunk.newLines.push(l.startsWith(" ") ? body : l);
          }
        }
        if (lines[i]?.trim() === "*** End of File") {
          hunk.atEndOfFile = true;
          i++;
        }
        hunks.push(hunk);
      }
      ops.push({ kind: "update", path: path.trim(), moveTo, hunks });
    }
  }
  return ops;
}

/** The file after the hunks, or undefined when a hunk's lines are not in the file. */
export function applyHunks(text: string, hunks: readonly Hunk[]): string | undefined {
  const lines = text.split("\n");
  // A final newline leaves an empty last element: keep it out of the search, put it back after.
  const endsWithNewline = lines.length > 0 && lines[lines.length - 1] === "";
  if (endsWithNewline) lines.pop();
  let from = 0;
  // How far the hunks applied so far moved the lines below them (for `at`).
  let shift = 0;
  for (const hunk of hunks) {
    if (hunk.anchor !== undefined) {
      const at = findSequence(lines, [hunk.anchor], from, false);
      if (at < 0) return undefined;
      from = at + 1;
    }
    const expected = hunk.at === undefined ? undefined : Math.min(Math.max(from, hunk.at + shift), lines.length);
    let at: number;
    if (hunk.oldLines.length === 0) at = expected ?? (hunk.atEndOfFile || hunk.anchor === undefined ? lines.length : from);
    else if (expected !== undefined && hunk.oldLines.every((l, k) => lines[expected + k] === l)) at = expected;
    else at = findSequence(lines, hunk.oldLines, from, hunk.atEndOfFile);
    if (at < 0) return undefined;
    lines.splice(at, hunk.oldLines.length, ...hunk.newLines);
    from = at + hunk.newLines.length;
    shift += hunk.newLines.length - hunk.oldLines.length;
  }
  return lines.join("\n") + (endsWithNewline || text === "" ? "\n" : "");
}

const COMPARISONS: Array<(s: string) => string> = [(s) => s, (s) => s.trimEnd(), (s) => s.trim()];

function findSequence(lines: readonly string[], wanted: readonly string[], from: number, atEnd: boolean): number {
  for (const normalize of COMPARISONS) {
    const target = wanted.map(normalize);
    const starts = atEnd ? [lines.length - wanted.length] : range(from, lines.length - wanted.length + 1);
    for (const start of starts) {
      if (start < 0) continue;
      if (target.every((t, k) => normalize(lines[start + k]!) === t)) return start;
    }
  }
  return -1;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}
