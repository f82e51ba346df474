/**
 * The real reference server (src/server) on 127.0.0.1 port 0 with a temp SQLite file, whose provider
 * checks point at a local stand-in for the providers: an OpenAI-style `/v1/models` (and the other
 * API-key providers' model lists) that accepts exactly the keys in GOOD_KEYS.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CompatMode, type OrgPlan, type ProductionOptions, startServer } from "../../src/server/index.js";

export const GOOD_OPENAI_KEY = "sk-good-7f3a9c1e5b2d4a6f8e0c";
export const BAD_OPENAI_KEY = "sk-bad-1a2b3c4d5e6f7a8b9c0d";
export const GOOD_ANTHROPIC_KEY = "sk-ant-good-2b4d6f8a0c1e3a5c";
const GOOD_KEYS = new Set([GOOD_OPENAI_KEY, GOOD_ANTHROPIC_KEY]);

export interface Reference {
  url: string;
  org: string;
  apiKey: string;
  otherOrg: string;
  otherApiKey: string;
  dir: string;
  dbPath: string;
  /** The server's request log, one line per request: `time id METHOD path status duration`. */
  requestLog: string[];
  createOrg(slug: string, plan?: OrgPlan): string;
  setPlan(slug: string, plan: OrgPlan): void;
  close(): Promise<void>;
}

/** `compat: "production"` answers as the production service does (src/server/compat/). */
export async function startReference(options: { compat?: CompatMode; production?: ProductionOptions } = {}): Promise<Reference> {
  const provider = createServer((req, res) => {
    const bearer = req.headers.authorization?.replace(/^Bearer /, "");
    const key = bearer ?? (req.headers["x-api-key"] as string | undefined) ?? new URL(req.url ?? "/", "http://x").searchParams.get("key");
    const ok = key !== null && key !== undefined && GOOD_KEYS.has(key);
    res.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
    res.end(JSON.stringify(ok ? { data: [] } : { error: { message: "Incorrect API key provided" } }));
  });
  await new Promise<void>((resolve) => provider.listen(0, "127.0.0.1", resolve));
  const providerUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;

  const dir = await mkdtemp(join(tmpdir(), "integration-setup-test-"));
  const env: NodeJS.ProcessEnv = {
    INTEGRATION_PROVIDER_OPENAI_URL: providerUrl,
    INTEGRATION_PROVIDER_ANTHROPIC_URL: providerUrl,
  };
  const dbPath = join(dir, "integrations.db");
  const requestLog: string[] = [];
  const server = await startServer({ dbPath, port: 0, env, log: (line) => requestLog.push(line), ...options });
  const org = "acme_corp";
  const otherOrg = "globex_inc";
  return {
    url: server.url,
    org,
    apiKey: server.createOrg(org),
    otherOrg,
    otherApiKey: server.createOrg(otherOrg),
    dir,
    dbPath,
    requestLog,
    createOrg: (slug, plan) => server.createOrg(slug, plan),
    setPlan: (slug, plan) => server.setPlan(slug, plan),
    async close() {
      await server.close();
      await new Promise<void>((resolve) => provider.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
