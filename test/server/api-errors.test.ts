// Error answers of the reference server: auth (401/403), slug (400), routes (404/405), bodies
// (413/422), shape checks, rate limiting (429), unexpected failures (500), request ids.
import { openSqlite } from "../../src/server/sqlite.js";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeProvider, KEYS, type TestServer, call, genAiHandler, providerEnv, startFakeProvider, startTestServer, tempDir } from "./helpers.js";

let tmp: ReturnType<typeof tempDir>;
let provider: FakeProvider;
let server: TestServer;
let key: string;
let otherKey: string;

beforeAll(async () => {
  tmp = tempDir();
  provider = await startFakeProvider(genAiHandler());
  server = await startTestServer(tmp.dir, { env: providerEnv({ OPENAI: provider.url }) });
  key = server.createOrg("acme");
  otherKey = server.createOrg("globex");
});

afterAll(async () => {
  await server.close();
  await provider.close();
  tmp.cleanup();
});

const setup = (body: unknown, path = "/api/v1/integrations/acme/openai/setup") => call(server.url, "POST", path, { key, body });

function expectErrorBody(json: any): void {
  expect(json).toHaveProperty("detail");
  expect(typeof json.request_id).toBe("string");
}

describe("authentication and authorisation", () => {
  it("answers 401 without a key, with an unknown key, and with a key of the right shape but wrong secret", async () => {
    const path = "/api/v1/integrations/acme";
    const missing = await call(server.url, "GET", path);
    const garbage = await call(server.url, "GET", path, { key: "not-a-key" });
    const forged = await call(server.url, "GET", path, { key: "acme_api_AAAAAAAAAAAAAAAA" });
    const unknownOrg = await call(server.url, "GET", path, { key: "nobody_api_AAAAAAAAAAAAAAAA" });
    for (const response of [missing, garbage, forged, unknownOrg]) {
      expect(response.status).toBe(401);
      expectErrorBody(response.json);
    }
    expect(missing.json.detail).toContain("X-API-Key");
  });

  it("answers 403 to a valid key used on another org's URL", async () => {
    const response = await call(server.url, "GET", "/api/v1/integrations/acme/openai", { key: otherKey });
    expect(response.status).toBe(403);
    expectErrorBody(response.json);
  });

  it("answers 400 to an org slug outside ^[a-z0-9_]{3,50}$", async () => {
    for (const slug of ["AC", "Acme", "ac-me", "a".repeat(51)]) {
      const response = await call(server.url, "GET", `/api/v1/integrations/${slug}`, { key });
      expect(response.status, slug).toBe(400);
      expect(response.json.detail).toContain("org slug");
    }
  });
});

describe("routes", () => {
  it("answers 404 to an unknown provider and an unknown path, 405 to a wrong method", async () => {
    const unknownProvider = await call(server.url, "GET", "/api/v1/integrations/acme/mistral", { key });
    expect(unknownProvider.status).toBe(404);
    expect(unknownProvider.json.detail).toContain("Unknown provider");
    expect((await call(server.url, "GET", "/api/v1/nothing", { key })).status).toBe(404);
    const wrongMethod = await call(server.url, "GET", "/api/v1/integrations/acme/openai/setup", { key });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("POST");
  });

  it("echoes a caller's X-Request-ID and makes one when absent or unusable", async () => {
    const echoed = await call(server.url, "GET", "/api/v1/integrations/acme", { key, headers: { "x-request-id": "req-123.abc" } });
    expect(echoed.headers.get("x-request-id")).toBe("req-123.abc");
    const made = await call(server.url, "GET", "/api/v1/integrations/acme", { key });
    expect(made.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const odd = await call(server.url, "GET", "/api/v1/integrations/acme", { key, headers: { "x-request-id": "has spaces in it" } });
    expect(odd.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const error = await call(server.url, "GET", "/api/v1/integrations/acme", { headers: { "x-request-id": "req-err-1" } });
    expect(error.json.request_id).toBe("req-err-1");
  });
});

describe("request bodies (422 / 413)", () => {
  it("refuses unknown keys such as skip_validation, without storing anything", async () => {
    const response = await setup({ credential: KEYS.openaiValid, skip_validation: true });
    expect(response.status).toBe(422);
    expect(response.json.detail).toEqual([
      { type: "extra_forbidden", loc: ["body", "skip_validation"], msg: "Extra inputs are not permitted", input: true },
    ]);
    expect(response.text).not.toContain(KEYS.openaiValid);
    const status = await call(server.url, "GET", "/api/v1/integrations/acme/openai", { key });
    expect(status.json.status).toBe("NOT_CONFIGURED");
  });

  it("lists every problem in FastAPI's shape and never echoes the credential", async () => {
    const secretish = "sk-in-the-wrong-field-123456";
    const response = await setup({ credential: "sk-short", credential_name: "x", metadata: [1], api_key: secretish });
    expect(response.status).toBe(422);
    const byField = Object.fromEntries(response.json.detail.map((issue: any) => [issue.loc.at(-1), issue]));
    expect(byField.credential).toMatchObject({ type: "string_too_short", loc: ["body", "credential"], input: "[REDACTED]" });
    expect(byField.credential_name.type).toBe("string_too_short");
    expect(byField.metadata.type).toBe("dict_type");
    expect(byField.api_key).toMatchObject({ type: "extra_forbidden", input: "[REDACTED]" });
    expect(response.text).not.toContain("sk-short");
    expect(response.text).not.toContain(secretish);
  });

  it("answers 422 to a missing credential, to invalid JSON, and to a body that is not an object", async () => {
    const missing = await setup({ credential_name: "name" });
    expect(missing.json.detail[0]).toMatchObject({ type: "missing", loc: ["body", "credential"] });
    const broken = await call(server.url, "POST", "/api/v1/integrations/acme/openai/setup", { key, rawBody: `{"credential": "${KEYS.openaiValid}"` });
    expect(broken.status).toBe(422);
    expect(broken.json.detail[0].type).toBe("json_invalid");
    expect(broken.text).not.toContain(KEYS.openaiValid);
    const array = await setup([KEYS.openaiValid]);
    expect(array.status).toBe(422);
    expect(array.text).not.toContain(KEYS.openaiValid);
    const empty = await call(server.url, "PUT", "/api/v1/integrations/acme/openai", { key, body: {} });
    expect(empty.status).toBe(422);
  });

  it("refuses a credential over 100000 characters and metadata over 50 KB", async () => {
    const long = await setup({ credential: `sk-${"a".repeat(100_000)}` });
    expect(long.status).toBe(422);
    expect(long.json.detail[0].type).toBe("string_too_long");
    const bigMetadata = await setup({ credential: KEYS.openaiValid, metadata: { notes: "n".repeat(51 * 1024) } });
    expect(bigMetadata.status).toBe(422);
    expect(bigMetadata.json.detail[0].loc).toEqual(["body", "metadata"]);
  });

  it("answers 413 to a body over the 256 KB limit", async () => {
    const response = await setup({ credential: KEYS.openaiValid, metadata: { notes: "n".repeat(300 * 1024) } });
    expect(response.status).toBe(413);
    expectErrorBody(response.json);
  });
});

describe("streamed bodies", () => {
  it("answers 413 to a chunked body (no Content-Length) once it passes the limit", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${server.url}/api/v1/integrations/acme/openai/setup`, {
        method: "POST",
        headers: { "x-api-key": key, "content-type": "application/json", "transfer-encoding": "chunked" },
      });
      req.on("response", (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      req.on("error", reject);
      req.write('{"credential": "');
      for (let i = 0; i < 40; i++) req.write("a".repeat(8 * 1024));
      req.end('"}');
    });
    expect(status).toBe(413);
  });
});

describe("shape checks", () => {
  it("answers 422 naming the problem, stores nothing, and never echoes the credential", async () => {
    const wrongPrefix = "pk-live-0123456789abcdef";
    const response = await setup({ credential: wrongPrefix });
    expect(response.status).toBe(422);
    expect(response.json.detail[0]).toMatchObject({ loc: ["body", "credential"], input: "[REDACTED]" });
    expect(response.json.detail[0].msg).toContain('"sk-"');
    expect(response.text).not.toContain(wrongPrefix);

    const privateKey = "-----BEGIN PRIVATE KEY-----\nMIIsecret\n-----END PRIVATE KEY-----";
    const gcp = await setup(
      { credential: JSON.stringify({ type: "service_account", project_id: "p", private_key: privateKey }) },
      "/api/v1/integrations/acme/gcp/setup",
    );
    expect(gcp.status).toBe(422);
    expect(gcp.json.detail.map((issue: any) => issue.msg).join(" ")).toContain('"client_email"');
    expect(gcp.text).not.toContain("MIIsecret");

    const azure = await setup({ credential: JSON.stringify({ tenant_id: "t", client_id: "c" }) }, "/api/v1/integrations/acme/azure/setup");
    expect(azure.status).toBe(422);
    expect(azure.text).toContain("client_secret");

    const list = await call(server.url, "GET", "/api/v1/integrations/acme", { key });
    expect(list.json.providers_configured).toEqual([]);
  });

  it("refuses an API key with a line break (it could not travel in a header)", async () => {
    const response = await setup({ credential: "sk-abc\r\ndef-0123456789" });
    expect(response.status).toBe(422);
  });
});

describe("unexpected failures", () => {
  it("answers 500 with {error, message, request_id} and logs no row content", async () => {
    await setup({ credential: KEYS.openaiValid });
    // A row broken outside the server (schema drift, manual edit): its metadata is not JSON.
    const db = openSqlite(server.dbPath);
    db.prepare("UPDATE org_integration_credentials SET metadata = ? WHERE org_slug = 'acme' AND is_active = 1").run("{broken-secret-ish");
    db.close();
    const response = await call(server.url, "GET", "/api/v1/integrations/acme/openai", { key, headers: { "x-request-id": "req-500" } });
    expect(response.status).toBe(500);
    expect(response.json).toEqual({ error: "internal_error", message: "Internal server error", request_id: "req-500" });
    expect(server.logs.join("\n")).not.toContain("broken-secret-ish");
    expect(server.logs.some((line) => line.includes("req-500") && line.includes("internal error"))).toBe(true);
  });
});

describe("rate limiting", () => {
  it("answers 429 with Retry-After in seconds once an org's bucket is empty; other orgs are unaffected", async () => {
    const dir = tempDir();
    const limited = await startTestServer(dir.dir, { rateLimit: { capacity: 2, refillPerSecond: 0.01 } });
    try {
      const a = limited.createOrg("acme");
      const b = limited.createOrg("globex");
      const path = "/api/v1/integrations/acme";
      expect((await call(limited.url, "GET", path, { key: a })).status).toBe(200);
      expect((await call(limited.url, "GET", path, { key: a })).status).toBe(200);
      const refused = await call(limited.url, "GET", path, { key: a });
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get("retry-after"));
      expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
      expect(refused.json.detail).toEqual({ error: "Rate limit exceeded", message: expect.any(String), retry_after: retryAfter });
      expect(typeof refused.json.request_id).toBe("string");
      expect((await call(limited.url, "GET", "/api/v1/integrations/globex", { key: b })).status).toBe(200);
    } finally {
      await limited.close();
      dir.cleanup();
    }
  });
});
