// `integration-setup serve` (the reference server) wired through the CLI: create an org, run the
// server as a process, talk to it with the CLI, stop it with SIGTERM.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, expect, it } from "vitest";
import { BIN, cleanEnv, runCli } from "./run-cli.js";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

it("creates an org, serves, answers status, and stops on SIGTERM", async () => {
  const dir = await mkdtemp(join(tmpdir(), "integration-serve-"));
  dirs.push(dir);
  const db = join(dir, "integrations.db");
  const created = await runCli(["serve", "--db", db, "--create-org", "acme_corp"]);
  expect(created.code).toBe(0);
  const apiKey = created.stdout.trim();
  expect(apiKey).toMatch(/^acme_corp_api_[A-Za-z0-9_-]{16}$/);

  const server = spawn(process.execPath, [BIN, "serve", "--db", db, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"], env: cleanEnv() });
  const exited = new Promise<number | null>((resolve) => server.on("close", resolve));
  try {
    const firstLine = await new Promise<string>((resolve) => createInterface({ input: server.stdout }).once("line", resolve));
    const url = firstLine.replace(/^listening on /, "");
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const status = await runCli(["status", "acme_corp", "--json", "--base-url", url], { env: { INTEGRATIONS_API_KEY: apiKey } });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout).org_slug).toBe("acme_corp");
  } finally {
    server.kill("SIGTERM");
  }
  expect(await exited).toBe(0);
});

it("serves --compat production: ten providers, the org's plan, and the CLI's reading of its answers", async () => {
  const dir = await mkdtemp(join(tmpdir(), "integration-serve-"));
  dirs.push(dir);
  const db = join(dir, "integrations.db");
  const created = await runCli(["serve", "--db", db, "--create-org", "acme_corp", "--subscription", "SUSPENDED"]);
  expect(created.code).toBe(0);
  const apiKey = created.stdout.trim();
  expect((await runCli(["serve", "--db", db, "--set-plan", "acme_corp"])).code).toBe(2);

  const server = spawn(process.execPath, [BIN, "serve", "--db", db, "--port", "0", "--compat", "production"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: cleanEnv(),
  });
  const exited = new Promise<number | null>((resolve) => server.on("close", resolve));
  try {
    const firstLine = await new Promise<string>((resolve) => createInterface({ input: server.stdout }).once("line", resolve));
    const url = firstLine.replace(/^listening on /, "");
    const env = { INTEGRATIONS_API_KEY: apiKey, INTEGRATIONS_API_URL: url };
    const status = await runCli(["status", "acme_corp", "--json"], { env });
    expect(Object.keys(JSON.parse(status.stdout).integrations)).toContain("AWS_KEYS");
    const setup = await runCli(["anthropic", "acme_corp", "--json"], { env, input: "sk-ant-0123456789abcdef" });
    expect(setup.code).toBe(1);
    expect(JSON.parse(setup.stdout).error).toMatchObject({ type: "SubscriptionInactiveError", status: 403 });
    const validate = await runCli(["validate", "anthropic", "acme_corp", "--json"], { env });
    expect(JSON.parse(validate.stdout)).toMatchObject({ validation_status: "NOT_CONFIGURED" });
  } finally {
    server.kill("SIGTERM");
  }
  expect(await exited).toBe(0);
  // The file now allows several active rows: the intended mode refuses it.
  const intended = spawn(process.execPath, [BIN, "serve", "--db", db, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"], env: cleanEnv() });
  let stderr = "";
  intended.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  expect(await new Promise<number | null>((resolve) => intended.on("close", resolve))).toBe(1);
  expect(stderr).toContain("--compat production");
});
