/**
 * One outbound HTTP call to a provider, with node:http/node:https (full control of Host and Date
 * headers, which signed requests need). Redirects are not followed: a credential is sent only to the
 * URL we chose. Bodies are capped; failures become an "unavailable" reason without provider text.
 */
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { CheckOutcome } from "./outcome.js";

export interface ProviderResponse {
  status: number;
  body: string;
}

const MAX_RESPONSE_BYTES = 1024 * 1024;

export class ProviderUnavailable extends Error {}

export function providerCall(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs: number; label: string },
): Promise<ProviderResponse> {
  const target = new URL(url);
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  const headers: Record<string, string | number> = { accept: "application/json", ...options.headers };
  if (options.body !== undefined) headers["content-length"] = Buffer.byteLength(options.body);
  return new Promise((resolve, reject) => {
    const req = send(target, { method: options.method ?? "GET", headers }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_RESPONSE_BYTES) chunks.push(chunk);
      });
      res.on("end", () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
      });
      res.on("error", () => fail(`the connection to ${options.label} broke`));
    });
    const fail = (reason: string): void => {
      clearTimeout(timer);
      req.destroy();
      reject(new ProviderUnavailable(reason));
    };
    const timer = setTimeout(() => fail(`${options.label} did not answer within ${options.timeoutMs} ms`), options.timeoutMs);
    // The error's message may name the host but never the credential; still, keep our own wording.
    req.on("error", (error: NodeJS.ErrnoException) =>
      fail(`could not reach ${options.label} (${error.code ?? "connection error"})`),
    );
    req.end(options.body);
  });
}

/**
 * The usual reading of a provider's status code. `what` says what was asked, for the reason.
 * With `notFoundReason`, a 404 is a rejection with that reason (the credential cannot see the
 * resource); without it, a 404 is "unavailable" like any other unexpected status.
 */
export function outcomeOfStatus(label: string, status: number, what = "the credential", notFoundReason?: string): CheckOutcome {
  if (status === 404 && notFoundReason !== undefined) return { kind: "rejected", reason: notFoundReason };
  if (status >= 200 && status < 300) return { kind: "valid" };
  if (status === 400 || status === 401 || status === 403) {
    return { kind: "rejected", reason: `${label} rejected ${what} (HTTP ${status})` };
  }
  if (status === 429) return { kind: "unavailable", reason: `${label} rate-limited the check (HTTP 429); validate again later` };
  return { kind: "unavailable", reason: `${label} answered HTTP ${status}; validate again later` };
}

/** Runs a check body, turning ProviderUnavailable into an "unavailable" outcome. */
export async function guarded(run: () => Promise<CheckOutcome>): Promise<CheckOutcome> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ProviderUnavailable) return { kind: "unavailable", reason: error.message };
    throw error;
  }
}

export function jsonField(body: string, field: string): string | undefined {
  try {
    const value = (JSON.parse(body) as Record<string, unknown>)[field];
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}
