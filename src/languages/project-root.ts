/**
 * The project root (docs/rules.md "Where rules live"): the git work tree a file is in, found by
 * looking for `.git` (a folder, or the `.git` file of a linked worktree or submodule) from its
 * folder upwards, without running git. Outside any work tree: the fallback the caller gives (the
 * hook's project dir, lint's cwd), by default the process's cwd.
 *
 * One root for everything that speaks of project paths, so that they agree: rules' `files` /
 * `ignore` globs (engine/check.ts), and where imports resolve (ImportFact.resolved, compared with
 * an `import` matcher's `paths` globs). It lives here, in the lowest layer that needs it (the
 * adapters); rules, the engine, the hook and lint call it. fs only.
 */
import { existsSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";

/** Folders already looked up in this process (null: in no work tree): one run checks many files of few folders. */
const rootOfDir = new Map<string, string | null>();
/** A long-lived daemon sees many folders: past this many, forget them all and start again. */
const MAX_CACHED = 4_096;

/** The git work tree root of a folder (absolute), or undefined outside any work tree. */
export function gitWorkTreeRoot(dir: string): string | undefined {
  const cached = rootOfDir.get(dir);
  if (cached !== undefined) return cached ?? undefined;
  let found: string | null = null;
  const visited: string[] = [];
  for (let current = dir; ; current = dirname(current)) {
    const known = rootOfDir.get(current);
    if (known !== undefined) {
      found = known;
      break;
    }
    visited.push(current);
    if (existsSync(`${current}${sep}.git`)) {
      found = current;
      break;
    }
    if (dirname(current) === current) break;
  }
  if (rootOfDir.size > MAX_CACHED) rootOfDir.clear();
  for (const visitedDir of visited) rootOfDir.set(visitedDir, found);
  return found ?? undefined;
}

/** The project root of a file (absolute, or relative to cwd; its folder need not exist). */
export function projectRootOf(file: string, fallback: string = process.cwd()): string {
  return gitWorkTreeRoot(dirname(resolve(file))) ?? fallback;
}

/** `absolute` relative to `root` with "/" separators: how rule globs see a file. */
export function projectPath(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join("/");
}
