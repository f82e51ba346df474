// integration-setup against a local server reproducing production's quirks: the hints it gives.
import { afterEach, describe, expect, it } from "vitest";
import { type Handler, type QuirkServer, listOf, sendJson, startQuirkServer, statusOf } from "../client/quirk-server.js";
import { runCli } from "./run-cli.js";

const API_KEY = "acme_corp_api_UXVpcmtTZXJ2ZXIx";
let server: QuirkServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function cliAgainst(handler: Handler, args: string[], input = "") {
  server = await startQuirkServer(handler);
  const result = await runCli(args, { env: { INTEGRATIONS_API_URL: server.url, INTEGRATIONS_API_KEY: API_KEY }, input });
  expect(result.stdout + result.stderr).not.toContain(API_KEY);
  return result;
}

const AWS = JSON.stringify({ role_arn: "arn:aws:iam::123456789012:role/billing", external_id: "ext-7781" });

describe("production quirks through the CLI", () => {
  it("explains production's 404 for aws setup", async () => {
    const result = await cliAgainst((_req, res) => sendJson(res, 404, { detail: "Not Found" }), ["aws", "acme_corp"], AWS);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("no setup route for aws (404)");
    expect(result.stderr).not.toContain("ext-7781");
  });

  it("explains production's 400 for gemini validate", async () => {
    const result = await cliAgainst((_req, res) => sendJson(res, 400, { detail: "Unsupported provider for validation" }), ["validate", "gemini", "acme_corp"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("the API cannot validate gemini (400)");
  });

  it("reports a FAILED setup (nothing stored) with exit 1", async () => {
    const body = { success: false, provider: "OPENAI", credential_id: null, validation_status: "FAILED", validation_error: "KMS encryption failed", message: "" };
    const result = await cliAgainst((_req, res) => sendJson(res, 200, body), ["openai", "acme_corp"], "sk-live-0123456789abcdef");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("FAILED: KMS encryption failed");
    expect(result.stderr).toContain("nothing was stored");
  });

  it("treats validate's success:true with INVALID as a failure", async () => {
    const body = { success: true, provider: "OPENAI", credential_id: "c1", validation_status: "INVALID", validation_error: "401 from provider", message: "validated" };
    const result = await cliAgainst((_req, res) => sendJson(res, 200, body), ["validate", "openai", "acme_corp"]);
    expect(result.code).toBe(1);
  });

  it("stops at the plan limit without retrying", async () => {
    const result = await cliAgainst(
      (_req, res) => sendJson(res, 429, { detail: "Integration limit reached for your plan" }),
      ["openai", "acme_corp"],
      "sk-live-0123456789abcdef",
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("plan allows no more integrations");
    expect(server!.requests).toHaveLength(1);
  });

  it("debug finds duplicates, unknown statuses, stale validation and missing providers", async () => {
    const list = listOf("acme_corp", {
      OPENAI: statusOf("OPENAI", "VALID", { credential_name: "old", created_at: "2025-01-01T00:00:00Z", last_validated_at: "2025-01-02T00:00:00Z" }),
      GCP_SA: statusOf("GCP_SA", "ACTIVE"),
      ANTHROPIC: statusOf("ANTHROPIC", "INVALID", { last_error: "invalid x-api-key" }),
    }) as { integrations: Record<string, unknown>; providers_configured: string[] };
    delete list.integrations.OCI;
    list.providers_configured.push("OPENAI");
    const handler: Handler = (req, res) => {
      if (req.url === "/api/v1/integrations/acme_corp") return sendJson(res, 200, list);
      // The direct GET returns another of the active OPENAI rows, as production does.
      if (req.url.endsWith("/openai")) return sendJson(res, 200, statusOf("OPENAI", "VALID", { credential_name: "new", created_at: "2025-06-01T00:00:00Z" }));
      const code = req.url.split("/").pop()!.toUpperCase();
      sendJson(res, 200, (list.integrations as Record<string, unknown>)[code === "GCP" ? "GCP_SA" : code] ?? statusOf(code));
    };
    const result = await cliAgainst(handler, ["debug", "acme_corp"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("✗ every provider appears in the list: missing: OCI");
    expect(result.stdout).toContain('status "ACTIVE" is outside the enum');
    expect(result.stdout).toContain("✗ ANTHROPIC: credential is accepted by the provider: INVALID: invalid x-api-key");
    expect(result.stdout).toMatch(/✗ OPENAI: VALID was checked in the last 7 days: last validated 2025-01-02/);
    expect(result.stdout).toContain("✗ OPENAI: one active credential");
    expect(result.stdout).toContain("→ integration-setup delete openai acme_corp --yes");
    expect(result.stdout).toContain("listed more than once: OPENAI");
  });

  it("debug names the provider that breaks a failing list", async () => {
    const handler: Handler = (req, res) =>
      req.url === "/api/v1/integrations/acme_corp" || req.url.endsWith("/azure")
        ? sendJson(res, 500, { error: "Internal Server Error", message: "'WEIRD' is not a valid IntegrationStatus" }, { "retry-after": "0" })
        : sendJson(res, 200, statusOf("X"));
    const result = await cliAgainst(handler, ["debug", "acme_corp", "--json"]);
    expect(result.code).toBe(1);
    const [check] = JSON.parse(result.stdout).checks;
    expect(check.detail).toContain("GET fails for AZURE");
  });
});
