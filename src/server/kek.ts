/**
 * The key-encryption key (KEK) that wraps every per-row data key.
 *
 * Read from env INTEGRATIONS_KEK (base64 of 32 bytes) when set, so production can inject it from a
 * secret manager; otherwise from `<db>.kek` next to the database, created on first start with mode
 * 0600. A KEK file readable by group or others is refused: whoever can read it can decrypt every
 * stored credential.
 */
import { randomBytes } from "node:crypto";
import { closeSync, fstatSync, openSync, readFileSync, statSync, writeSync } from "node:fs";

export const KEK_BYTES = 32;

export class KekError extends Error {}

export function decodeKek(base64: string, source: string): Buffer {
  const key = Buffer.from(base64.trim(), "base64");
  if (key.length !== KEK_BYTES) {
    throw new KekError(`${source} must be the base64 encoding of ${KEK_BYTES} bytes (got ${key.length} bytes)`);
  }
  return key;
}

export function kekFilePath(dbPath: string): string {
  return `${dbPath}.kek`;
}

/** The KEK from the environment, or from the 0600 file next to the database (created if absent). */
export function loadKek(dbPath: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env.INTEGRATIONS_KEK;
  if (fromEnv !== undefined && fromEnv !== "") return decodeKek(fromEnv, "INTEGRATIONS_KEK");
  const path = kekFilePath(dbPath);
  createKekFileIfAbsent(path);
  const stat = statSync(path);
  if (!stat.isFile()) throw new KekError(`${path} is not a regular file`);
  if ((stat.mode & 0o077) !== 0) {
    throw new KekError(
      `${path} is readable or writable by group/others (mode ${(stat.mode & 0o777).toString(8)}); run: chmod 600 ${path}`,
    );
  }
  return decodeKek(readFileSync(path, "utf8"), path);
}

function createKekFileIfAbsent(path: string): void {
  let fd: number;
  try {
    // "wx": fail if it exists, so two servers starting together never overwrite each other's key.
    fd = openSync(path, "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return;
    throw error;
  }
  try {
    // The umask cannot widen 0600, but check anyway: the file must never be created readable.
    if ((fstatSync(fd).mode & 0o077) !== 0) throw new KekError(`${path} was created with a wide mode`);
    writeSync(fd, `${randomBytes(KEK_BYTES).toString("base64")}\n`);
  } finally {
    closeSync(fd);
  }
}
