/**
 * SQLite storage (synchronous; sqlite.ts picks node:sqlite, or better-sqlite3 on Node 20).
 *
 * Durability: WAL with synchronous=FULL, so every acknowledged commit has been fsynced to the WAL
 * before the HTTP answer is written. (NORMAL would already survive SIGKILL of the server, because a
 * committed WAL frame is in the OS page cache; FULL also survives power loss, at one fsync per write.)
 *
 * One active credential per (org, provider): writes run in BEGIN IMMEDIATE transactions (the write
 * lock is taken before reading, so two servers on one file serialise instead of both seeing "no
 * active row"), and a partial UNIQUE index makes a second active row impossible whatever the code does.
 */
import { closeSync, openSync } from "node:fs";
import type { ProviderCode } from "../api/providers.js";
import { immediateTransaction, openSqlite, type SqliteDatabase } from "./sqlite.js";

export interface CredentialRow {
  credential_id: string;
  org_slug: string;
  provider: ProviderCode;
  credential_name: string | null;
  encrypted_credential: Buffer;
  credential_type: string;
  validation_status: string;
  last_validated_at: string | null;
  last_error: string | null;
  metadata: string | null;
  is_active: number;
  created_at: string;
  updated_at: string;
  expires_at: string | null;
  deactivation_scheduled_at: string | null;
}

export interface AuditEntry {
  operation: string;
  orgSlug: string;
  provider: string | null;
  credentialId: string | null;
  requestId: string | null;
  outcome: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS orgs (
  slug TEXT PRIMARY KEY,
  api_key_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS org_integration_credentials (
  credential_id TEXT PRIMARY KEY,
  org_slug TEXT NOT NULL REFERENCES orgs(slug),
  provider TEXT NOT NULL,
  credential_name TEXT,
  encrypted_credential BLOB NOT NULL,
  credential_type TEXT NOT NULL,
  validation_status TEXT NOT NULL,
  last_validated_at TEXT,
  last_error TEXT,
  metadata TEXT,
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  expires_at TEXT,
  deactivation_scheduled_at TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS one_active_credential_per_provider
  ON org_integration_credentials (org_slug, provider) WHERE is_active = 1;
CREATE TABLE IF NOT EXISTS audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  operation TEXT NOT NULL,
  org_slug TEXT NOT NULL,
  provider TEXT,
  credential_id TEXT,
  request_id TEXT,
  outcome TEXT NOT NULL,
  at TEXT NOT NULL
);
`;

export class OrgExistsError extends Error {}

export class Store {
  readonly db: SqliteDatabase;

  constructor(path: string) {
    // Create the file owner-only before SQLite opens it; SQLite gives -wal/-shm the same mode.
    closeSync(openSync(path, "a", 0o600));
    // openSqlite waits on another server process's write lock (busy_timeout) instead of failing.
    this.db = openSqlite(path);
    this.db.exec("PRAGMA journal_mode = WAL");
    this.db.exec("PRAGMA synchronous = FULL");
    this.db.exec("PRAGMA foreign_keys = ON");
    // Freed pages (replaced or deleted ciphertexts) are zeroed rather than left in the file.
    this.db.exec("PRAGMA secure_delete = ON");
    this.db.exec(SCHEMA);
  }

  close(): void {
    this.db.close();
  }

  orgKeyHash(slug: string): string | undefined {
    const row = this.db.prepare("SELECT api_key_hash FROM orgs WHERE slug = ?").get(slug) as
      | { api_key_hash: string }
      | undefined;
    return row?.api_key_hash;
  }

  createOrg(slug: string, apiKeyHash: string, now: string): void {
    immediateTransaction(this.db, () => {
      if (this.orgKeyHash(slug) !== undefined) throw new OrgExistsError(`org ${slug} already exists`);
      this.db.prepare("INSERT INTO orgs (slug, api_key_hash, created_at) VALUES (?, ?, ?)").run(slug, apiKeyHash, now);
      this.auditInTx({ operation: "create_org", orgSlug: slug, provider: null, credentialId: null, requestId: null, outcome: "created" }, now);
    });
  }

  activeCredentials(orgSlug: string): CredentialRow[] {
    return this.db
      .prepare("SELECT * FROM org_integration_credentials WHERE org_slug = ? AND is_active = 1")
      .all(orgSlug) as CredentialRow[];
  }

  activeCredential(orgSlug: string, provider: ProviderCode): CredentialRow | undefined {
    return this.db
      .prepare("SELECT * FROM org_integration_credentials WHERE org_slug = ? AND provider = ? AND is_active = 1")
      .get(orgSlug, provider) as CredentialRow | undefined;
  }

  /** Inserts the new active row and deactivates the previous one, atomically. */
  replaceActive(row: CredentialRow, audit: AuditEntry): void {
    // is_active is not bound: the new row is active by construction.
    const { is_active: _isActive, ...values } = row;
    immediateTransaction(this.db, () => {
      this.deactivateInTx(row.org_slug, row.provider, row.created_at);
      this.db
        .prepare(
          `INSERT INTO org_integration_credentials (credential_id, org_slug, provider, credential_name,
             encrypted_credential, credential_type, validation_status, last_validated_at, last_error, metadata,
             is_active, created_at, updated_at, expires_at, deactivation_scheduled_at)
           VALUES (@credential_id, @org_slug, @provider, @credential_name, @encrypted_credential, @credential_type,
             @validation_status, @last_validated_at, @last_error, @metadata, 1, @created_at, @updated_at,
             @expires_at, @deactivation_scheduled_at)`,
        )
        .run(values);
      this.auditInTx(audit, row.created_at);
    });
  }

  /** Updates non-secret fields of the active row; false when it is no longer active. */
  updateActive(
    credentialId: string,
    fields: Partial<Pick<CredentialRow, "credential_name" | "metadata" | "validation_status" | "last_validated_at" | "last_error">>,
    now: string,
    audit: AuditEntry,
  ): boolean {
    const names = Object.keys(fields).filter((name) => /^[a-z_]+$/.test(name));
    const assignments = [...names.map((name) => `${name} = @${name}`), "updated_at = @updated_at"].join(", ");
    return immediateTransaction(this.db, () => {
      const result = this.db
        .prepare(`UPDATE org_integration_credentials SET ${assignments} WHERE credential_id = @id AND is_active = 1`)
        .run({ ...Object.fromEntries(names.map((name) => [name, fields[name as keyof typeof fields]])), updated_at: now, id: credentialId });
      if (result.changes === 0) return false;
      this.auditInTx(audit, now);
      return true;
    });
  }

  /** Deactivates the active row of a provider; the number of rows deactivated (0 or 1). */
  deactivate(orgSlug: string, provider: ProviderCode, now: string, audit: AuditEntry): number {
    return immediateTransaction(this.db, () => {
      const changes = this.deactivateInTx(orgSlug, provider, now);
      if (changes > 0) this.auditInTx(audit, now);
      return changes;
    });
  }

  private deactivateInTx(orgSlug: string, provider: ProviderCode, now: string): number {
    // The ciphertext of an inactive row is never read again: erase it rather than keep it around.
    return this.db
      .prepare(
        `UPDATE org_integration_credentials SET is_active = 0, updated_at = ?, encrypted_credential = X''
         WHERE org_slug = ? AND provider = ? AND is_active = 1`,
      )
      .run(now, orgSlug, provider).changes;
  }

  private auditInTx(entry: AuditEntry, at: string): void {
    this.db
      .prepare(
        `INSERT INTO audit_log (operation, org_slug, provider, credential_id, request_id, outcome, at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(entry.operation, entry.orgSlug, entry.provider, entry.credentialId, entry.requestId, entry.outcome, at);
  }
}
