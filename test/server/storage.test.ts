// Storage and encryption: what is on disk, one active row under concurrency, the KEK file rules.
import { openSqlite, type SqliteDatabase } from "../../src/server/sqlite.js";
import { randomBytes, randomUUID } from "node:crypto";
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DecryptionError, decryptCredential, encryptCredential } from "../../src/server/envelope.js";
import { KekError } from "../../src/server/kek.js";
import { startServer } from "../../src/server/index.js";
import { type FakeProvider, KEYS, type TestServer, call, genAiHandler, providerEnv, startFakeProvider, startTestServer, tempDir } from "./helpers.js";

let tmp: ReturnType<typeof tempDir>;
let provider: FakeProvider;
let server: TestServer;
let key: string;

beforeAll(async () => {
  tmp = tempDir();
  provider = await startFakeProvider(genAiHandler());
  server = await startTestServer(tmp.dir, { env: providerEnv({ OPENAI: provider.url, ANTHROPIC: provider.url }) });
  key = server.createOrg("acme");
});

afterAll(async () => {
  await server.close();
  await provider.close();
  tmp.cleanup();
});

const setup = (segment: string, credential: string) =>
  call(server.url, "POST", `/api/v1/integrations/acme/${segment}/setup`, { key, body: { credential } });

function readDb<T>(fn: (db: SqliteDatabase) => T): T {
  const db = openSqlite(server.dbPath, { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

describe("one active credential per (org, provider)", () => {
  it("50 concurrent setups leave exactly one active row, and it is one of the acknowledged ones", async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => setup("openai", KEYS.openaiValid)));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    const ids = new Set(results.map((r) => r.json.credential_id));
    expect(ids.size).toBe(50);
    const rows = readDb((db) =>
      db.prepare("SELECT credential_id, is_active FROM org_integration_credentials WHERE org_slug = 'acme' AND provider = 'OPENAI'").all(),
    ) as { credential_id: string; is_active: number }[];
    const active = rows.filter((row) => row.is_active === 1);
    expect(active).toHaveLength(1);
    expect(ids.has(active[0]!.credential_id)).toBe(true);
    expect(rows.filter((row) => ids.has(row.credential_id))).toHaveLength(50);
  });

  it("the partial unique index refuses a second active row whatever writes it", () => {
    const db = openSqlite(server.dbPath);
    try {
      const row = db.prepare("SELECT * FROM org_integration_credentials WHERE org_slug = 'acme' AND provider = 'OPENAI' AND is_active = 1").get() as Record<string, unknown>;
      expect(() => db.prepare("INSERT INTO org_integration_credentials SELECT ?, org_slug, provider, credential_name, encrypted_credential, credential_type, validation_status, last_validated_at, last_error, metadata, is_active, created_at, updated_at, expires_at, deactivation_scheduled_at FROM org_integration_credentials WHERE credential_id = ?").run(randomUUID(), row.credential_id)).toThrow(/UNIQUE/);
    } finally {
      db.close();
    }
  });
});

describe("at rest", () => {
  it("keeps no credential and no API key in clear in the database or its WAL", async () => {
    await setup("anthropic", KEYS.anthropicValid);
    const bytes = ["", "-wal", "-shm"]
      .map((suffix) => `${server.dbPath}${suffix}`)
      .filter((path) => existsSync(path))
      .map((path) => readFileSync(path));
    expect(bytes.length).toBeGreaterThanOrEqual(2);
    for (const secret of [KEYS.openaiValid, KEYS.anthropicValid, key]) {
      for (const content of bytes) {
        expect(content.includes(Buffer.from(secret))).toBe(false);
        expect(content.includes(Buffer.from(secret.slice(-16)))).toBe(false);
      }
    }
    const org = readDb((db) => db.prepare("SELECT api_key_hash FROM orgs WHERE slug = 'acme'").get()) as { api_key_hash: string };
    expect(org.api_key_hash).toMatch(/^hmac-sha256:v1:[0-9a-f]{64}$/);
  });

  it("uses the production column names and erases the ciphertext of replaced rows", () => {
    const columns = readDb((db) => db.prepare("SELECT name FROM pragma_table_info('org_integration_credentials')").all()).map((c: any) => c.name);
    expect(columns).toEqual([
      "credential_id", "org_slug", "provider", "credential_name", "encrypted_credential", "credential_type",
      "validation_status", "last_validated_at", "last_error", "metadata", "is_active", "created_at", "updated_at",
      "expires_at", "deactivation_scheduled_at",
    ]);
    const lengths = readDb((db) =>
      db.prepare("SELECT is_active, length(encrypted_credential) AS n FROM org_integration_credentials WHERE provider = 'OPENAI'").all(),
    ) as { is_active: number; n: number }[];
    expect(lengths.filter((row) => row.is_active === 0).every((row) => row.n === 0)).toBe(true);
    expect(lengths.find((row) => row.is_active === 1)!.n).toBeGreaterThan(KEYS.openaiValid.length);
  });

  it("reads a row past its expires_at as EXPIRED", async () => {
    const db = openSqlite(server.dbPath);
    try {
      db.prepare("UPDATE org_integration_credentials SET expires_at = ? WHERE provider = 'OPENAI' AND is_active = 1").run("2000-01-01T00:00:00.000Z");
    } finally {
      db.close();
    }
    const status = await call(server.url, "GET", "/api/v1/integrations/acme/openai", { key });
    expect(status.json.status).toBe("EXPIRED");
    expect((await call(server.url, "GET", "/api/v1/integrations/acme", { key })).json.all_valid).toBe(false);
  });

  it("audits writes with request ids and outcomes, never secrets", () => {
    const audit = readDb((db) => db.prepare("SELECT * FROM audit_log").all()) as Record<string, unknown>[];
    expect(audit.filter((row) => row.operation === "setup").length).toBeGreaterThanOrEqual(51);
    expect(audit.every((row) => typeof row.at === "string" && typeof row.outcome === "string")).toBe(true);
    const text = JSON.stringify(audit);
    for (const secret of [KEYS.openaiValid, KEYS.anthropicValid, key]) expect(text).not.toContain(secret);
  });

  it("a ciphertext copied into another row does not decrypt (validate reports FAILED)", async () => {
    const db = openSqlite(server.dbPath);
    try {
      // Move OpenAI's ciphertext into the Anthropic row: same org, same KEK, different row identity.
      db.prepare(
        `UPDATE org_integration_credentials SET encrypted_credential =
           (SELECT encrypted_credential FROM org_integration_credentials WHERE org_slug = 'acme' AND provider = 'OPENAI' AND is_active = 1)
         WHERE org_slug = 'acme' AND provider = 'ANTHROPIC' AND is_active = 1`,
      ).run();
    } finally {
      db.close();
    }
    const result = await call(server.url, "POST", "/api/v1/integrations/acme/anthropic/validate", { key });
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({ success: false, validation_status: "FAILED" });
    expect(result.json.validation_error).toContain("could not be decrypted");
    expect(result.text).not.toContain(KEYS.openaiValid);
  });
});

describe("envelope encryption", () => {
  const kek = randomBytes(32);
  const row = { orgSlug: "acme", provider: "OPENAI", credentialId: randomUUID() };

  it("round-trips, and fails for another row identity, another KEK, or a flipped bit", () => {
    const blob = encryptCredential(kek, row, "sk-secret-value-123");
    expect(decryptCredential(kek, row, blob)).toBe("sk-secret-value-123");
    expect(() => decryptCredential(kek, { ...row, credentialId: randomUUID() }, blob)).toThrow(DecryptionError);
    expect(() => decryptCredential(kek, { ...row, orgSlug: "globex" }, blob)).toThrow(DecryptionError);
    expect(() => decryptCredential(kek, { ...row, provider: "DEEPSEEK" }, blob)).toThrow(DecryptionError);
    expect(() => decryptCredential(randomBytes(32), row, blob)).toThrow(DecryptionError);
    const tampered = Buffer.from(blob);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => decryptCredential(kek, row, tampered)).toThrow(DecryptionError);
  });

  it("uses a fresh data key and IV each time", () => {
    expect(encryptCredential(kek, row, "same").equals(encryptCredential(kek, row, "same"))).toBe(false);
  });
});

describe("the key-encryption key", () => {
  it("is created next to the database with mode 0600", () => {
    expect(statSync(`${server.dbPath}.kek`).mode & 0o777).toBe(0o600);
  });

  it("refuses to start with a KEK file readable by others, or a KEK of the wrong size", async () => {
    const dir = tempDir();
    try {
      const dbPath = join(dir.dir, "x.db");
      writeFileSync(`${dbPath}.kek`, randomBytes(32).toString("base64"), { mode: 0o600 });
      chmodSync(`${dbPath}.kek`, 0o644);
      await expect(startServer({ dbPath, env: {}, log: () => {} })).rejects.toThrow(KekError);
      await expect(startServer({ dbPath, env: { INTEGRATIONS_KEK: randomBytes(16).toString("base64") }, log: () => {} })).rejects.toThrow(/32 bytes/);
    } finally {
      dir.cleanup();
    }
  });

  it("can come from INTEGRATIONS_KEK, and then no KEK file is written", async () => {
    const dir = tempDir();
    const dbPath = join(dir.dir, "env.db");
    const started = await startServer({ dbPath, env: { INTEGRATIONS_KEK: randomBytes(32).toString("base64") }, log: () => {} });
    try {
      expect(existsSync(`${dbPath}.kek`)).toBe(false);
      const apiKey = started.createOrg("acme");
      expect((await call(started.url, "GET", "/api/v1/integrations/acme", { key: apiKey })).status).toBe(200);
    } finally {
      await started.close();
      dir.cleanup();
    }
  });
});
