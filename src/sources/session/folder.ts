/**
 * Outside git: the session-start snapshot is a copy of the folder's source files (the lint walk:
 * .gitignore honoured, node_modules and build output skipped), within bounds. A file whose size
 * and mtime are unchanged since is not read again at the turn end.
 */
import { readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, relative, resolve } from "node:path";
import { MAX_DOCUMENT_BYTES } from "../../core/limits.js";
import { collectFiles } from "../files/collect.js";
import type { FileStamp } from "./state.js";

/** Bounds of a folder snapshot: more than this is not a project folder an agent works in. */
const MAX_FILES = 5_000;
const MAX_TOTAL_BYTES = 32 * 1024 * 1024;

export interface FolderSnapshot {
  stamps: Record<string, FileStamp>;
  texts: Record<string, string>;
  /** Some files are stamped without their text (over the bounds): their "before" is unknown. */
  partial: boolean;
}

/** A folder too wide to walk on every session start: the home directory or a filesystem root. */
export function tooWideToSnapshot(root: string): boolean {
  return root === homedir() || dirname(root) === root;
}

export async function folderSnapshot(root: string): Promise<FolderSnapshot> {
  const snapshot: FolderSnapshot = { stamps: {}, texts: {}, partial: false };
  let total = 0;
  const { files } = await collectFiles(root, []);
  for (const path of files.slice(0, MAX_FILES)) {
    const stamp = stampOf(path);
    if (!stamp) continue;
    const rel = relative(root, path);
    snapshot.stamps[rel] = stamp;
    if (stamp.size > MAX_DOCUMENT_BYTES || total + stamp.size > MAX_TOTAL_BYTES) {
      snapshot.partial = true;
      continue;
    }
    try {
      snapshot.texts[rel] = readFileSync(path, "utf8");
      total += stamp.size;
    } catch {
      snapshot.partial = true;
    }
  }
  if (files.length > MAX_FILES) snapshot.partial = true;
  return snapshot;
}

/** Source files under `root` now whose stamp differs from the snapshot's (new files included). */
export async function changedInFolder(root: string, stamps: Record<string, FileStamp>): Promise<string[]> {
  const { files } = await collectFiles(root, []);
  const changed: string[] = [];
  for (const path of files.slice(0, MAX_FILES)) {
    const rel = relative(root, path);
    const was = stamps[rel];
    const now = stampOf(path);
    if (now && (!was || was.size !== now.size || was.mtimeMs !== now.mtimeMs)) changed.push(rel);
  }
  return changed;
}

function stampOf(path: string): FileStamp | undefined {
  try {
    const stat = statSync(resolve(path));
    return stat.isFile() ? { size: stat.size, mtimeMs: stat.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}
