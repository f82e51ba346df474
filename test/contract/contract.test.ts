/**
 * The integrations API's wire contract (shared/spec/integrations-api.md), checked through the client
 * and raw fetch. By default it runs against the reference server started in-process (temp SQLite,
 * local provider stand-in). Point it at another deployment, production included, with:
 *
 *   CONTRACT_BASE_URL=https://... CONTRACT_API_KEY=<org key> CONTRACT_ORG=<org slug> npx vitest run test/contract
 *
 * Against an external target only read-only and rejected requests are made, unless CONTRACT_MUTATE=1
 * (then an obviously fake OpenAI key is set up, validated and deleted again).
 *
 * Without a target it runs twice: against the reference server's intended behaviour and against
 * its `--compat production` mode (the production service's behaviour), so the contract is what both
 * honour.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDER_CODES, isListedProvider } from "../../src/api/providers.js";
import type { CompatMode } from "../../src/server/index.js";
import { AuthenticationError, INTEGRATION_STATUSES, IntegrationsClient, NotFoundError, PermissionDeniedError, VALIDATION_STATUSES } from "../../src/client/index.js";
import { BAD_OPENAI_KEY, type Reference, startReference } from "../cli-setup/reference.js";

const external = process.env.CONTRACT_BASE_URL !== undefined;
const mutate = !external || process.env.CONTRACT_MUTATE === "1";
const targets: (CompatMode | "external")[] = external ? ["external"] : ["intended", "production"];

describe.each(targets)("the contract (%s)", (mode) => {
let reference: Reference | undefined;
let target: { url: string; apiKey: string; org: string };
let client: IntegrationsClient;

beforeAll(async () => {
  if (mode === "external") {
    const { CONTRACT_BASE_URL: url, CONTRACT_API_KEY: apiKey, CONTRACT_ORG: org } = process.env;
    if (!url || !apiKey || !org) throw new Error("set CONTRACT_BASE_URL, CONTRACT_API_KEY and CONTRACT_ORG together");
    target = { url, apiKey, org };
  } else {
    reference = await startReference({ compat: mode });
    target = { url: reference.url, apiKey: reference.apiKey, org: reference.org };
  }
  client = new IntegrationsClient({ baseUrl: target.url, apiKey: target.apiKey, maxRetries: 1 });
});
afterAll(async () => {
  await reference?.close();
});

function raw(path: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
  return fetch(`${target.url.replace(/\/+$/, "")}/api/v1/integrations${path}`, {
    ...init,
    headers: { "X-API-Key": target.apiKey, ...init.headers },
  });
}

describe("reading", () => {
  it("lists every provider with a documented status", async () => {
    const list = await client.list(target.org);
    expect(list.org_slug).toBe(target.org);
    // The eight codes always; production also lists its registry's CLAUDE and AWS_KEYS.
    for (const code of PROVIDER_CODES) expect(list.integrations).toHaveProperty(code);
    for (const code of Object.keys(list.integrations)) expect(isListedProvider(code)).toBe(true);
    for (const [code, entry] of Object.entries(list.integrations)) {
      expect(entry.provider).toBe(code);
      expect(INTEGRATION_STATUSES).toContain(entry.status);
    }
  });

  it("answers GET for each provider by segment and by alias", async () => {
    for (const code of PROVIDER_CODES) expect((await client.get(target.org, code)).provider).toBe(code);
    // `claude` is ANTHROPIC on the intended server, production's own CLAUDE entry there.
    const claude = mode === "production" ? "CLAUDE" : "ANTHROPIC";
    for (const [alias, code] of [["gcp_sa", "GCP_SA"], ["google", "GEMINI"], ["aws_iam", "AWS_IAM"], ["claude", claude]]) {
      const response = await raw(`/${target.org}/${alias}`);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { provider: string }).provider).toBe(code);
    }
  });

  it("echoes X-Request-ID and makes one when absent", async () => {
    const echoed = await raw(`/${target.org}`, { headers: { "X-Request-ID": "contract-req-1" } });
    expect(echoed.headers.get("x-request-id")).toBe("contract-req-1");
    expect((await raw(`/${target.org}`)).headers.get("x-request-id")).toBeTruthy();
  });
});

describe("refusals", () => {
  it("401 without a key or with an unknown one; 403 with another org's key", async () => {
    const noKey = await fetch(`${target.url}/api/v1/integrations/${target.org}`);
    expect(noKey.status).toBe(401);
    const unknownKey = new IntegrationsClient({ baseUrl: target.url, apiKey: `${target.org}_api_AAAAAAAAAAAAAAAA`, maxRetries: 0 });
    await expect(unknownKey.list(target.org)).rejects.toBeInstanceOf(AuthenticationError);
    await expect(client.list("contract_other_org")).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it("400 for a malformed org slug, with the documented error body", async () => {
    const response = await raw("/Not-A-Slug");
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toHaveProperty("detail");
    expect(body).toHaveProperty("request_id");
  });

  it("422 for a setup body with an undocumented key (skip_validation)", async () => {
    const response = await raw(`/${target.org}/openai/setup`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ credential: BAD_OPENAI_KEY, skip_validation: true }),
    });
    expect(response.status).toBe(422);
    expect(Array.isArray(((await response.json()) as { detail: unknown }).detail)).toBe(true);
  });
});

describe.runIf(mutate)("a credential's life (setup, validate, delete)", () => {
  it("reports a rejected key as success:false INVALID, never returns it, and deletes it", async () => {
    // Production counts every request of an org in one window and refuses writes once 10 are in
    // it: the reads above used it up, so locally the life runs in the second org.
    if (reference !== undefined) {
      target = { url: reference.url, apiKey: reference.otherApiKey, org: reference.otherOrg };
      client = new IntegrationsClient({ baseUrl: target.url, apiKey: target.apiKey, maxRetries: 1 });
    }
    const setup = await client.setup(target.org, "openai", { credential: BAD_OPENAI_KEY, credentialName: "contract test" });
    expect(setup).toMatchObject({ success: false, provider: "OPENAI", validation_status: "INVALID" });
    expect(VALIDATION_STATUSES).toContain(setup.validation_status);

    const entry = await client.get(target.org, "openai");
    expect(entry.status).toBe("INVALID");
    expect(JSON.stringify(entry)).not.toContain(BAD_OPENAI_KEY);
    expect(JSON.stringify(await client.list(target.org))).not.toContain(BAD_OPENAI_KEY);

    expect((await client.validate(target.org, "openai")).validation_status).toBe("INVALID");
    // Update without a credential: production answers VALID regardless; the client says so.
    const renamed = await client.update(target.org, "openai", { credentialName: "contract renamed" });
    expect(renamed.warnings.map((w) => w.code)).toEqual(["status-not-checked"]);
    expect((await client.get(target.org, "openai")).status).toBe("INVALID");

    const deleted = await client.delete(target.org, "openai");
    expect(deleted).toMatchObject({ success: true, provider: "OPENAI" });
    // Nothing active any more: production answers 200 anyway, the reference server a 404 (a 4xx
    // rather than a 200 that hides that nothing happened). Both are within the contract.
    // (Before the next read: production refuses writes once 10 requests of any kind are in its window.)
    const again = await client.delete(target.org, "openai").then(
      (result) => result.success,
      (error: unknown) => (error instanceof NotFoundError ? "not found" : error),
    );
    expect([true, "not found"]).toContain(again);
    expect((await client.get(target.org, "openai")).status).toBe("NOT_CONFIGURED");
  });
});
});
