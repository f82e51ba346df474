// integration-setup against the production service's behaviour: the real reference server run with
// `compat: "production"` (src/server/compat/), and, for what no real server does on purpose (a KMS
// failure, a status outside the enum in a 200 list), the scripted quirk server.
import { openSqlite } from "../../src/server/sqlite.js";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Handler, type QuirkServer, listOf, sendJson, startQuirkServer, statusOf } from "../client/quirk-server.js";
import { BAD_OPENAI_KEY, GOOD_OPENAI_KEY, type Reference, startReference } from "./reference.js";
import { type CliResult, runCli } from "./run-cli.js";

const AWS = JSON.stringify({ role_arn: "arn:aws:iam::123456789012:role/billing", external_id: "ext-7781" });

let ref: Reference;
let stateDir: string;
const outputs: CliResult[] = [];

beforeAll(async () => {
  ref = await startReference({ compat: "production" });
  stateDir = await mkdtemp(join(tmpdir(), "integration-setup-state-"));
});
afterAll(async () => {
  await ref?.close();
  await rm(stateDir, { recursive: true, force: true });
});

/** The CLI against the production-compat server, as `org` (a fresh org per test keeps budgets apart). */
async function cli(org: { slug: string; key: string }, args: string[], input = ""): Promise<CliResult> {
  const env = { INTEGRATIONS_API_URL: ref.url, INTEGRATIONS_API_KEY: org.key, INTEGRATION_SETUP_STATE_DIR: stateDir };
  const result = await runCli(args, { env, input });
  outputs.push(result);
  return result;
}

let orgCount = 0;
function newOrg(plan?: Parameters<Reference["setPlan"]>[1]): { slug: string; key: string } {
  const slug = `prod_org_${++orgCount}`;
  return { slug, key: ref.createOrg(slug, plan) };
}

/** Requests the server answered for an org, from its request log. */
function requestsOf(slug: string): string[] {
  return ref.requestLog.filter((line) => line.includes(`/api/v1/integrations/${slug}`));
}

describe("against --compat production", () => {
  it("explains the 404 of aws setup and the 400 of gemini validate", async () => {
    const org = newOrg();
    const aws = await cli(org, ["aws", org.slug], AWS);
    expect(aws.code).toBe(1);
    expect(aws.stderr).toContain("no setup route for aws (404)");
    expect(aws.stderr).not.toContain("ext-7781");
    const gemini = await cli(org, ["validate", "gemini", org.slug]);
    expect(gemini.code).toBe(1);
    expect(gemini.stderr).toContain("the API cannot validate gemini (400)");
  });

  it("reports validate on an unconfigured provider as NOT_CONFIGURED, not as a rejected credential", async () => {
    const org = newOrg();
    const result = await cli(org, ["validate", "openai", org.slug]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^OPENAI\tNOT_CONFIGURED\t-$/m);
    expect(result.stderr).not.toContain("rejects the stored credential");
    const json = await cli(org, ["validate", "openai", org.slug, "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ success: false, validation_status: "NOT_CONFIGURED" });
  });

  it("shows all ten providers, CLAUDE and AWS_KEYS explained", async () => {
    const org = newOrg();
    const result = await cli(org, ["status", org.slug]);
    expect(result.code).toBe(0);
    for (const code of ["OPENAI", "GCP_SA", "OCI", "CLAUDE", "AWS_KEYS"]) expect(result.stdout).toMatch(new RegExp(`^${code}\\s+NOT_CONFIGURED`, "m"));
    expect(result.stderr).toMatch(/^CLAUDE: /m);
    const debug = await cli(org, ["debug", org.slug, "--json"]);
    const ids = JSON.parse(debug.stdout).checks.map((c: { id: string }) => c.id);
    expect(ids).not.toContain("providers-known");
    expect(ids).toContain("registry-entry");
  });

  it("names an inactive subscription as such (not another org's key)", async () => {
    const org = newOrg({ subscription: "SUSPENDED" });
    const result = await cli(org, ["openai", org.slug], GOOD_OPENAI_KEY);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("subscription is SUSPENDED (403)");
    expect(result.stderr).not.toContain("belongs to another org");
    const json = await cli(org, ["openai", org.slug, "--json"], GOOD_OPENAI_KEY);
    expect(JSON.parse(json.stdout).error).toMatchObject({ type: "SubscriptionInactiveError", status: 403 });
  });

  it("stops at the plan limit without retrying", async () => {
    const org = newOrg({ providersLimit: 0 });
    const result = await cli(org, ["openai", org.slug], GOOD_OPENAI_KEY);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("plan allows no more integrations");
    expect(requestsOf(org.slug).filter((line) => line.includes("/setup"))).toHaveLength(1);
  });

  it("on the 429, sends nothing again at once and says how long to wait in real terms", async () => {
    const org = newOrg();
    // Production's write limit is 10 a minute: spend it from outside this process.
    for (let i = 0; i < 10; i++) {
      const response = await fetch(`${ref.url}/api/v1/integrations/${org.slug}/openai`, { method: "DELETE", headers: { "X-API-Key": org.key } });
      expect(response.status).toBe(200);
    }
    const result = await cli(org, ["delete", "openai", org.slug, "--yes"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/rate limited/);
    expect(result.stderr).toMatch(/wait 1 min( \d+ s)? \(until \d\d:\d\d:\d\d UTC\)/);
    expect(result.stderr).not.toMatch(/wait 0 s/);
    // One refused attempt, no retry inside the same window.
    expect(requestsOf(org.slug).filter((line) => / 429 /.test(line))).toHaveLength(1);
  });

  it("debug reads the list once, and finds the duplicate rows two setups left", async () => {
    const org = newOrg();
    const file = join(stateDir, "openai.key");
    await writeFile(file, GOOD_OPENAI_KEY, { mode: 0o600 });
    expect((await cli(org, ["openai", org.slug, "--credential-file", file])).code).toBe(0);
    const second = await cli(org, ["openai", org.slug, "--credential-file", file]);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain("2 OPENAI credentials stored from this machine since its last delete");
    const db = openSqlite(ref.dbPath, { readonly: true });
    const active = db.prepare("SELECT COUNT(*) AS n FROM org_integration_credentials WHERE org_slug = ? AND provider = 'OPENAI' AND is_active = 1").get(org.slug) as { n: number };
    db.close();
    expect(active.n).toBe(2);

    const before = requestsOf(org.slug).length;
    const result = await cli(org, ["debug", org.slug, "--json"]);
    expect(result.code).toBe(1);
    expect(requestsOf(org.slug).length - before).toBe(1);
    const checks = JSON.parse(result.stdout).checks as { id: string; provider?: string; ok: boolean; fix?: string; query?: string }[];
    const duplicate = checks.find((c) => c.id === "single-active" && c.provider === "OPENAI");
    expect(duplicate).toMatchObject({ ok: false });
    expect(duplicate?.fix).toContain(`integration-setup delete openai ${org.slug} --yes`);
    expect(duplicate?.query).toContain("HAVING COUNT(*) > 1");

    // After a delete (production deactivates every row) and one setup, nothing is flagged.
    expect((await cli(org, ["delete", "openai", org.slug, "--yes"])).code).toBe(0);
    expect((await cli(org, ["openai", org.slug, "--credential-file", file])).code).toBe(0);
    const again = JSON.parse((await cli(org, ["debug", org.slug, "--json"])).stdout).checks as { id: string; provider?: string; ok: boolean }[];
    expect(again.find((c) => c.id === "single-active" && c.provider === "OPENAI")?.ok).toBe(true);
  });

  it("debug finds the bad row behind a 500 without blaming every provider or spending the budget", async () => {
    const org = newOrg();
    expect((await cli(org, ["openai", org.slug], BAD_OPENAI_KEY)).code).toBe(1);
    const db = openSqlite(ref.dbPath);
    db.prepare("UPDATE org_integration_credentials SET validation_status = 'EXPIRED' WHERE org_slug = ?").run(org.slug);
    db.close();
    const status = await cli(org, ["status", org.slug]);
    expect(status.code).toBe(1);
    const before = requestsOf(org.slug).length;
    const result = await cli(org, ["debug", org.slug, "--json"]);
    expect(result.code).toBe(1);
    const [check] = JSON.parse(result.stdout).checks;
    expect(check).toMatchObject({ id: "api-bad-row", ok: false });
    expect(check.detail).toContain("validation_status 'EXPIRED'");
    expect(check.detail).not.toContain("GET fails for OPENAI, ANTHROPIC");
    expect(check.query).toContain("validation_status NOT IN");
    // The list, then one GET that fails the same way: no probing of every provider.
    expect(requestsOf(org.slug).length - before).toBeLessThanOrEqual(2);
  });

  it("update says what production's answer hides: wiped metadata, an unchecked status", async () => {
    const org = newOrg();
    const file = join(stateDir, "openai-update.key");
    await writeFile(file, BAD_OPENAI_KEY, { mode: 0o600 });
    expect((await cli(org, ["openai", org.slug, "--credential-file", file])).code).toBe(1); // stored INVALID
    const renamed = await cli(org, ["update", "openai", org.slug, "--name", "renamed"]);
    expect(renamed.code).toBe(0);
    expect(renamed.stdout).toMatch(/^OPENAI\tUNCHECKED\t/m);
    expect(renamed.stderr).toContain("answers VALID whatever the stored status");
    const replaced = await cli(org, ["update", "openai", org.slug, "--credential-file", file]);
    expect(replaced.stderr).toContain("metadata");
    expect(replaced.stdout).toMatch(/^OPENAI\tINVALID\t/m);
    expect((await cli(org, ["update", "openai", org.slug])).code).toBe(2);
  });

  it("never printed a credential or an API key", () => {
    for (const result of outputs) {
      for (const secret of [GOOD_OPENAI_KEY, BAD_OPENAI_KEY, "ext-7781"]) {
        expect(result.stdout + result.stderr).not.toContain(secret);
        expect(result.argv.join(" ")).not.toContain(secret);
      }
      expect(result.stdout + result.stderr).not.toMatch(/prod_org_\d+_api_/);
    }
  });
});

describe("what no real server does on purpose (scripted)", () => {
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

  it("reports a FAILED setup (nothing stored) with exit 1", async () => {
    const body = { success: false, provider: "OPENAI", credential_id: null, validation_status: "FAILED", validation_error: "KMS encryption failed", message: "" };
    const result = await cliAgainst((_req, res) => sendJson(res, 200, body), ["openai", "acme_corp"], "sk-live-0123456789abcdef");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("FAILED: KMS encryption failed");
    expect(result.stderr).toContain("nothing was stored");
  });

  it("debug finds unknown statuses, stale validation, missing providers and a provider listed twice", async () => {
    const list = listOf("acme_corp", {
      OPENAI: statusOf("OPENAI", "VALID", { credential_name: "old", created_at: "2025-01-01T00:00:00Z", last_validated_at: "2025-01-02T00:00:00Z" }),
      GCP_SA: statusOf("GCP_SA", "ACTIVE"),
      ANTHROPIC: statusOf("ANTHROPIC", "INVALID", { last_error: "invalid x-api-key" }),
    }) as { integrations: Record<string, unknown>; providers_configured: string[] };
    delete list.integrations.OCI;
    list.providers_configured.push("OPENAI");
    const result = await cliAgainst((_req, res) => sendJson(res, 200, list), ["debug", "acme_corp"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("✗ every provider appears in the list: missing: OCI");
    expect(result.stdout).toContain('status "ACTIVE" is outside the enum');
    expect(result.stdout).toContain("✗ ANTHROPIC: credential is accepted by the provider: INVALID: invalid x-api-key");
    expect(result.stdout).toMatch(/✗ OPENAI: VALID was checked in the last 7 days: last validated 2025-01-02/);
    expect(result.stdout).toContain("listed more than once: OPENAI");
    // One list, no per-provider GETs.
    expect(server!.requests).toHaveLength(1);
  });

  it("debug names the provider that breaks a failing list when GETs are read one by one", async () => {
    const handler: Handler = (req, res) =>
      req.url === "/api/v1/integrations/acme_corp" || req.url.endsWith("/azure")
        ? sendJson(res, 500, { error: "Internal Server Error", message: "'WEIRD' is not a valid IntegrationStatus" })
        : sendJson(res, 200, statusOf("X"));
    const result = await cliAgainst(handler, ["debug", "acme_corp", "--json"]);
    expect(result.code).toBe(1);
    const [check] = JSON.parse(result.stdout).checks;
    expect(check.detail).toContain("GET fails for AZURE");
    expect(check.detail).toContain("'WEIRD'");
  });
});
