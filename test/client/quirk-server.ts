/**
 * A local HTTP server standing in for the production integrations API where it misbehaves (spec
 * "Quirks of the production service"). Each test gives a handler; the server records every request
 * it received, so tests can count attempts and inspect what the client sent.
 */
import type { ServerResponse } from "node:http";
import { type RecordedRequest, type RecordingHandler, type RecordingServer, startRecordingServer } from "../helpers/recording-server.js";

export type ReceivedRequest = RecordedRequest;
export type Handler = RecordingHandler;
export type QuirkServer = RecordingServer;
export const startQuirkServer = startRecordingServer;

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json", "x-request-id": "req-from-server", ...headers });
  response.end(JSON.stringify(body));
}

/** An IntegrationStatus as production sends it, with every nullable key present. */
export function statusOf(provider: string, status = "NOT_CONFIGURED", extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    provider,
    status,
    credential_name: null,
    last_validated_at: null,
    last_error: null,
    created_at: null,
    metadata: null,
    ...extra,
  };
}

export const ALL_CODES = ["OPENAI", "ANTHROPIC", "GEMINI", "DEEPSEEK", "GCP_SA", "AWS_IAM", "AZURE", "OCI"];

export function listOf(org: string, overrides: Record<string, Record<string, unknown>> = {}): Record<string, unknown> {
  const integrations: Record<string, unknown> = {};
  for (const code of ALL_CODES) integrations[code] = overrides[code] ?? statusOf(code);
  const configured = Object.entries(overrides).filter(([, s]) => s.status !== "NOT_CONFIGURED").map(([c]) => c);
  return { org_slug: org, integrations, all_valid: false, providers_configured: configured };
}
