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
