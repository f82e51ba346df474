/**
 * What git would put in the working tree, read with git itself (read-only plumbing, no shell, a
 * timeout): `git show REV:path` / `git cat-file -p REV:path` print a blob; `git checkout REV --
 * paths`, `git restore --source REV paths` write the blobs of a commit (or of the index) over the
 * paths, directories included.
 */
import { execFileSync } from "node:child_process";
import { MAX_SCAN_BYTES } from "../../core/limits.js";
import type { ShellWord } from "./tree.js";

const TIMEOUT_MS = 5_000;

function git(cwd: string, args: readonly string[], input?: string): Buffer | undefined {
  try {
    return execFileSync("git", args, { cwd, input, timeout: TIMEOUT_MS, maxBuffer: MAX_SCAN_BYTES * 2, stdio: ["pipe", "pipe", "ignore"], env: { ...process.env, GIT_OPTIONAL_LOCKS: "0", GIT_TERMINAL_PROMPT: "0" } });
  } catch {
    return undefined;
  }
}

/** The text of `REV:path` (also `:path`, the index), or undefined when git cannot give a text blob. */
export function gitBlob(cwd: string, spec: string): string | undefined {
  if (spec.startsWith("-")) return undefined;
  const bytes = git(cwd, ["cat-file", "blob", spec]);
  return bytes && !bytes.subarray(0, 8192).includes(0) ? bytes.toString("utf8") : undefined;
}

/**
 * The files `paths` name in `rev` (undefined: the index), relative to cwd, with their text
 * (undefined for a binary blob); only those `wanted` keeps are read. undefined when git cannot list them.
 */
export function gitFiles(cwd: string, rev: string | undefined, paths: readonly string[], wanted: (path: string) => boolean): Array<{ path: string; text: string | undefined }> | undefined {
  if (rev?.startsWith("-") || paths.length === 0) return undefined;
  const listing = rev === undefined ? git(cwd, ["ls-files", "-s", "-z", "--", ...paths]) : git(cwd, ["ls-tree", "-r", "-z", rev, "--", ...paths]);
  if (!listing) return undefined;
  const entries: Array<{ path: string; sha: string }> = [];
  for (const record of listing.toString("utf8").split("\u0000")) {
    const tab = record.indexOf("\t");
    if (tab < 0) continue;
    const fields = record.slice(0, tab).split(" ");
    // ls-files -s: mode sha stage; ls-tree: mode type sha.
    const sha = rev === undefined ? fields[1] : fields[1] === "blob" ? fields[2] : undefined;
    const path = record.slice(tab + 1);
    if (sha && wanted(path)) entries.push({ path, sha });
  }
  if (entries.length === 0) return [];
  const batch = git(cwd, ["cat-file", "--batch"], `${entries.map((e) => e.sha).join("\n")}\n`);
  if (!batch) return undefined;
  const texts = readBatch(batch);
  return entries.map((entry, i) => ({ path: entry.path, text: texts[i] }));
}

/** `git cat-file --batch` output: `<sha> <type> <size>\n<content>\n` per object. */
function readBatch(out: Buffer): Array<string | undefined> {
  const texts: Array<string | undefined> = [];
  let at = 0;
  while (at < out.length) {
    const newline = out.indexOf(10, at);
    if (newline < 0) break;
    const header = out.subarray(at, newline).toString("utf8").split(" ");
    const size = Number(header[2]);
    if (header[1] === "missing" || !Number.isFinite(size)) {
      texts.push(undefined);
      at = newline + 1;
      continue;
    }
    const content = out.subarray(newline + 1, newline + 1 + size);
    texts.push(content.subarray(0, 8192).includes(0) ? undefined : content.toString("utf8"));
    at = newline + 1 + size + 1;
  }
  return texts;
}

/** What `git checkout` / `git restore` would write: from `rev` (undefined: the index) over `paths`. */
export interface GitRestore {
  rev: string | undefined;
  paths: ShellWord[];
}

/**
 * `git checkout [REV] -- paths`, `git checkout REV paths` (more than one operand); a single
 * operand without `--` is a branch switch, or a file restored from the index when it is a path
 * (`isPath` decides). undefined: not a checkout of files (-b, --patch, a branch...).
 */
export function checkoutOf(args: readonly ShellWord[], isPath: (word: ShellWord) => boolean): GitRestore | "unknown" | undefined {
  const operands: ShellWord[] = [];
  let dashdash = -1;
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === "--") {
      dashdash = operands.length;
      operands.push(...args.slice(i + 1));
      break;
    }
    if (v.startsWith("-") && v !== "-") {
      if (/^-[bB]$|^--orphan$|^-p$|^--patch$|^--pathspec-from-file/.test(v)) return v.startsWith("--pathspec") ? "unknown" : undefined;
      if (v === "--conflict" || v === "-U") i++;
      continue;
    }
    operands.push(args[i]!);
  }
  if (dashdash >= 0) {
    if (dashdash > 1) return "unknown";
    return { rev: dashdash === 1 ? operands[0]!.value : undefined, paths: operands.slice(dashdash) };
  }
  if (operands.length >= 2) return { rev: operands[0]!.value, paths: operands.slice(1) };
  if (operands.length === 1 && isPath(operands[0]!)) return { rev: undefined, paths: operands };
  return undefined;
}

/** `git restore [--source=REV|-s REV] [--staged] [--worktree] [--] paths`. undefined: the working tree is not written. */
export function restoreOf(args: readonly ShellWord[]): GitRestore | "unknown" | undefined {
  let rev: string | undefined;
  let staged = false;
  let worktree = false;
  const paths: ShellWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === "--") {
      paths.push(...args.slice(i + 1));
      break;
    }
    if (!v.startsWith("-") || v === "-") paths.push(args[i]!);
    else if (v === "-s" || v === "--source") rev = args[++i]?.value;
    else if (v.startsWith("--source=")) rev = v.slice("--source=".length);
    else if (/^-s./.test(v)) rev = v.slice(2);
    else if (v === "-p" || v === "--patch" || v.startsWith("--pathspec-from-file")) return "unknown";
    else if (v === "--staged") staged = true;
    else if (v === "--worktree") worktree = true;
    else if (/^-[SWq]+$/.test(v)) {
      staged ||= v.includes("S");
      worktree ||= v.includes("W");
    }
  }
  if (staged && !worktree) return undefined;
  // --staged --worktree without a source restores both from HEAD.
  return { rev: rev ?? (staged ? "HEAD" : undefined), paths };
}

/** The repository's top directory (git apply's paths start there), or undefined outside a repository. */
export function gitTopLevel(cwd: string): string | undefined {
  return git(cwd, ["rev-parse", "--show-toplevel"])?.toString("utf8").trim() || undefined;
}
