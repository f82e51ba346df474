/**
 * A local HTTP server standing in for the production integrations API where it misbehaves (spec
 * "Quirks of the production service"). Each test gives a handler; the server records every request
 * it received, so tests can count attempts and inspect what the client sent.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export type Handler = (request: ReceivedRequest, response: ServerResponse, index: number) => void;

export interface QuirkServer {
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

export async function startQuirkServer(handler: Handler): Promise<QuirkServer> {
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const received = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(received);
      handler(received, res, requests.length - 1);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        // Handlers that never answer (timeout tests) leave sockets open.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

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
