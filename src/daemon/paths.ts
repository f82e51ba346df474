/**
 * Where the daemon lives and which daemon a client may talk to. Loaded by every hook process that
 * gets past the fast path, so it uses nothing heavier than node:fs and node:path.
 *
 * - The runtime dir is per user and must be a real 0700 directory owned by this user: the socket
 *   carries file contents, so a directory someone else made (or can enter) is never used.
 * - The socket name is the build key, a hash of the content of dist/ that scripts/build.mjs writes
 *   to dist/build-key: every installation of the same build (any project, any path) shares one
 *   daemon, and a different build (a rebuild with changes, an upgrade) gets another name and never
 *   reaches a daemon that runs other code. The hook reads the key, it never hashes files itself.
 */
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { builtFile } from "../core/dist-files.js";
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
  /** The dist folder this process runs from (a daemon serves every installation with its key). */
  dist: string;
  /** The build key: the same for identical builds wherever they are installed. */
  key: string;
}

/** Name of the build key's file in dist/, written last by scripts/build.mjs. */
export const BUILD_KEY_FILE = "build-key";

/** This installation's key; throws when dist/build-key is missing or not a key (a build in progress). */
export function daemonKey(): DaemonKey {
  const file = builtFile(BUILD_KEY_FILE);
  const key = readFileSync(file, "utf8").trim();
  if (!/^[0-9a-f]{16,64}$/.test(key)) throw new Error(`${file} holds no build key`);
  return { dist: dirname(file), key };
}

export const socketPath = (dir: string, key: string): string => join(dir, `${key}.sock`);
export const logPath = (dir: string): string => join(dir, "daemon.log");
/** Present while a client is starting this build's daemon (client.ts). */
export const startingPath = (socket: string): string => `${socket}.starting`;
