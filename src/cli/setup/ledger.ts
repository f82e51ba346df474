/**
 * What this machine's integration-setup stored: per API (base URL) and org, the credential ids each
 * setup or credential update created since the provider was last deleted. No secret is kept (ids
 * and times only). `debug` reads it because the production service cannot show it: its list
 * collapses the active rows of a provider into one, while every setup (and every PUT carrying a
 * credential) leaves the previous row active too.
 *
 * File: $INTEGRATION_SETUP_STATE_DIR, else $XDG_STATE_HOME/integration-setup, else
 * ~/.local/state/integration-setup (the user's home even when HOME is unset); `ledger.json`, mode
 * 0600. Without any of those, nothing is kept.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export interface LedgerEntry {
  credential_id: string;
  operation: "setup" | "update";
  at: string;
}

type LedgerFile = { version: 1; apis: Record<string, Record<string, LedgerEntry[]>> };

function ledgerDir(env: NodeJS.ProcessEnv): string | undefined {
  if (env.INTEGRATION_SETUP_STATE_DIR) return env.INTEGRATION_SETUP_STATE_DIR;
  if (env.XDG_STATE_HOME) return join(env.XDG_STATE_HOME, "integration-setup");
  // homedir() falls back to the password database when HOME is not set (a clean environment).
  const home = env.HOME || safeHomedir();
  return home ? join(home, ".local", "state", "integration-setup") : undefined;
}

function safeHomedir(): string | undefined {
  try {
    return homedir() || undefined;
  } catch {
    return undefined;
  }
}

function keyOf(baseUrl: string, org: string): string {
  return `${baseUrl.replace(/\/+$/, "")}|${org}`;
}

function load(path: string): LedgerFile {
  try {
    const value = JSON.parse(readFileSync(path, "utf8")) as LedgerFile;
    if (value?.version === 1 && value.apis && typeof value.apis === "object") return value;
  } catch {
    // Absent or unreadable: start afresh (it is a diagnostic aid, never a source of truth).
  }
  return { version: 1, apis: {} };
}

function update(env: NodeJS.ProcessEnv, change: (file: LedgerFile) => void): void {
  const dir = ledgerDir(env);
  if (dir === undefined) return;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const path = join(dir, "ledger.json");
    const file = load(path);
    change(file);
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(file)}\n`, { mode: 0o600 });
    renameSync(temporary, path);
  } catch {
    // A read-only home must not fail the operation that was just performed.
  }
}

/** A setup or credential update stored a new row. */
export function recordStored(env: NodeJS.ProcessEnv, baseUrl: string, org: string, provider: string, entry: LedgerEntry): void {
  update(env, (file) => {
    const api = (file.apis[keyOf(baseUrl, org)] ??= {});
    (api[provider] ??= []).push(entry);
  });
}

/** A delete deactivated every row of the provider. */
export function recordDeleted(env: NodeJS.ProcessEnv, baseUrl: string, org: string, provider: string): void {
  update(env, (file) => {
    delete file.apis[keyOf(baseUrl, org)]?.[provider];
  });
}

/** Rows stored per provider since its last delete, as far as this machine knows. */
export function storedSinceDelete(env: NodeJS.ProcessEnv, baseUrl: string, org: string): Record<string, LedgerEntry[]> {
  const dir = ledgerDir(env);
  if (dir === undefined) return {};
  return load(join(dir, "ledger.json")).apis[keyOf(baseUrl, org)] ?? {};
}
