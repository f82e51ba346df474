/**
 * Where the daemon lives and which daemon a client may talk to. Loaded by every hook process that
 * gets past the fast path, so it uses nothing heavier than node:fs and node:path.
 *
 * - The runtime dir is per user and must be a real 0700 directory owned by this user: the socket
 *   carries file contents, so a directory someone else made (or can enter) is never used.
 * - The socket name is a hash of the dist folder's real path, the package version and the mtime
 *   of dist/rules.json: a rebuild or an upgrade gets a new name and never reaches a stale daemon.
 */
import { realpathSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { builtinRulesPath } from "../rules/builtin.js";
import { VERSION } from "../core/version.js";
import { privateDir } from "../core/private-dir.js";


/** INTEGRATION_GUARD_DAEMON=0 (or the hook's --no-daemon) keeps every call in-process. */
export function daemonDisabled(env: NodeJS.ProcessEnv): boolean {
  return env.INTEGRATION_GUARD_DAEMON === "0" || process.platform === "win32";
}

/**
 * The per-user runtime dir, created 0700 when missing; undefined when it is not safe to use.
 * INTEGRATION_GUARD_RUNTIME_DIR names the dir itself (tests); otherwise it is
 * integration-guard-<uid> under $XDG_RUNTIME_DIR, else under the OS temp dir.
 */
export function runtimeDir(env: NodeJS.ProcessEnv): string | undefined {
  return privateDir(env.INTEGRATION_GUARD_RUNTIME_DIR || join(env.XDG_RUNTIME_DIR || tmpdir(), `integration-guard-${process.getuid?.() ?? "user"}`));
}

export interface DaemonKey {
  /** The dist folder (real path) the daemon runs from. */
  dist: string;
  /** Changes with the dist path, the version and every rebuild. */
  key: string;
}

/** This installation's key; throws when dist/rules.json is missing (a build in progress). */
export function daemonKey(): DaemonKey {
  const rules = builtinRulesPath();
  const dist = realpathSync(dirname(rules));
  return { dist, key: hash(`${dist}\0${VERSION}\0${statSync(rules).mtimeMs}`) };
}

export const socketPath = (dir: string, key: string): string => join(dir, `${key}.sock`);
export const logPath = (dir: string): string => join(dir, "daemon.log");
/** Present while a client is starting this build's daemon (client.ts). */
export const startingPath = (socket: string): string => `${socket}.starting`;

/** cyrb53: a short stable name, not a secret (the 0700 directory is the protection). */
function hash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, "0") + (h1 >>> 0).toString(16).padStart(8, "0");
}
