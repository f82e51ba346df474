/**
 * The project root of a checked file, for paths adapters report relative to it (ImportFact.resolved).
 * Issue 12's contract: the git work tree root (a `.git` folder, or the `.git` file of a linked
 * worktree); without one, the nearest folder with a package.json; else the process's cwd.
 * fs only, cached per folder (a long-lived daemon asks again for a folder it has not seen).
 */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";

const roots = new Map<string, string>();

/** The project root for a file (absolute, or relative to cwd); its folder need not exist. */
export function projectRootOf(file: string): string {
  const dir = dirname(resolve(file));
  const cached = roots.get(dir);
  if (cached !== undefined) return cached;
  const root = nearestWith(dir, ".git") ?? nearestWith(dir, "package.json") ?? process.cwd();
  roots.set(dir, root);
  return root;
}

function nearestWith(start: string, name: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(resolve(dir, name))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}
