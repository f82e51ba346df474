// The reference server with `compat: "production"`: each behaviour of the production service
// (spec "Quirks", docs/server.md), over real HTTP with a real SQLite file.
import { openSqlite } from "../../src/server/sqlite.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CompatDatabaseError, startServer } from "../../src/server/index.js";
import { type FakeProvider, KEYS, type TestServer, call, genAiHandler, providerEnv, startFakeProvider, startTestServer, tempDir } from "./helpers.js";

let tmp: ReturnType<typeof tempDir>;
let provider: FakeProvider;
let server: TestServer;

beforeAll(async () => {
  tmp = tempDir();
  provider = await startFakeProvider(genAiHandler());
  const urls = { OPENAI: provider.url, ANTHROPIC: provider.url, GEMINI: provider.url, DEEPSEEK: provider.url };
  server = await startTestServer(tmp.dir, { env: providerEnv(urls), compat: "production", production: { globalPerMinute: 100_000 } });
});

afterAll(async () => {
  await server.close();
  await provider.close();
  tmp.cleanup();
});

let orgCount = 0;
function org(plan?: Parameters<TestServer["createOrg"]>[1]) {
  const slug = `org_${++orgCount}`;
  const key = server.createOrg(slug, plan);
  return { slug, api: (method: string, path: string, body?: unknown) => call(server.url, method, `/api/v1/integrations/${slug}${path}`, { key, body }) };
}

function activeRows(slug: string, provider: string): { credential_id: string; metadata: string | null; deactivation_scheduled_at: string | null }[] {
  const db = openSqlite(server.dbPath, { readonly: true });
  try {
    return db
      .prepare("SELECT credential_id, metadata, deactivation_scheduled_at FROM org_integration_credentials WHERE org_slug = ? AND provider = ? AND is_active = 1 ORDER BY rowid")
      .all(slug, provider) as never;
  } finally {
    db.close();
  }
}

describe("list and get", () => {
  it("lists ten providers (CLAUDE and AWS_KEYS too), all NOT_CONFIGURED at first", async () => {
    const { api } = org();
    const list = await api("GET", "");
    expect(list.status).toBe(200);
    expect(Object.keys(list.json.integrations)).toEqual(["OPENAI", "ANTHROPIC", "GEMINI", "DEEPSEEK", "GCP_SA", "AWS_IAM", "AZURE", "OCI", "CLAUDE", "AWS_KEYS"]);
    expect(list.json).toMatchObject({ all_valid: false, providers_configured: [] });
    expect((await api("GET", "/claude")).json.provider).toBe("CLAUDE");
    expect((await api("GET", "/dropbox")).status).toBe(400);
  });

  it("a stored status outside the response model makes the list and every GET answer 500 with the raw error", async () => {
    const { slug, api } = org();
    expect((await api("POST", "/openai/setup", { credential: KEYS.openaiValid })).json.validation_status).toBe("VALID");
    const db = openSqlite(server.dbPath);
    db.prepare("UPDATE org_integration_credentials SET validation_status = 'EXPIRED' WHERE org_slug = ?").run(slug);
    db.close();
    for (const path of ["", "/openai", "/azure"]) {
      const answer = await api("GET", path);
      expect(answer.status).toBe(500);
      expect(answer.json.detail).toContain("input_value='EXPIRED'");
    }
  });
});

describe("setup, update, validate, delete as production does them", () => {
  it("setup keeps the previous row active; the list shows one row; delete deactivates them all", async () => {
    const { slug, api } = org();
    await api("POST", "/openai/setup", { credential: KEYS.openaiValid, credential_name: "first" });
    await api("POST", "/openai/setup", { credential: `  ${KEYS.openaiValid}\n`, credential_name: "second" });
    expect(activeRows(slug, "OPENAI")).toHaveLength(2);
    const list = await api("GET", "");
    expect(list.json.providers_configured).toEqual(["OPENAI"]);
    expect(list.json.integrations.OPENAI.credential_name).toBe("second");
    expect((await api("DELETE", "/openai")).json).toEqual({ success: true, message: "OPENAI integration deleted", provider: "OPENAI" });
    expect(activeRows(slug, "OPENAI")).toHaveLength(0);
    expect((await api("DELETE", "/openai")).status).toBe(200);
  });

  it("PUT with a credential adds an active row, marks the old one only, and wipes the metadata", async () => {
    const { slug, api } = org();
    await api("POST", "/openai/setup", { credential: KEYS.openaiValid, metadata: { cost_center: "r&d" } });
    const put = await api("PUT", "/openai", { credential: KEYS.openaiValid });
    expect(put.json).toMatchObject({ success: true, validation_status: "VALID" });
    const rows = activeRows(slug, "OPENAI");
    expect(rows).toHaveLength(2);
    expect(rows[0]?.deactivation_scheduled_at).not.toBeNull();
    expect(JSON.parse(rows[1]!.metadata!)).toEqual({});
  });

  it("PUT of a name only answers VALID whatever the stored status", async () => {
    const { api } = org();
    expect((await api("POST", "/openai/setup", { credential: KEYS.openaiInvalid })).json).toMatchObject({ success: false, validation_status: "INVALID" });
    const put = await api("PUT", "/openai", { credential_name: "renamed" });
    expect(put.json).toMatchObject({ success: true, validation_status: "VALID" });
    expect((await api("GET", "/openai")).json).toMatchObject({ status: "INVALID", credential_name: "renamed" });
    expect((await api("PUT", "/gemini", { credential_name: "nothing here" })).status).toBe(404);
  });

  it("caps a PUT credential at 50,000 characters and a setup credential at 100,000 (422), and bytes at 100,000 (413)", async () => {
    const { api } = org();
    await api("POST", "/openai/setup", { credential: KEYS.openaiValid });
    expect((await api("PUT", "/openai", { credential: `sk-${"a".repeat(50_000)}` })).status).toBe(422);
    expect((await api("POST", "/openai/setup", { credential: `sk-${"a".repeat(100_000)}` })).status).toBe(422);
    expect((await api("POST", "/anthropic/setup", { credential: "é".repeat(60_000) })).status).toBe(413);
    expect((await api("POST", "/openai/setup", { credential: "sk-short" })).status).toBe(422);
    expect((await api("POST", "/openai/setup", { credential: KEYS.openaiValid, metadata: { notes: "x".repeat(52_000) } })).status).toBe(413);
  });

  it("answers a malformed key 200 FAILED (nothing stored), and accepts keisk- OpenAI keys", async () => {
    const { slug, api } = org();
    const failed = await api("POST", "/openai/setup", { credential: "pk-0123456789abcdef" });
    expect(failed.json).toMatchObject({ success: false, validation_status: "FAILED", credential_id: null });
    expect(activeRows(slug, "OPENAI")).toHaveLength(0);
    const keisk = await api("POST", "/openai/setup", { credential: "keisk-0123456789abcdef" });
    expect(keisk.json.validation_status).toBe("INVALID"); // well-formed; the fake provider does not know it
  });

  it("validate: INVALID 'No valid ... found' when nothing is stored, 400 for gemini/deepseek, 404 routes for aws/azure/oci", async () => {
    const { api } = org();
    expect((await api("POST", "/openai/validate")).json).toMatchObject({
      success: true,
      validation_status: "INVALID",
      validation_error: expect.stringMatching(/^No valid OpenAI credentials found for org_\d+$/),
    });
    expect((await api("POST", "/gemini/validate")).status).toBe(400);
    expect((await api("POST", "/aws/validate")).status).toBe(404);
    expect((await api("POST", "/aws/setup", { credential: JSON.stringify({ access_key_id: "AKIA", secret_access_key: "x" }) })).status).toBe(404);
  });
});

describe("subscription and plan", () => {
  it("refuses a setup with 403 'Subscription is <STATUS>' and the plan limit with a string 429", async () => {
    const suspended = org({ subscription: "SUSPENDED" });
    const refused = await suspended.api("POST", "/openai/setup", { credential: KEYS.openaiValid });
    expect(refused.status).toBe(403);
    expect(refused.json.detail).toBe("Subscription is SUSPENDED. Please contact support.");
    expect((await suspended.api("GET", "")).status).toBe(200);
    const limited = org({ providersLimit: 1 });
    expect((await limited.api("POST", "/openai/setup", { credential: KEYS.openaiValid })).status).toBe(200);
    expect((await limited.api("POST", "/openai/setup", { credential: KEYS.openaiValid })).status).toBe(200); // same provider: not new
    const over = await limited.api("POST", "/anthropic/setup", { credential: KEYS.anthropicValid });
    expect(over.status).toBe(429);
    expect(over.json.detail).toMatch(/^Integration limit reached/);
  });
});

describe("rate limits", () => {
  it("one window per org: 10 writes, then 429 with retry_after = now and no Retry-After header", async () => {
    const { api } = org();
    for (let i = 0; i < 10; i++) expect((await api("DELETE", "/openai")).status).toBe(200);
    const before = Math.floor(Date.now() / 1000);
    const refused = await api("DELETE", "/openai");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBeNull();
    expect(refused.json.detail.error).toBe("Rate limit exceeded");
    expect(refused.json.detail.retry_after).toBeGreaterThanOrEqual(before);
    expect(refused.json.detail.retry_after).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    // Reads count in the same window (10 so far): 89 more lists fit under 100, then a GET needs two.
    for (let i = 0; i < 89; i++) expect((await api("GET", "")).status).toBe(200);
    expect((await api("GET", "/openai")).status).toBe(429);
  });

  it("the global limit answers a top-level body with Retry-After as an epoch", async () => {
    const dir = tempDir();
    const small = await startTestServer(dir.dir, { compat: "production", production: { globalPerMinute: 2 } });
    try {
      const key = small.createOrg("acme");
      await call(small.url, "GET", "/api/v1/integrations/acme", { key });
      await call(small.url, "GET", "/api/v1/integrations/acme", { key });
      const refused = await call(small.url, "GET", "/api/v1/integrations/acme", { key });
      expect(refused.status).toBe(429);
      expect(refused.json).toMatchObject({ error: "Rate limit exceeded" });
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(1e9);
    } finally {
      await small.close();
      dir.cleanup();
    }
  });
});

it("a database used with --compat production is refused by the intended mode", async () => {
  await expect(startServer({ dbPath: server.dbPath, port: 0, log: () => {} })).rejects.toBeInstanceOf(CompatDatabaseError);
});
