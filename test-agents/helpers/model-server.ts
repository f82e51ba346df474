/**
 * A scripted stand-in of a model API on 127.0.0.1 (port 0): the real agent CLI talks to it as to
 * its provider, and the test decides each of the model's turns (a tool call, parallel tool calls,
 * or plain text). Every request is recorded, so a test can read what the client sent back to the
 * "model" after our hook answered (the deny text, a Stop hook's reason, a tool's output).
 *
 * Each provider (anthropic.ts, gemini.ts, openai.ts) says which requests are turns of the agent's
 * loop and how a turn is written on the wire (SSE); everything else gets the provider's idea of an
 * empty answer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ToolCall {
  name: string;
  /** The tool's arguments (an object), or raw text for freeform tools (Codex's apply_patch). */
  input: unknown;
}

/** One turn of the scripted model: tool calls (several = parallel calls), or text that ends the turn. */
export type Turn = { tools: ToolCall[] } | { text: string };

export interface RecordedRequest {
  method: string;
  url: string;
  body: unknown;
}

export interface Provider {
  /** Is this request a turn of the agent's loop (to be answered from the script)? */
  isTurn(request: RecordedRequest): boolean;
  /** Writes a scripted turn as the provider's streamed answer. */
  writeTurn(response: ServerResponse, turn: Turn, index: number, request: RecordedRequest): void;
  /** Any other request (token counts, titles, telemetry). */
  writeOther(response: ServerResponse, request: RecordedRequest): void;
}

export interface ModelServer {
  url: string;
  port: number;
  /** The Unix socket, when listening on one. */
  socket?: string;
  /** Every request, in order. */
  requests: RecordedRequest[];
  /** The requests answered from the script (the agent loop's turns), in order. */
  turns: RecordedRequest[];
  /** Starts a new script (the turns of the next client run) and forgets the recorded requests. */
  script(turns: Turn[]): void;
  close(): Promise<void>;
}

/** What the model says once the script is used up: the agent stops asking. */
export const DONE: Turn = { text: "Done." };

/**
 * On 127.0.0.1, port 0; or on a Unix socket (`socket`), for a client that runs in its own network
 * namespace and reaches the socket through a loopback forwarder there (codex.ts).
 */
export async function startModelServer(provider: Provider, options: { socket?: string } = {}): Promise<ModelServer> {
  let script: Turn[] = [];
  const requests: RecordedRequest[] = [];
  const turns: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => void answer(req, res));

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (some clients compress or send forms): kept as text.
    }
    const request: RecordedRequest = { method: req.method ?? "GET", url: req.url ?? "/", body };
    requests.push(request);
    if (!provider.isTurn(request)) return provider.writeOther(res, request);
    const index = turns.length;
    turns.push(request);
    provider.writeTurn(res, script[index] ?? DONE, index, request);
  }

  await new Promise<void>((resolve) => (options.socket ? server.listen(options.socket, resolve) : server.listen(0, "127.0.0.1", resolve)));
  const port = options.socket ? 0 : (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    ...(options.socket ? { socket: options.socket } : {}),
    requests,
    turns,
    script(next) {
      script = next;
      requests.length = 0;
      turns.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes server-sent events: each `[event, data]` as `event:` (when named) and a JSON `data:` line. */
export function writeSse(response: ServerResponse, events: Array<[string | undefined, unknown]>): void {
  response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  for (const [event, data] of events) response.write(`${event ? `event: ${event}\n` : ""}data: ${JSON.stringify(data)}\n\n`);
  response.end();
}

export function writeJson(response: ServerResponse, value: unknown, status = 200): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(value));
}
