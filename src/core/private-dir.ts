/**
 * A per-user directory for data that must stay private (hook payloads, session snapshots hold
 * file contents): created 0700 when missing, and used only when it is a real directory owned by
 * this user with no group or other permissions. Someone else's directory is never used.
 */
import { lstatSync, mkdirSync } from "node:fs";

/** `dir` once it is safe to use, else undefined. */
export function privateDir(dir: string): string | undefined {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = lstatSync(dir);
    const mine = process.getuid === undefined || stat.uid === process.getuid();
    return stat.isDirectory() && mine && (stat.mode & 0o077) === 0 ? dir : undefined;
  } catch {
    return undefined;
  }
}
