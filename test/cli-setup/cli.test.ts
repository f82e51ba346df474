// integration-setup as a process against the real reference server (SQLite in a temp dir).
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BAD_OPENAI_KEY, GOOD_ANTHROPIC_KEY, GOOD_OPENAI_KEY, type Reference, startReference } from "./reference.js";
import { type CliResult, runCli } from "./run-cli.js";

let ref: Reference;
const outputs: CliResult[] = [];

beforeAll(async () => {
  ref = await startReference();
});
afterAll(async () => {
  await ref?.close();
});

function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { INTEGRATIONS_API_URL: ref.url, INTEGRATIONS_API_KEY: ref.apiKey, ...extra };
}

async function cli(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<CliResult> {
  const result = await runCli(args, { env: env(), ...options });
  outputs.push(result);
  return result;
}

async function secretFile(name: string, content: string): Promise<string> {
  const path = join(ref.dir, name);
  await writeFile(path, content, { mode: 0o600 });
  return path;
}

async function statusJson(): Promise<{ integrations: Record<string, { status: string; credential_name: string | null; metadata: unknown }> }> {
  const result = await cli(["status", ref.org, "--json"]);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

describe("integration-setup", () => {
  it("explains the credential architecture with no arguments", async () => {
    const result = await cli([]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("org_integration_credentials");
    expect(result.stdout).toContain("cloud_provider_integrations");
    expect(result.stdout).toContain("createServiceRoleClient");
  });

  it("shows every provider's status as a table and as JSON", async () => {
    const table = await cli(["status", ref.org]);
    expect(table.code).toBe(0);
    expect(table.stdout.split("\n")[0]).toMatch(/^PROVIDER\s+STATUS\s+NAME\s+LAST VALIDATED\s+LAST ERROR$/);
    for (const code of ["OPENAI", "ANTHROPIC", "GEMINI", "DEEPSEEK", "GCP_SA", "AWS_IAM", "AZURE", "OCI"]) {
      expect(table.stdout).toMatch(new RegExp(`^${code}\\s+NOT_CONFIGURED`, "m"));
    }
    expect(table.stdout).not.toContain("\u001b["); // not a TTY: no colour
    const json = await statusJson();
    expect(Object.keys(json.integrations)).toHaveLength(8);
  });

  it("sets up from a credential file, then validates it", async () => {
    const file = await secretFile("openai.key", `${GOOD_OPENAI_KEY}\n`);
    const metadata = await secretFile("meta.json", JSON.stringify({ cost_center: "research" }));
    const setup = await cli(["openai", ref.org, "--credential-file", file, "--name", "prod key", "--metadata-file", metadata]);
    expect(setup.stderr).toContain("✓ OPENAI: VALID");
    expect(setup.code).toBe(0);
    expect(setup.stdout).toMatch(/^OPENAI\tVALID\t[0-9a-f-]{36}\n$/);
    const status = await statusJson();
    expect(status.integrations.OPENAI).toMatchObject({ status: "VALID", credential_name: "prod key", metadata: { cost_center: "research" } });

    const validate = await cli(["validate", "openai", ref.org, "--json"]);
    expect(validate.code).toBe(0);
    expect(JSON.parse(validate.stdout)).toMatchObject({ provider: "OPENAI", validation_status: "VALID" });
  });

  it("sets up from stdin, and exits 1 when the provider rejects the credential", async () => {
    const accepted = await cli(["claude", ref.org], { input: `${GOOD_ANTHROPIC_KEY}\n` });
    expect(accepted.code).toBe(0);
    const rejected = await cli(["openai", ref.org, "--json"], { input: BAD_OPENAI_KEY });
    expect(rejected.code).toBe(1);
    expect(JSON.parse(rejected.stdout)).toMatchObject({ success: false, validation_status: "INVALID" });
    expect(rejected.stderr).toContain("stored as INVALID");
    const validate = await cli(["validate", "openai", ref.org]);
    expect(validate.code).toBe(1);
  });

  it("debug reports the INVALID credential with what to do", async () => {
    const result = await cli(["debug", ref.org]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✗ OPENAI: credential is accepted by the provider: INVALID/);
    expect(result.stdout).toContain(`→ fix or rotate the credential at the provider, then: integration-setup openai ${ref.org}`);
    expect(result.stdout).toMatch(/✓ every provider appears in the list/);
    // The intended server deactivates the previous row itself: no duplicate check is needed there.
    expect(result.stdout).not.toMatch(/one active credential/);
    const json = JSON.parse((await cli(["debug", ref.org, "--json"])).stdout);
    expect(json.ok).toBe(false);
  });

  it("deletes only with --yes when stdin is not a terminal", async () => {
    const refused = await cli(["delete", "openai", ref.org]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--yes");
    const deleted = await cli(["delete", "openai", ref.org, "--yes"]);
    expect(deleted.code).toBe(0);
    expect((await statusJson()).integrations.OPENAI?.status).toBe("NOT_CONFIGURED");
  });

  it("refuses credentials and API keys on the command line", async () => {
    for (const args of [
      ["openai", ref.org, `--credential=${GOOD_OPENAI_KEY}`],
      ["openai", ref.org, "--credential", GOOD_OPENAI_KEY],
      ["openai", ref.org, GOOD_OPENAI_KEY],
      ["status", ref.org, "--api-key", ref.apiKey],
      [GOOD_OPENAI_KEY],
    ]) {
      const result = await runCli(args, { env: env() });
      expect(result.code).toBe(2);
      expect(result.stdout + result.stderr).not.toContain(GOOD_OPENAI_KEY);
      expect(result.stdout + result.stderr).not.toContain(ref.apiKey);
    }
  });

  it("checks the credential's shape before sending it", async () => {
    const result = await cli(["gemini", ref.org], { input: "sk-not-a-gemini-key-123" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('a Gemini API key must start with "AIza"');
    expect((await statusJson()).integrations.GEMINI?.status).toBe("NOT_CONFIGURED");
  });

  it("exits 3 for a wrong key and for another org's key, 2 for usage errors", async () => {
    const keyFile = await secretFile("wrong.key", "acme_corp_api_AAAAAAAAAAAAAAAA\n");
    const unknown = await cli(["status", ref.org, "--api-key-file", keyFile], { env: env({ INTEGRATIONS_API_KEY: "" }) });
    expect(unknown.code).toBe(3);
    const otherOrg = await cli(["status", ref.org], { env: env({ INTEGRATIONS_API_KEY: ref.otherApiKey }) });
    expect(otherOrg.code).toBe(3);
    expect(otherOrg.stderr).toContain("403");
    const noKey = await cli(["status", ref.org], { env: { INTEGRATIONS_API_URL: ref.url } });
    expect(noKey.code).toBe(2);
    expect((await cli(["dropbox", ref.org])).code).toBe(2);
    expect((await cli(["status", "Not-A-Slug"])).code).toBe(2);
    expect((await cli(["status", ref.org, "--frobnicate"])).code).toBe(2);
  });

  it("prints a JSON error on stdout with --json", async () => {
    const result = await cli(["status", ref.org, "--json"], { env: env({ INTEGRATIONS_API_KEY: ref.otherApiKey }) });
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout).error).toMatchObject({ type: "PermissionDeniedError", status: 403 });
  });

  it("never printed a credential or an API key, and never had one in argv", () => {
    expect(outputs.length).toBeGreaterThan(15);
    for (const result of outputs) {
      for (const secret of [GOOD_OPENAI_KEY, BAD_OPENAI_KEY, GOOD_ANTHROPIC_KEY, ref.apiKey, ref.otherApiKey]) {
        expect(result.stdout).not.toContain(secret);
        expect(result.stderr).not.toContain(secret);
        expect(result.argv.join(" ")).not.toContain(secret);
      }
    }
  });
});
