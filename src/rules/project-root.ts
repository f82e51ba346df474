/**
 * The project root of a file (docs: "Project root"): the git work tree it is in, found by looking
 * for `.git` (a folder, or a file in a worktree or submodule) from its folder upwards, without
 * running git. Rules' `files` / `ignore` globs are relative to it. Outside any work tree: the
 * fallback the caller gives (the hook's project dir, lint's cwd).
 */
import { statSync } from "node:fs";
import { dirname, relative, sep } from "node:path";

/** Folders already looked up in this process: one run checks many files of few folders. */
const rootOfDir = new Map<string, string | null>();
const MAX_CACHED = 4_096;

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
    if (exists(`${current}${sep}.git`)) {
      found = current;
      break;
    }
    if (dirname(current) === current) break;
  }
  if (rootOfDir.size > MAX_CACHED) rootOfDir.clear();
  for (const visitedDir of visited) rootOfDir.set(visitedDir, found);
  return found ?? undefined;
}

/** `absolute` relative to `root` with "/" separators: how rule globs see a file. */
export function projectPath(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join("/");
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
