// The `integration-setup serve` command as a real child process (dist/integration-setup.mjs, built
// by `npm test` / `node scripts/build.mjs`): org creation, startup line, clean SIGTERM, SIGKILL in
// the middle of a stream of setups, and two processes writing to one database file.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqlite } from "../../src/server/sqlite.js";
import { type FakeProvider, answer, call, startFakeProvider, tempDir } from "./helpers.js";

const CLI = join(import.meta.dirname, "../../dist/integration-setup.mjs");

interface ServeChild {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

let tmp: ReturnType<typeof tempDir>;
let provider: FakeProvider;
let env: NodeJS.ProcessEnv;
const children: ChildProcess[] = [];

beforeAll(async () => {
  tmp = tempDir();
  // Accepts any key: this file is about processes and durability, not about provider answers.
  provider = await startFakeProvider((_request, response) => answer(response, 200, { data: [] }));
  const { INTEGRATIONS_KEK: _ignored, ...rest } = process.env;
  env = { ...rest, INTEGRATION_PROVIDER_OPENAI_URL: provider.url, INTEGRATION_PROVIDER_DEEPSEEK_URL: provider.url };
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await provider.close();
  tmp.cleanup();
});

function createOrg(dbPath: string, slug: string): { key: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, "serve", "--db", dbPath, "--create-org", slug], { env, encoding: "utf8" });
  expect(result.status, result.stderr).toBe(0);
  const lines = result.stdout.split("\n").filter(Boolean);
  expect(lines).toHaveLength(1);
  return { key: lines[0]!, stderr: result.stderr };
}

/** Starts `serve --port 0` and resolves once the first stdout line names the URL. */
function serve(dbPath: string): Promise<ServeChild> {
  const child = spawn(process.execPath, [CLI, "serve", "--db", dbPath, "--port", "0", "--rate-capacity", "100000", "--rate-refill", "1000"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    child.stdout!.on("data", (chunk) => {
      stdout += chunk;
      const first = stdout.split("\n")[0]!;
      if (stdout.includes("\n")) {
        const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(first);
        if (match) resolve({ child, url: match[1]!, output: () => stdout + stderr, exited });
        else reject(new Error(`unexpected first line: ${first}`));
      }
    });
    exited.then((code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
}

const setup = (url: string, key: string, segment: string, credential: string) =>
  call(url, "POST", `/api/v1/integrations/acme/${segment}/setup`, { key, body: { credential } });

function activeRows(dbPath: string): { provider: string; credential_id: string }[] {
  const db = openSqlite(dbPath, { readonly: true });
  try {
    return db.prepare("SELECT provider, credential_id FROM org_integration_credentials WHERE is_active = 1").all() as never;
  } finally {
    db.close();
  }
}

function allIds(dbPath: string): Set<string> {
  const db = openSqlite(dbPath, { readonly: true });
  try {
    return new Set((db.prepare("SELECT credential_id FROM org_integration_credentials").all() as { credential_id: string }[]).map((r) => r.credential_id));
  } finally {
    db.close();
  }
}

describe("integration-setup serve", () => {
  it("creates an org, printing its key once on stdout only, and storing only a hash", () => {
    const dbPath = join(tmp.dir, "orgs.db");
    const { key, stderr } = createOrg(dbPath, "acme");
    expect(key).toMatch(/^acme_api_[A-Za-z0-9_-]{16}$/);
    expect(stderr).not.toContain(key);
    expect(statSync(`${dbPath}.kek`).mode & 0o777).toBe(0o600);
    expect(statSync(dbPath).mode & 0o077).toBe(0);
    const again = spawnSync(process.execPath, [CLI, "serve", "--db", dbPath, "--create-org", "acme"], { env, encoding: "utf8" });
    expect(again.status, again.stderr).toBe(1);
    expect(again.stdout).toBe("");
    const badSlug = spawnSync(process.execPath, [CLI, "serve", "--db", dbPath, "--create-org", "Bad-Slug"], { env, encoding: "utf8" });
    expect(badSlug.status, badSlug.stderr).toBe(2);
  });

  it("answers usage errors with exit 2 and a port in use with exit 1, without a stack", async () => {
    const dbPath = join(tmp.dir, "usage.db");
    const unknown = spawnSync(process.execPath, [CLI, "serve", "--db", dbPath, "--bogus"], { env, encoding: "utf8" });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("--bogus");
    const taken = Number(new URL(provider.url).port);
    const busy = spawnSync(process.execPath, [CLI, "serve", "--db", dbPath, "--port", String(taken)], { env, encoding: "utf8" });
    expect(busy.status).toBe(1);
    expect(busy.stderr).toContain("EADDRINUSE");
    expect(busy.stderr).not.toMatch(/\n\s+at /);
  });

  it("closes cleanly on SIGTERM", async () => {
    const dbPath = join(tmp.dir, "term.db");
    const { key } = createOrg(dbPath, "acme");
    const server = await serve(dbPath);
    expect((await call(server.url, "GET", "/api/v1/integrations/acme", { key })).status).toBe(200);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  });

  it("keeps every acknowledged setup across SIGKILL, with one active row per provider", async () => {
    const dbPath = join(tmp.dir, "kill.db");
    const { key } = createOrg(dbPath, "acme");
    const first = await serve(dbPath);
    const acknowledged: { id: string; credential: string }[] = [];
    let stop = false;
    let killed!: () => void;
    const killedNow = new Promise<void>((resolve) => (killed = resolve));
    // Four writers in a loop; the server is killed once 40 writes are acknowledged, mid-stream.
    const writer = async (n: number) => {
      for (let i = 0; !stop; i++) {
        const credential = `sk-stream-${n}-${i}-${"x".repeat(12)}`;
        try {
          const response = await setup(first.url, key, i % 2 === 0 ? "openai" : "deepseek", credential);
          if (response.status === 200) acknowledged.push({ id: response.json.credential_id, credential });
        } catch {
          return; // connection refused or reset by the kill: not acknowledged
        }
        if (acknowledged.length >= 40 && !stop) {
          stop = true;
          first.child.kill("SIGKILL");
          killed();
        }
      }
    };
    const writers = Promise.all([0, 1, 2, 3].map(writer));
    await killedNow;
    await writers;
    await first.exited;
    expect(first.child.signalCode).toBe("SIGKILL");

    const second = await serve(dbPath);
    const stored = allIds(dbPath);
    expect(acknowledged.filter(({ id }) => !stored.has(id))).toEqual([]);
    const active = activeRows(dbPath);
    expect(active.map((row) => row.provider).sort()).toEqual(["DEEPSEEK", "OPENAI"]);
    // The surviving rows decrypt with the KEK file the restarted server read back.
    const validated = await call(second.url, "POST", "/api/v1/integrations/acme/openai/validate", { key });
    expect(validated.json.validation_status).toBe("VALID");

    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    const output = first.output() + second.output();
    expect(output).not.toContain(key);
    for (const { credential } of acknowledged) expect(output).not.toContain(credential);
  });

  it("two server processes on one database file never leave two active rows", async () => {
    const dbPath = join(tmp.dir, "shared.db");
    const { key } = createOrg(dbPath, "acme");
    const [a, b] = await Promise.all([serve(dbPath), serve(dbPath)]);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => setup(i % 2 === 0 ? a!.url : b!.url, key, "openai", `sk-shared-${i}-${"y".repeat(12)}`)),
    );
    expect(results.map((r) => r.status)).toEqual(Array(40).fill(200));
    expect(activeRows(dbPath)).toHaveLength(1);
    const stored = allIds(dbPath);
    expect(results.every((r) => stored.has(r.json.credential_id))).toBe(true);
    a!.child.kill("SIGTERM");
    b!.child.kill("SIGTERM");
    expect(await Promise.all([a!.exited, b!.exited])).toEqual([0, 0]);
  });
});
