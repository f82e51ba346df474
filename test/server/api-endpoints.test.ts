// Every endpoint of the reference server, over real HTTP, with a real SQLite file and a local
// HTTP server standing in for the API-key providers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDER_CODES } from "../../src/api/providers.js";
import { type FakeProvider, KEYS, type TestServer, call, genAiHandler, providerEnv, startFakeProvider, startTestServer, tempDir } from "./helpers.js";

const NULL_STATUS_KEYS = ["credential_name", "last_validated_at", "last_error", "created_at", "metadata"];
const SETUP_RESULT_KEYS = ["credential_id", "message", "provider", "success", "validation_error", "validation_status"];

let tmp: ReturnType<typeof tempDir>;
let provider: FakeProvider;
let server: TestServer;
let key: string;
// Flipped by tests to make the fake provider answer 503 (provider outage).
let providerDown = false;

beforeAll(async () => {
  tmp = tempDir();
  const genAi = genAiHandler();
  provider = await startFakeProvider((request, response) => {
    if (providerDown) {
      response.writeHead(503);
      response.end();
      return;
    }
    genAi(request, response);
  });
  const urls = { OPENAI: provider.url, ANTHROPIC: provider.url, GEMINI: provider.url, DEEPSEEK: provider.url };
  server = await startTestServer(tmp.dir, { env: providerEnv(urls), providerTimeoutMs: 500 });
  key = server.createOrg("acme");
});

afterAll(async () => {
  await server.close();
  await provider.close();
  tmp.cleanup();
});

const api = (method: string, path: string, body?: unknown) =>
  call(server.url, method, `/api/v1/integrations/acme${path}`, { key, body });

describe("GET /integrations/{org}", () => {
  it("lists all eight providers as NOT_CONFIGURED, with the null keys present, before any setup", async () => {
    const response = await api("GET", "");
    expect(response.status).toBe(200);
    expect(response.json.org_slug).toBe("acme");
    expect(response.json.all_valid).toBe(false);
    expect(response.json.providers_configured).toEqual([]);
    expect(Object.keys(response.json.integrations).sort()).toEqual([...PROVIDER_CODES].sort());
    for (const code of PROVIDER_CODES) {
      const status = response.json.integrations[code];
      expect(status.provider).toBe(code);
      expect(status.status).toBe("NOT_CONFIGURED");
      for (const field of NULL_STATUS_KEYS) expect(status).toHaveProperty(field, null);
    }
  });
});

describe("setup, get, list, validate, update, delete", () => {
  it("stores a credential the provider accepts as VALID and shows it everywhere", async () => {
    const setup = await api("POST", "/openai/setup", {
      credential: KEYS.openaiValid,
      credential_name: "prod key",
      metadata: { project_id: "p1", cost_center: "cc-9" },
    });
    expect(setup.status).toBe(200);
    expect(Object.keys(setup.json).sort()).toEqual(SETUP_RESULT_KEYS);
    expect(setup.json).toMatchObject({ success: true, provider: "OPENAI", validation_status: "VALID", validation_error: null });
    expect(setup.json.credential_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // The provider really got the key as a Bearer token.
    expect(provider.requests.at(-1)?.headers.authorization).toBe(`Bearer ${KEYS.openaiValid}`);

    const one = await api("GET", "/openai");
    expect(one.status).toBe(200);
    expect(one.json).toMatchObject({
      provider: "OPENAI",
      status: "VALID",
      credential_name: "prod key",
      last_error: null,
      metadata: { project_id: "p1", cost_center: "cc-9" },
    });
    expect(Date.parse(one.json.last_validated_at)).not.toBeNaN();
    expect(Date.parse(one.json.created_at)).not.toBeNaN();

    const list = await api("GET", "");
    expect(list.json.providers_configured).toEqual(["OPENAI"]);
    expect(list.json.all_valid).toBe(true);
    expect(list.json.integrations.OPENAI.status).toBe("VALID");
    expect(list.json.integrations.ANTHROPIC.status).toBe("NOT_CONFIGURED");
    for (const response of [setup, one, list]) expect(response.text).not.toContain(KEYS.openaiValid);
  });

  it("stores a well-formed key the provider refuses as INVALID and answers success false", async () => {
    const setup = await api("POST", "/deepseek/setup", { credential: "sk-refused-0123456789" });
    expect(setup.status).toBe(200);
    expect(setup.json).toMatchObject({ success: false, provider: "DEEPSEEK", validation_status: "INVALID" });
    expect(setup.json.validation_error).toContain("HTTP 401");
    // The fake's refusal quoted the key; none of it may come back.
    expect(setup.text).not.toContain("sk-refused-0123456789");
    const status = await api("GET", "/deepseek");
    expect(status.json.status).toBe("INVALID");
    expect(status.json.last_error).toContain("rejected");
    expect((await api("GET", "")).json.all_valid).toBe(false);
  });

  it("sends each API-key provider's key the way that provider expects", async () => {
    const anthropic = await api("POST", "/anthropic/setup", { credential: KEYS.anthropicValid });
    const gemini = await api("POST", "/gemini/setup", { credential: KEYS.geminiValid });
    const deepseek = await api("POST", "/deepseek/setup", { credential: KEYS.deepseekValid });
    expect([anthropic.json.validation_status, gemini.json.validation_status, deepseek.json.validation_status]).toEqual([
      "VALID",
      "VALID",
      "VALID",
    ]);
  });

  it("stores the credential as PENDING when the provider fails, and says why", async () => {
    const setup = await api("POST", "/openai/setup", { credential: KEYS.openaiBoom });
    expect(setup.json).toMatchObject({ success: true, validation_status: "PENDING" });
    expect(setup.json.validation_error).toContain("HTTP 500");
    const status = await api("GET", "/openai");
    expect(status.json).toMatchObject({ status: "PENDING", last_validated_at: null });
    expect(status.json.last_error).toContain("HTTP 500");
  });

  it("stores the credential as PENDING when the provider does not answer in time", async () => {
    const setup = await api("POST", "/openai/setup", { credential: KEYS.openaiSlow });
    expect(setup.json).toMatchObject({ success: true, validation_status: "PENDING" });
    expect(setup.json.validation_error).toMatch(/did not answer within 500 ms/);
  });

  it("validate re-checks the stored credential; a provider outage reports FAILED and keeps the status", async () => {
    await api("POST", "/openai/setup", { credential: KEYS.openaiValid });
    const ok = await api("POST", "/openai/validate");
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ success: true, provider: "OPENAI", validation_status: "VALID", validation_error: null });
    providerDown = true;
    try {
      const down = await api("POST", "/openai/validate");
      expect(down.json).toMatchObject({ success: false, validation_status: "FAILED" });
      expect(down.json.validation_error).toContain("HTTP 503");
      expect((await api("GET", "/openai")).json.status).toBe("VALID");
    } finally {
      providerDown = false;
    }
  });

  it("validate of a credential the provider now refuses stores INVALID", async () => {
    await api("POST", "/anthropic/setup", { credential: "sk-ant-revoked-0123456789" });
    const result = await api("POST", "/anthropic/validate");
    expect(result.json).toMatchObject({ success: false, validation_status: "INVALID" });
    expect((await api("GET", "/anthropic")).json.status).toBe("INVALID");
  });

  it("PUT updates name and metadata in place, or replaces the credential", async () => {
    const setup = await api("POST", "/gemini/setup", { credential: KEYS.geminiValid, credential_name: "first", metadata: { a: 1 } });
    const renamed = await api("PUT", "/gemini", { credential_name: "renamed", metadata: { b: 2 } });
    expect(renamed.status).toBe(200);
    expect(renamed.json).toMatchObject({ success: true, credential_id: setup.json.credential_id, validation_status: "VALID" });
    expect((await api("GET", "/gemini")).json).toMatchObject({ credential_name: "renamed", metadata: { b: 2 } });

    const replaced = await api("PUT", "/google", { credential: "AIzaRefused0123456789" });
    expect(replaced.json).toMatchObject({ success: false, provider: "GEMINI", validation_status: "INVALID" });
    expect(replaced.json.credential_id).not.toBe(setup.json.credential_id);
    // Name and metadata carry over from the replaced row.
    expect((await api("GET", "/gemini")).json).toMatchObject({ status: "INVALID", credential_name: "renamed", metadata: { b: 2 } });
  });

  it("DELETE deactivates; the provider reads NOT_CONFIGURED and a second DELETE is a 404", async () => {
    await api("POST", "/deepseek/setup", { credential: KEYS.deepseekValid });
    const removed = await api("DELETE", "/deepseek");
    expect(removed.status).toBe(200);
    expect(removed.json).toEqual({ success: true, message: expect.any(String), provider: "DEEPSEEK" });
    expect((await api("GET", "/deepseek")).json.status).toBe("NOT_CONFIGURED");
    expect((await api("GET", "")).json.providers_configured).not.toContain("DEEPSEEK");
    const again = await api("DELETE", "/deepseek");
    expect(again.status).toBe(404);
    expect(again.json.detail).toContain("No active DEEPSEEK credential");
  });

  it("validate and PUT without a credential on an unconfigured provider are 404s", async () => {
    expect((await api("POST", "/azure/validate")).status).toBe(404);
    expect((await api("PUT", "/azure", { credential_name: "x-name" })).status).toBe(404);
  });

  it("accepts the aliases gcp_sa, google, aws_iam, claude on GET/PUT/DELETE", async () => {
    expect((await api("GET", "/claude")).json.provider).toBe("ANTHROPIC");
    expect((await api("GET", "/google")).json.provider).toBe("GEMINI");
    expect((await api("GET", "/gcp_sa")).json.provider).toBe("GCP_SA");
    expect((await api("GET", "/aws_iam")).json.provider).toBe("AWS_IAM");
    await api("POST", "/anthropic/setup", { credential: KEYS.anthropicValid });
    expect((await api("PUT", "/claude", { credential_name: "via alias" })).json.provider).toBe("ANTHROPIC");
    expect((await api("DELETE", "/claude")).json.provider).toBe("ANTHROPIC");
  });

  it("never writes a credential or the API key into the request log", () => {
    const logs = server.logs.join("\n");
    expect(server.logs.length).toBeGreaterThan(10);
    for (const secret of [...Object.values(KEYS), key, "sk-refused-0123456789", "sk-ant-revoked-0123456789"]) {
      expect(logs).not.toContain(secret);
    }
  });
});
