/**
 * The storage side of `--compat production`: plain SQL on the reference server's own table
 * (Store's database, same columns as production's BigQuery table), written the way the production
 * service writes it: a setup inserts without deactivating the previous active row, a PUT with a
 * credential only marks the old rows for a deactivation nothing performs, a delete deactivates
 * every active row. One statement per call, positional parameters only.
 *
 * Several active rows per (org, provider) must be storable, so the partial UNIQUE index of the
 * intended schema is swapped for a plain index of the same name (Store's `CREATE UNIQUE INDEX IF
 * NOT EXISTS` then leaves it alone). That marks the file: the intended mode refuses to start on it
 * (see `assertIntendedSchema`), because its one-active-row guarantee would no longer hold.
 */
import type { CredentialRow, Store } from "../store.js";

const INDEX = "one_active_credential_per_provider";

/** A stored row; production's registry also has providers outside our eight codes (CLAUDE, AWS_KEYS). */
export type ProductionRow = Omit<CredentialRow, "provider"> & { provider: string };

export interface Subscription {
  status: string;
  providers_limit: number | null;
}

/** Prepares a database for production behaviour (idempotent). */
export function prepareProductionSchema(store: Store): void {
  const index = indexInfo(store);
  if (index === undefined || index.unique === 1) {
    store.db.exec(`DROP INDEX IF EXISTS ${INDEX}`);
    store.db.exec(`CREATE INDEX ${INDEX} ON org_integration_credentials (org_slug, provider) WHERE is_active = 1`);
  }
  ensureSubscriptionTable(store);
}

/** Production's org_subscriptions, reduced to what the integrations routes read. */
export function ensureSubscriptionTable(store: Store): void {
  store.db.exec(
    `CREATE TABLE IF NOT EXISTS org_subscriptions (
       org_slug TEXT PRIMARY KEY REFERENCES orgs(slug),
       status TEXT NOT NULL,
       providers_limit INTEGER
     )`,
  );
}

/** The intended mode's guarantee needs the UNIQUE index; a file prepared for production lost it. */
export function assertIntendedSchema(store: Store): void {
  const index = indexInfo(store);
  if (index !== undefined && index.unique !== 1) {
    throw new CompatDatabaseError(
      "this database was used with --compat production and may hold several active credentials per provider; serve it with --compat production, or use another --db",
    );
  }
}

export class CompatDatabaseError extends Error {}

function indexInfo(store: Store): { unique: number } | undefined {
  const rows = store.db.prepare("PRAGMA index_list(org_integration_credentials)").all() as { name: string; unique: number }[];
  return rows.find((row) => row.name === INDEX);
}

export function subscriptionOf(store: Store, orgSlug: string): Subscription | undefined {
  const exists = store.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'org_subscriptions'")
    .get();
  if (exists === undefined) return undefined;
  return store.db.prepare("SELECT status, providers_limit FROM org_subscriptions WHERE org_slug = ?").get(orgSlug) as
    | Subscription
    | undefined;
}

export function setSubscription(store: Store, orgSlug: string, subscription: Partial<Subscription>): void {
  const current = subscriptionOf(store, orgSlug) ?? { status: "ACTIVE", providers_limit: null };
  const next = { ...current, ...subscription };
  store.db
    .prepare(
      `INSERT INTO org_subscriptions (org_slug, status, providers_limit) VALUES (?, ?, ?)
       ON CONFLICT (org_slug) DO UPDATE SET status = excluded.status, providers_limit = excluded.providers_limit`,
    )
    .run(orgSlug, next.status, next.providers_limit);
}

/** What production's list reads: active rows ordered by provider (rows of one provider in insertion order), at most 100. */
export function rowsForList(store: Store, orgSlug: string): ProductionRow[] {
  return store.db
    .prepare("SELECT * FROM org_integration_credentials WHERE org_slug = ? AND is_active = 1 ORDER BY provider, rowid LIMIT 100")
    .all(orgSlug) as ProductionRow[];
}

/** Active rows of one provider, oldest first (production's `LIMIT 1` reads the first). */
export function activeRows(store: Store, orgSlug: string, provider: string): ProductionRow[] {
  return store.db
    .prepare("SELECT * FROM org_integration_credentials WHERE org_slug = ? AND provider = ? AND is_active = 1 ORDER BY rowid")
    .all(orgSlug, provider) as ProductionRow[];
}

export function countConfiguredProviders(store: Store, orgSlug: string): number {
  const row = store.db
    .prepare("SELECT COUNT(DISTINCT provider) AS n FROM org_integration_credentials WHERE org_slug = ? AND is_active = 1")
    .get(orgSlug) as { n: number };
  return Number(row.n);
}

/** Inserts an active row and leaves every other row as it is (production's setup). */
export function insertRow(store: Store, row: ProductionRow): void {
  store.db
    .prepare(
      `INSERT INTO org_integration_credentials (credential_id, org_slug, provider, credential_name,
         encrypted_credential, credential_type, validation_status, last_validated_at, last_error, metadata,
         is_active, created_at, updated_at, expires_at, deactivation_scheduled_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`,
    )
    .run(
      row.credential_id,
      row.org_slug,
      row.provider,
      row.credential_name,
      row.encrypted_credential,
      row.credential_type,
      row.validation_status,
      row.last_validated_at,
      row.last_error,
      row.metadata,
      row.created_at,
      row.updated_at,
      row.expires_at,
      row.deactivation_scheduled_at,
    );
}

/** Production's PUT with a credential: the old rows are only marked, and stay active. */
export function scheduleDeactivation(store: Store, orgSlug: string, provider: string, keepId: string, now: string): void {
  store.db
    .prepare(
      `UPDATE org_integration_credentials SET deactivation_scheduled_at = ?
       WHERE org_slug = ? AND provider = ? AND is_active = 1 AND credential_id <> ?`,
    )
    .run(now, orgSlug, provider, keepId);
}

/** Production's PUT of name/metadata: every active row of the provider. */
export function updateNameAndMetadata(
  store: Store,
  orgSlug: string,
  provider: string,
  fields: { credential_name?: string | undefined; metadata?: string | undefined },
  now: string,
): void {
  store.db
    .prepare(
      `UPDATE org_integration_credentials
       SET credential_name = COALESCE(?, credential_name), metadata = COALESCE(?, metadata), updated_at = ?
       WHERE org_slug = ? AND provider = ? AND is_active = 1`,
    )
    .run(fields.credential_name ?? null, fields.metadata ?? null, now, orgSlug, provider);
}

export function recordValidation(store: Store, credentialId: string, status: string, error: string | null, now: string): void {
  store.db
    .prepare(
      `UPDATE org_integration_credentials SET validation_status = ?, last_validated_at = ?, last_error = ?, updated_at = ?
       WHERE credential_id = ?`,
    )
    .run(status, now, error, now, credentialId);
}

/** Production's delete: every active row, answered the same whether there was one or not. */
export function deactivateAll(store: Store, orgSlug: string, provider: string, now: string): number {
  return store.db
    .prepare(
      `UPDATE org_integration_credentials SET is_active = 0, updated_at = ?, encrypted_credential = X''
       WHERE org_slug = ? AND provider = ? AND is_active = 1`,
    )
    .run(now, orgSlug, provider).changes;
}
