// The client against a local server reproducing each production quirk (spec "Quirks").
import { afterEach, describe, expect, it } from "vitest";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  CredentialShapeError,
  ClientInputError,
  InternalServerError,
  IntegrationsClient,
  MalformedResponseError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "../../src/client/index.js";
import { type Handler, type QuirkServer, listOf, sendJson, startQuirkServer, statusOf } from "./quirk-server.js";

import { rejection } from "../helpers/rejection.js";
const API_KEY = "acme_corp_api_Q2hlY2tUaGlzS2V5";
const OPENAI_KEY = "sk-test-0123456789abcdef-secret";

let server: QuirkServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(handler: Handler, options: { maxRetries?: number; timeoutMs?: number; maxRetryWaitMs?: number } = {}) {
  server = await startQuirkServer(handler);
  // Backoff between retries is real; tests that retry answer with Retry-After: 0 to keep them quick.
  return new IntegrationsClient({ baseUrl: server.url, apiKey: API_KEY, ...options });
}

function setupResult(validation_status: string, success: boolean, extra: Record<string, unknown> = {}) {
  return {
    success,
    provider: "OPENAI",
    credential_id: success || validation_status === "INVALID" ? "3f1c8a2e-6b7d-4c1e-9a55-1f0e2d3c4b5a" : null,
    validation_status,
    validation_error: success ? null : "Incorrect API key provided",
    message: success ? "stored" : "validation failed",
    ...extra,
  };
}


describe("requests", () => {
  it("lists with the API key header, a request id, and keeps unknown fields and statuses", async () => {
    const client = await clientFor((_req, res) =>
      sendJson(res, 200, { ...listOf("acme_corp", { OPENAI: statusOf("OPENAI", "ROTATING", { region: "eu" }) }), extra_top: 1 }),
    );
    const list = await client.list("acme_corp");
    expect(list.integrations.OPENAI?.status).toBe("ROTATING");
    expect((list.integrations.OPENAI as Record<string, unknown>).region).toBe("eu");
    expect((list as Record<string, unknown>).extra_top).toBe(1);
    const [request] = server!.requests;
    expect(request?.method).toBe("GET");
    expect(request?.url).toBe("/api/v1/integrations/acme_corp");
    expect(request?.headers["x-api-key"]).toBe(API_KEY);
    expect(request?.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("maps codes, segments and aliases to the URL segment", async () => {
    const client = await clientFor((req, res) => sendJson(res, 200, statusOf("ANTHROPIC")));
    for (const name of ["claude", "ANTHROPIC", "anthropic"]) await client.get("acme_corp", name);
    await client.get("acme_corp", "gcp_sa");
    await client.get("acme_corp", "google");
    expect(server!.requests.map((r) => r.url)).toEqual([
      "/api/v1/integrations/acme_corp/anthropic",
      "/api/v1/integrations/acme_corp/anthropic",
      "/api/v1/integrations/acme_corp/anthropic",
      "/api/v1/integrations/acme_corp/gcp",
      "/api/v1/integrations/acme_corp/gemini",
    ]);
  });

  it("sends only the documented setup keys (never skip_validation)", async () => {
    const client = await clientFor((_req, res) => sendJson(res, 200, setupResult("VALID", true)));
    await client.setup("acme_corp", "openai", { credential: OPENAI_KEY, credentialName: "prod key", metadata: { notes: "x" } });
    const request = server!.requests[0]!;
    expect(request.url).toBe("/api/v1/integrations/acme_corp/openai/setup");
    expect(JSON.parse(request.body)).toEqual({ credential: OPENAI_KEY, credential_name: "prod key", metadata: { notes: "x" } });
  });

  it("rejects bad input locally without sending anything", async () => {
    const client = await clientFor((_req, res) => sendJson(res, 200, {}));
    expect(await rejection(client.list("Acme-Corp"))).toBeInstanceOf(ClientInputError);
    expect(await rejection(client.get("acme_corp", "dropbox"))).toBeInstanceOf(ClientInputError);
    const shape = await rejection(client.setup("acme_corp", "gemini", { credential: "not-a-gemini-key-0000" }));
    expect(shape).toBeInstanceOf(CredentialShapeError);
    expect((shape as CredentialShapeError).message).not.toContain("not-a-gemini-key");
    expect(server!.requests).toHaveLength(0);
  });
});

// What the production service does is tested against the real server in compat mode
// (production.test.ts); here, what only a scripted server sends: future epochs, a KMS failure.
describe("results and waits (scripted)", () => {
  it("returns setup's 200 success:false INVALID and FAILED as results, not errors", async () => {
    const answers = [setupResult("INVALID", false), setupResult("FAILED", false, { validation_error: "KMS error" })];
    const client = await clientFor((_req, res, i) => sendJson(res, 200, answers[i]));
    const invalid = await client.setup("acme_corp", "OPENAI", { credential: OPENAI_KEY });
    expect(invalid).toMatchObject({ success: false, validation_status: "INVALID", validation_error: "Incorrect API key provided" });
    const failed = await client.setup("acme_corp", "OPENAI", { credential: OPENAI_KEY });
    expect(failed).toMatchObject({ success: false, validation_status: "FAILED", credential_id: null });
  });

  it("waits until the epoch retry_after of a 429 without Retry-After, then succeeds", async () => {
    const client = await clientFor((_req, res, i) => {
      if (i === 0) {
        const retryAt = Math.floor(Date.now() / 1000) + 3;
        sendJson(res, 429, { detail: { error: "Rate limit exceeded", message: "Too many requests", retry_after: retryAt } });
      } else sendJson(res, 200, listOf("acme_corp"));
    });
    // Read as seconds, the timestamp would be a ~56-year wait: beyond the cap, a RateLimitError.
    const list = await client.list("acme_corp");
    expect(list.org_slug).toBe("acme_corp");
    expect(server!.requests).toHaveLength(2);
  });

  it("retries a setup after a rate-limit 429 (it was not processed)", async () => {
    const client = await clientFor((_req, res, i) =>
      i === 0 ? sendJson(res, 429, { detail: { error: "Rate limit exceeded" } }, { "retry-after": "1" }) : sendJson(res, 200, setupResult("VALID", true)),
    );
    expect((await client.setup("acme_corp", "openai", { credential: OPENAI_KEY })).success).toBe(true);
    expect(server!.requests).toHaveLength(2);
  });

  it("fails at once with RateLimitError when the requested wait exceeds the cap", async () => {
    const retryAt = Math.floor(Date.now() / 1000) + 3600;
    const client = await clientFor((_req, res) =>
      sendJson(res, 429, { detail: { error: "Rate limit exceeded", message: "Too many requests", retry_after: retryAt } }),
    );
    const error = await rejection(client.list("acme_corp"));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(60_000);
    expect(server!.requests).toHaveLength(1);
  });

});

describe("malformed responses", () => {
  it("says the body is not JSON", async () => {
    const client = await clientFor((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>gateway</html>");
    });
    const error = await rejection(client.list("acme_corp"));
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect((error as MalformedResponseError).issues).toEqual(["the body is not JSON (text/html)"]);
  });

  it("names the field that has the wrong shape", async () => {
    const client = await clientFor((_req, res) => sendJson(res, 200, listOf("acme_corp", { OPENAI: { ...statusOf("OPENAI"), status: 7 } })));
    const error = await rejection(client.list("acme_corp"));
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect((error as MalformedResponseError).issues.join()).toContain("integrations.OPENAI.status");
    expect(server!.requests).toHaveLength(1);
  });
});

describe("status errors and retries", () => {
  it("maps statuses to classes", async () => {
    const statuses = [401, 403, 422, 503];
    const client = await clientFor((_req, res, i) => sendJson(res, statuses[i]!, { detail: "no" }), { maxRetries: 0 });
    const classes = [AuthenticationError, PermissionDeniedError, UnprocessableEntityError, InternalServerError];
    for (const cls of classes) expect(await rejection(client.list("acme_corp"))).toBeInstanceOf(cls);
  });

  it("retries a GET after a 5xx, honouring Retry-After in seconds", async () => {
    const client = await clientFor((_req, res, i) =>
      i < 2 ? sendJson(res, 502, { error: "bad gateway" }, { "retry-after": "0" }) : sendJson(res, 200, statusOf("OPENAI", "VALID")),
    );
    expect((await client.get("acme_corp", "openai")).status).toBe("VALID");
    expect(server!.requests).toHaveLength(3);
  });

  it("gives up after maxRetries and throws the last error", async () => {
    const client = await clientFor((_req, res) => sendJson(res, 500, { error: "Internal", message: "boom", request_id: "r-500" }, { "retry-after": "0" }), {
      maxRetries: 1,
    });
    const error = await rejection(client.list("acme_corp"));
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).detail).toBe("Internal: boom");
    expect(server!.requests).toHaveLength(2);
  });

  it("never retries a setup after a 5xx (it may have been stored)", async () => {
    const client = await clientFor((_req, res) => sendJson(res, 500, { error: "Internal", message: "boom" }, { "retry-after": "0" }));
    expect(await rejection(client.setup("acme_corp", "openai", { credential: OPENAI_KEY }))).toBeInstanceOf(InternalServerError);
    expect(server!.requests).toHaveLength(1);
  });
});

describe("more retry cases", () => {
  it("retries a setup after a 408 (the server did not get the whole request)", async () => {
    const client = await clientFor((_req, res, i) => (i === 0 ? sendJson(res, 408, { detail: "Request Timeout" }, { "retry-after": "0" }) : sendJson(res, 200, setupResult("VALID", true))));
    expect((await client.setup("acme_corp", "openai", { credential: OPENAI_KEY })).validation_status).toBe("VALID");
    expect(server!.requests).toHaveLength(2);
  });

  it("stops waiting between retries when the caller aborts", async () => {
    let answered = false;
    const client = await clientFor((_req, res) => {
      // 50 s is under the 60 s cap, so the client would wait it out (beyond the test's timeout).
      res.writeHead(503, { "content-type": "application/json", "retry-after": "50" });
      res.end(JSON.stringify({ detail: "maintenance" }), () => (answered = true));
    });
    const controller = new AbortController();
    const pending = rejection(client.list("acme_corp", { signal: controller.signal }));
    while (!answered) await new Promise((r) => setImmediate(r));
    // Give the client a moment to read the 503 and start waiting; the outcome is the same if not.
    await new Promise((r) => setTimeout(r, 200));
    controller.abort();
    expect(await pending).toBeInstanceOf(APIUserAbortError);
    expect(server!.requests).toHaveLength(1);
  });

  it("sends only the given fields on update (PUT)", async () => {
    const client = await clientFor((_req, res) => sendJson(res, 200, setupResult("VALID", true)));
    await client.update("acme_corp", "OPENAI", { metadata: { cost_center: "r&d" } });
    expect(server!.requests[0]).toMatchObject({ method: "PUT", url: "/api/v1/integrations/acme_corp/openai" });
    expect(JSON.parse(server!.requests[0]!.body)).toEqual({ metadata: { cost_center: "r&d" } });
  });

  it("needs an API key", () => {
    const saved = process.env.INTEGRATIONS_API_KEY;
    delete process.env.INTEGRATIONS_API_KEY;
    try {
      expect(() => new IntegrationsClient({ baseUrl: "http://127.0.0.1:1" })).toThrow(ClientInputError);
    } finally {
      if (saved !== undefined) process.env.INTEGRATIONS_API_KEY = saved;
    }
  });
});

describe("timeouts, aborts, connection errors", () => {
  it("times out a slow response", async () => {
    const client = await clientFor(() => {}, { timeoutMs: 200, maxRetries: 0 });
    expect(await rejection(client.list("acme_corp"))).toBeInstanceOf(APIConnectionTimeoutError);
  });

  it("does not retry a setup that timed out", async () => {
    const client = await clientFor(() => {}, { timeoutMs: 200, maxRetries: 2 });
    const error = await rejection(client.setup("acme_corp", "openai", { credential: OPENAI_KEY }, { timeoutMs: 100 }));
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(server!.requests).toHaveLength(1);
  });

  it("retries an idempotent call that timed out", async () => {
    const client = await clientFor((_req, res, i) => (i === 0 ? undefined : sendJson(res, 200, listOf("acme_corp"))), { timeoutMs: 300 });
    expect((await client.list("acme_corp")).org_slug).toBe("acme_corp");
    expect(server!.requests).toHaveLength(2);
  });

  it("stops when the caller aborts", async () => {
    const client = await clientFor(() => {}, { timeoutMs: 30_000 });
    const controller = new AbortController();
    const pending = rejection(client.list("acme_corp", { signal: controller.signal }));
    while (server!.requests.length === 0) await new Promise((r) => setImmediate(r));
    controller.abort();
    expect(await pending).toBeInstanceOf(APIUserAbortError);
    expect(await rejection(client.list("acme_corp", { signal: controller.signal }))).toBeInstanceOf(APIUserAbortError);
  });

  it("reports a refused connection as happening before anything was sent", async () => {
    const probe = await startQuirkServer(() => {});
    const url = probe.url;
    await probe.close();
    const client = new IntegrationsClient({ baseUrl: url, apiKey: API_KEY, maxRetries: 0 });
    const error = await rejection(client.setup("acme_corp", "openai", { credential: OPENAI_KEY }));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as APIConnectionError).beforeSend).toBe(true);
    expect((error as Error).message).toContain("ECONNREFUSED");
  });
});

describe("secrets", () => {
  it("keeps the API key and the credential out of errors, even when the server echoes them", async () => {
    const client = await clientFor((_req, res) =>
      sendJson(res, 422, {
        detail: [{ type: "string_too_long", loc: ["body", "credential"], msg: `bad value ${OPENAI_KEY}`, input: OPENAI_KEY }],
        request_id: `key was ${API_KEY}`,
      }),
    );
    const error = (await rejection(client.setup("acme_corp", "openai", { credential: OPENAI_KEY }))) as UnprocessableEntityError;
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error.request?.headers["X-API-Key"]).toBe("[redacted]");
    const everything = [error.message, error.stack, JSON.stringify(error), JSON.stringify(error.body), JSON.stringify(error.request), String(error)].join("\n");
    expect(everything).not.toContain(OPENAI_KEY);
    expect(everything).not.toContain(API_KEY);
    expect(error.detail).toContain("body.credential");
  });

  it("also removes a JSON credential's secret fields when echoed alone", async () => {
    const privateKey = "-----BEGIN PRIVATE KEY-----MIIEvQIBADANBgkqhkiG9w0B";
    const credential = JSON.stringify({ type: "service_account", project_id: "p1", private_key: privateKey, client_email: "a@p1.iam" });
    const client = await clientFor((_req, res) => sendJson(res, 400, { detail: `could not parse private key ${privateKey}` }));
    const error = (await rejection(client.setup("acme_corp", "gcp", { credential }))) as BadRequestError;
    expect(error.detail).toBe("could not parse private key [redacted]");
    expect(JSON.stringify(error.body)).not.toContain(privateKey);
  });

  it("does not show the API key when the client is printed", async () => {
    const client = await clientFor((_req, res) => sendJson(res, 200, {}));
    const { inspect } = await import("node:util");
    expect(inspect(client, { showHidden: true, depth: 5 })).not.toContain(API_KEY);
    expect(JSON.stringify(client)).not.toContain(API_KEY);
  });
});

describe("helpers", () => {
  it("getIntegrations reads the environment and fills providers the server left out", async () => {
    const { getIntegrations } = await import("../../src/client/index.js");
    server = await startQuirkServer((_req, res) => {
      const list = listOf("acme_corp", { OPENAI: statusOf("OPENAI", "VALID") }) as { integrations: Record<string, unknown> };
      delete list.integrations.OCI;
      sendJson(res, 200, list);
    });
    const saved = { url: process.env.INTEGRATIONS_API_URL, key: process.env.INTEGRATIONS_API_KEY };
    process.env.INTEGRATIONS_API_URL = server.url;
    process.env.INTEGRATIONS_API_KEY = API_KEY;
    try {
      const integrations = await getIntegrations("acme_corp");
      expect(integrations.OPENAI.status).toBe("VALID");
      expect(integrations.OCI.status).toBe("NOT_CONFIGURED");
      expect(server.requests[0]?.headers["x-api-key"]).toBe(API_KEY);
    } finally {
      for (const [name, value] of [["INTEGRATIONS_API_URL", saved.url], ["INTEGRATIONS_API_KEY", saved.key]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
