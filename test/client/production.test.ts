// The client against the real reference server in `compat: "production"` (and, where the two
// differ, in its intended mode): what the production service does that the spec did not say.
import { openSqlite } from "../../src/server/sqlite.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  APIConnectionTimeoutError,
  BadRequestError,
  IntegrationsClient,
  NotFoundError,
  PayloadTooLargeError,
  PlanLimitError,
  RateBudget,
  RateLimitError,
  SubscriptionInactiveError,
  getIntegrations,
} from "../../src/client/index.js";
import { type FakeProvider, KEYS, type TestServer, genAiHandler, providerEnv, startFakeProvider, startTestServer, tempDir } from "../server/helpers.js";
import { sendJson, startQuirkServer } from "./quirk-server.js";

import { rejection } from "../helpers/rejection.js";
let tmp: ReturnType<typeof tempDir>;
let provider: FakeProvider;
let production: TestServer;
let intended: TestServer;

beforeAll(async () => {
  tmp = tempDir();
  provider = await startFakeProvider(genAiHandler());
  const env = providerEnv({ OPENAI: provider.url, ANTHROPIC: provider.url });
  const prodDir = `${tmp.dir}/production`;
  const intendedDir = `${tmp.dir}/intended`;
  await import("node:fs/promises").then((fs) => Promise.all([fs.mkdir(prodDir), fs.mkdir(intendedDir)]));
  production = await startTestServer(prodDir, { env, compat: "production", production: { globalPerMinute: 100_000 } });
  intended = await startTestServer(intendedDir, { env });
});

afterAll(async () => {
  await production.close();
  await intended.close();
  await provider.close();
  tmp.cleanup();
});

let orgCount = 0;
function orgOn(server: TestServer, options: Partial<ConstructorParameters<typeof IntegrationsClient>[0]> = {}, plan?: Parameters<TestServer["createOrg"]>[1]) {
  const slug = `client_org_${++orgCount}`;
  const apiKey = server.createOrg(slug, plan);
  return { slug, apiKey, client: new IntegrationsClient({ baseUrl: server.url, apiKey, ...options }) };
}

function logged(server: TestServer, slug: string, pattern: RegExp): number {
  return server.logs.filter((line) => line.includes(`/api/v1/integrations/${slug}`) && pattern.test(line)).length;
}

function activeRowCount(slug: string, providerCode: string): number {
  const db = openSqlite(production.dbPath, { readonly: true });
  try {
    const row = db.prepare("SELECT COUNT(*) AS n FROM org_integration_credentials WHERE org_slug = ? AND provider = ? AND is_active = 1").get(slug, providerCode) as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}


describe("rate limits", () => {
  it("does not retry production's 429 inside its window: one attempt, an error with a positive wait", async () => {
    const { slug, client } = orgOn(production);
    for (let i = 0; i < 10; i++) await client.delete(slug, "openai");
    const error = await rejection(client.delete(slug, "openai"));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBeGreaterThanOrEqual(60_000);
    expect((error as RateLimitError).source).toBe("window");
    expect(logged(production, slug, / DELETE .* 429 /)).toBe(1);
  });

  it("with a shared budget, stops before the service's limit and sends nothing it would refuse", async () => {
    const budget = new RateBudget();
    // A wait beyond maxRetryWaitMs is an error at once rather than a sleep.
    const { slug, apiKey, client } = orgOn(production, { rateBudget: budget, maxRetryWaitMs: 5_000 });
    const second = new IntegrationsClient({ baseUrl: production.url, apiKey, rateBudget: budget });
    for (let i = 0; i < 5; i++) await client.delete(slug, "openai");
    for (let i = 0; i < 5; i++) await second.delete(slug, "openai");
    const error = await rejection(client.delete(slug, "openai"));
    expect(error).toMatchObject({ source: "client-budget", status: 429 });
    expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(0);
    expect(logged(production, slug, / DELETE /)).toBe(10);
    expect(logged(production, slug, / 429 /)).toBe(0);
  });

  it("reads an epoch Retry-After that is the present (the global limit) as unknown: the window, not zero", async () => {
    const dir = tempDir();
    const small = await startTestServer(dir.dir, { compat: "production", production: { globalPerMinute: 1 } });
    try {
      const apiKey = small.createOrg("acme");
      const client = new IntegrationsClient({ baseUrl: small.url, apiKey });
      await client.list("acme");
      const error = await rejection(client.list("acme"));
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as RateLimitError).retryAfterMs).toBeGreaterThanOrEqual(60_000);
      expect(small.logs.filter((line) => / 429 /.test(line))).toHaveLength(1);
    } finally {
      await small.close();
      dir.cleanup();
    }
  });
});

describe("idempotency by operation", () => {
  it("never retries an update carrying a credential after a timeout: no duplicate active rows", async () => {
    const { slug, client } = orgOn(production, { timeoutMs: 300 });
    await client.setup(slug, "openai", { credential: KEYS.openaiValid }, { timeoutMs: 5_000 });
    // The provider never answers this key: the server stores it (PENDING) after its own 2 s
    // timeout, long after the client gave up.
    const error = await rejection(client.update(slug, "openai", { credential: KEYS.openaiSlow }));
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    // The row appears once the server's provider timeout passed; a retry would have been sent
    // (and reached the provider) well before that.
    while (activeRowCount(slug, "OPENAI") < 2) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(provider.requests.filter((r) => r.headers.authorization === `Bearer ${KEYS.openaiSlow}`)).toHaveLength(1);
    // Production keeps the setup's row too: two rows, not one per attempt.
    expect(activeRowCount(slug, "OPENAI")).toBe(2);
  });
});

describe("honest reporting", () => {
  it("validate on an unconfigured provider is NOT_CONFIGURED, on production (200 INVALID) and intended (404) alike", async () => {
    for (const server of [production, intended]) {
      const { slug, client } = orgOn(server);
      expect(await client.validate(slug, "openai")).toMatchObject({ success: false, validation_status: "NOT_CONFIGURED", credential_id: null });
    }
  });

  it("getIntegrations keeps production's CLAUDE and AWS_KEYS", async () => {
    const { slug, apiKey } = orgOn(production);
    const integrations = await getIntegrations(slug, { client: { baseUrl: production.url, apiKey } });
    expect(integrations.CLAUDE?.status).toBe("NOT_CONFIGURED");
    expect(integrations.AWS_KEYS?.status).toBe("NOT_CONFIGURED");
    expect(integrations.OPENAI.status).toBe("NOT_CONFIGURED");
    const other = orgOn(intended);
    expect(Object.keys(await getIntegrations(other.slug, { client: { baseUrl: intended.url, apiKey: other.apiKey } }))).toHaveLength(8);
  });

  it("names the inactive subscription", async () => {
    const { slug, client } = orgOn(production, {}, { subscription: "CANCELLED" });
    const error = await rejection(client.setup(slug, "openai", { credential: KEYS.openaiValid }));
    expect(error).toBeInstanceOf(SubscriptionInactiveError);
    expect((error as SubscriptionInactiveError).subscriptionStatus).toBe("CANCELLED");
  });

  it("warns that an update wipes the metadata or does not report a real status", async () => {
    const { slug, client } = orgOn(production);
    await client.setup(slug, "openai", { credential: KEYS.openaiInvalid, metadata: { cost_center: "r&d" } });
    const renamed = await client.update(slug, "openai", { credentialName: "renamed" });
    expect(renamed.validation_status).toBe("VALID"); // production's answer...
    expect(renamed.warnings.map((w) => w.code)).toEqual(["status-not-checked"]);
    expect((await client.get(slug, "openai")).status).toBe("INVALID"); // ...and the truth
    await client.delete(slug, "openai");
    await client.setup(slug, "openai", { credential: KEYS.openaiValid, metadata: { cost_center: "r&d" } });
    const replaced = await client.update(slug, "openai", { credential: KEYS.openaiValid });
    expect(replaced.warnings.map((w) => w.code)).toEqual(["metadata-replaced"]);
    expect((await client.list(slug)).integrations.OPENAI?.metadata).toEqual({});
  });

  it("trims the credential as the service does, and refuses locally what it would refuse", async () => {
    const { slug, client } = orgOn(production);
    expect((await client.setup(slug, "openai", { credential: `\n ${KEYS.openaiValid} \n` })).validation_status).toBe("VALID");
    await expect(client.setup(slug, "gemini", { credential: "AIza12345" })).rejects.toMatchObject({ name: "CredentialShapeError" });
    await expect(client.update(slug, "openai", { credential: `sk-${"a".repeat(50_000)}` })).rejects.toMatchObject({ name: "CredentialShapeError" });
    await expect(client.setup(slug, "openai", { credential: KEYS.openaiValid, metadata: { notes: "x".repeat(52_000) } })).rejects.toMatchObject({ name: "ClientInputError" });
    expect(logged(production, slug, / POST .*\/setup/)).toBe(1);
  });

  it("surfaces the 404 of aws setup, the 400 of gemini validate, and never retries the plan limit", async () => {
    const { slug, client } = orgOn(production, {}, { providersLimit: 0 });
    const aws = JSON.stringify({ role_arn: "arn:aws:iam::123456789012:role/x", external_id: "ext-123" });
    expect(await rejection(client.setup(slug, "aws", { credential: aws }))).toBeInstanceOf(NotFoundError);
    expect(await rejection(client.validate(slug, "gemini"))).toBeInstanceOf(BadRequestError);
    const plan = await rejection(client.setup(slug, "openai", { credential: KEYS.openaiValid }));
    expect(plan).toBeInstanceOf(PlanLimitError);
    expect(plan).not.toBeInstanceOf(RateLimitError);
    expect(logged(production, slug, / POST .*\/openai\/setup /)).toBe(1);
  });

  it("returns a rejected setup as success:false INVALID, and validate's success:true INVALID as INVALID", async () => {
    const { slug, client } = orgOn(production);
    expect(await client.setup(slug, "openai", { credential: KEYS.openaiInvalid })).toMatchObject({ success: false, validation_status: "INVALID" });
    expect(await client.validate(slug, "openai")).toMatchObject({ success: true, validation_status: "INVALID" });
  });

  it("maps a 413 to PayloadTooLargeError", async () => {
    const server = await startQuirkServer((_req, res) => sendJson(res, 413, { detail: "Metadata size (60000 bytes) exceeds maximum allowed (51200 bytes)" }));
    try {
      const client = new IntegrationsClient({ baseUrl: server.url, apiKey: "acme_corp_api_AAAAAAAAAAAAAAAA" });
      expect(await rejection(client.setup("acme_corp", "openai", { credential: KEYS.openaiValid }))).toBeInstanceOf(PayloadTooLargeError);
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
