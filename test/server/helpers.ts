// Shared test parts: temp dirs, real local HTTP servers standing in for providers, and a tiny
// HTTP caller. Nothing of ours is mocked: tests talk to the real server over 127.0.0.1.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { type RecordedRequest, type RecordingServer, startRecordingServer } from "../helpers/recording-server.js";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningServer, type ServerOptions, startServer } from "../../src/server/index.js";

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "ig-server-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export type { RecordedRequest } from "../helpers/recording-server.js";
export type FakeProvider = RecordingServer;
export type FakeHandler = (request: RecordedRequest, response: ServerResponse) => void;

/** A local HTTP server answering like a provider; records every request it gets. */
export const startFakeProvider: (handler: FakeHandler) => Promise<FakeProvider> = startRecordingServer;

export function answer(response: ServerResponse, status: number, body: unknown = {}): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

// API keys the fake GenAI provider accepts, refuses, never answers, or fails on.
export const KEYS = {
  openaiValid: `sk-valid-${randomBytes(8).toString("hex")}`,
  openaiInvalid: `sk-wrong-${randomBytes(8).toString("hex")}`,
  openaiSlow: `sk-slow-${randomBytes(8).toString("hex")}`,
  openaiBoom: `sk-boom-${randomBytes(8).toString("hex")}`,
  anthropicValid: `sk-ant-valid-${randomBytes(8).toString("hex")}`,
  geminiValid: `AIzaValid${randomBytes(8).toString("hex")}`,
  deepseekValid: `sk-dsvalid-${randomBytes(8).toString("hex")}`,
};

const VALID_KEYS = new Set([KEYS.openaiValid, KEYS.anthropicValid, KEYS.geminiValid, KEYS.deepseekValid]);

/** One fake for the four API-key providers, reading the key where each provider expects it. */
export function genAiHandler(): FakeHandler {
  return (request, response) => {
    const url = new URL(request.url, "http://x");
    let key: string | undefined;
    if (url.pathname === "/v1/models" && request.headers["x-api-key"]) {
      key = request.headers["anthropic-version"] === "2023-06-01" ? String(request.headers["x-api-key"]) : undefined;
    } else if (url.pathname === "/v1/models" || url.pathname === "/models") {
      key = request.headers.authorization?.replace(/^Bearer /, "");
    } else if (url.pathname === "/v1beta/models") {
      key = url.searchParams.get("key") ?? undefined;
    } else {
      answer(response, 404, { error: "no such path" });
      return;
    }
    if (key?.startsWith("sk-slow-")) return; // never answers: the server's timeout must fire
    if (key?.startsWith("sk-boom-")) return answer(response, 500, { error: "upstream exploded" });
    // Like OpenAI, the refusal quotes part of the key: the server must not pass this text on.
    if (key === undefined || !VALID_KEYS.has(key)) return answer(response, 401, { error: `Incorrect API key provided: ${key}` });
    answer(response, 200, { data: [{ id: "model-1" }] });
  };
}

export function providerEnv(urls: Partial<Record<string, string>>, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...extra };
  for (const [code, url] of Object.entries(urls)) env[`INTEGRATION_PROVIDER_${code}_URL`] = url;
  return env;
}

export interface TestServer extends RunningServer {
  logs: string[];
  dbPath: string;
}

export async function startTestServer(dir: string, options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const logs: string[] = [];
  const dbPath = join(dir, "integrations.db");
  const server = await startServer({
    dbPath,
    host: "127.0.0.1",
    port: 0,
    env: {},
    providerTimeoutMs: 2_000,
    rateLimit: { capacity: 10_000, refillPerSecond: 1_000 },
    log: (line) => logs.push(line),
    ...options,
  });
  return Object.assign(server, { logs, dbPath });
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: { key?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key !== undefined) headers["x-api-key"] = options.key;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] = "application/json";
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}
