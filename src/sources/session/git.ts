/**
 * The working tree through git plumbing, without touching the user's index or refs:
 *   - snapshot: the index copied to a scratch file, the changed and untracked (not ignored) source
 *     files added to that copy, `git write-tree`: one tree object that is the working tree's
 *     source files as they are now (blobs land in the object store, unreferenced: gc takes them);
 *   - the files changed since a tree: modified or untracked now (stat-based, cheap), plus those
 *     whose staged content differs from the tree (the agent ran `git add` or committed);
 *   - their texts in that tree, through one `git cat-file --batch`.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, rmSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { MAX_DOCUMENT_BYTES } from "../../core/limits.js";
import { languageOfPath } from "../../languages/registry.js";

/** More changed files than this in one session is not an agent's edit: the rest is not followed. */
export const MAX_CHANGED_FILES = 5_000;

function git(root: string, args: readonly string[], options: { input?: string; index?: string } = {}): Buffer {
  return execFileSync("git", args, {
    cwd: root,
    input: options.input,
    maxBuffer: 512 * 1024 * 1024,
    stdio: ["pipe", "pipe", "ignore"],
    // No index.lock, no refresh written back: this process only reads the user's repository.
    env: { ...process.env, GIT_OPTIONAL_LOCKS: "0", ...(options.index ? { GIT_INDEX_FILE: options.index } : {}) },
  });
}

/** The repository's top level for `cwd`, or undefined outside a git work tree (or without git). */
export function gitRoot(cwd: string): string | undefined {
  try {
    const out = git(cwd, ["rev-parse", "--show-toplevel"]).toString("utf8").trim();
    return out === "" ? undefined : out;
  } catch {
    return undefined;
  }
}

/** Source files (by extension) that are modified, deleted or untracked and not ignored, relative to `root`. */
function dirtySourceFiles(root: string): string[] {
  const out = git(root, ["ls-files", "-z", "-m", "-o", "--exclude-standard"]).toString("utf8");
  return unique(out.split("\0").filter((path) => path !== "" && languageOfPath(path) !== undefined));
}

/** The working tree's source files as a tree object (see the file comment). */
export function snapshotTree(root: string, scratchIndex: string): string {
  const index = resolve(root, git(root, ["rev-parse", "--git-path", "index"]).toString("utf8").trim());
  rmSync(scratchIndex, { force: true });
  try {
    try {
      copyFileSync(index, scratchIndex);
    } catch {
      // A repository without an index yet (nothing staged): start from an empty one.
    }
    // Huge files are not source an agent writes; they stay as the index has them.
    const paths = dirtySourceFiles(root).filter((path) => !isHuge(resolve(root, path))).slice(0, MAX_CHANGED_FILES);
    if (paths.length > 0) git(root, ["update-index", "-z", "--add", "--remove", "--stdin"], { input: `${paths.join("\0")}\0`, index: scratchIndex });
    return git(root, ["write-tree"], { index: scratchIndex }).toString("utf8").trim();
  } finally {
    rmSync(scratchIndex, { force: true });
  }
}

/** HEAD's tree, or the empty tree in a repository without a commit. */
export function headTree(root: string, scratchIndex: string): string {
  try {
    return git(root, ["rev-parse", "--verify", "--quiet", "HEAD^{tree}"]).toString("utf8").trim();
  } catch {
    rmSync(scratchIndex, { force: true });
    try {
      return git(root, ["write-tree"], { index: scratchIndex }).toString("utf8").trim();
    } finally {
      rmSync(scratchIndex, { force: true });
    }
  }
}

/** Source files that may differ from `tree` now (a superset: the caller compares the texts). */
export function changedSince(root: string, tree: string): { paths: string[]; truncated: boolean } {
  const staged = git(root, ["diff-index", "-z", "--cached", "--name-only", tree]).toString("utf8").split("\0");
  const all = unique([...dirtySourceFiles(root), ...staged.filter((path) => path !== "" && languageOfPath(path) !== undefined)]);
  return { paths: all.slice(0, MAX_CHANGED_FILES), truncated: all.length > MAX_CHANGED_FILES };
}

/** Each path's text in `tree`; undefined where the tree has no such file. */
export function textsAt(root: string, tree: string, paths: readonly string[]): Map<string, string | undefined> {
  const texts = new Map<string, string | undefined>();
  // `tree:path` lines: a path with a newline cannot be asked for (and is no source file anyone writes).
  const asked = paths.filter((path) => !path.includes("\n"));
  if (asked.length === 0) return texts;
  const out = git(root, ["cat-file", "--batch"], { input: asked.map((path) => `${tree}:${path}\n`).join("") });
  let at = 0;
  for (const path of asked) {
    const end = out.indexOf(10, at);
    if (end < 0) break;
    const header = out.subarray(at, end).toString("utf8");
    at = end + 1;
    const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!match) {
      texts.set(path, undefined); // "<name> missing": new since the tree
      continue;
    }
    const size = Number(match[2]);
    texts.set(path, match[1] === "blob" ? out.subarray(at, at + size).toString("utf8") : undefined);
    at += size + 1;
  }
  return texts;
}

function isHuge(path: string): boolean {
  try {
    return statSync(path).size > MAX_DOCUMENT_BYTES;
  } catch {
    return false; // deleted: update-index --remove takes it out
  }
}

function unique(paths: readonly string[]): string[] {
  return [...new Set(paths)];
}
