/**
 * The client's one retry policy (also in docs/client.md).
 *
 * What is retried (at most `maxRetries` times, default 2):
 * - idempotent calls (list, get, validate, update = PUT, delete): connection errors, timeouts,
 *   408, 429 (except the plan limit), and every 5xx;
 * - setup (POST .../setup) creates a credential row and the production service does not deactivate
 *   the previous one, so a setup is retried only when the server certainly did not process it:
 *   a connection that failed before any byte was sent (refused, DNS, unreachable), 408 (the server
 *   did not receive the whole request) and 429 (rejected before processing). Never after a timeout,
 *   a reset or a 5xx: the credential may already be stored.
 * - never: the plan-limit 429, other 4xx, malformed responses, the caller's abort.
 *
 * How long to wait before retry n (0-based):
 * - the server's word first: `Retry-After-Ms`, then `Retry-After` (seconds or an HTTP date), then the
 *   production body's `detail.retry_after`, which is a Unix timestamp (delay = timestamp - now; a
 *   value below 1e9 is read as seconds, for servers that send a delay);
 * - otherwise exponential backoff with jitter: min(0.5 s * 2^n, 8 s), minus up to 25 % at random so
 *   clients that failed together do not retry together;
 * - a server-requested wait longer than `maxRetryWaitMs` (default 60 s) is not waited: the error
 *   (RateLimitError for a 429) is thrown at once with its `retryAfterMs`.
 */

export type CallKind = "idempotent" | "setup";

export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_MAX_RETRY_WAIT_MS = 60_000;
const INITIAL_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 8_000;

/** What one failed attempt looked like, as far as the retry decision is concerned. */
export type AttemptFailure =
  | { kind: "connection"; beforeSend: boolean }
  | { kind: "timeout" }
  | { kind: "status"; status: number; planLimit: boolean };

export function isRetryable(call: CallKind, failure: AttemptFailure): boolean {
  switch (failure.kind) {
    case "connection":
      return call === "idempotent" || failure.beforeSend;
    case "timeout":
      return call === "idempotent";
    case "status": {
      const { status, planLimit } = failure;
      if (status === 408) return true;
      if (status === 429) return !planLimit;
      return call === "idempotent" && status >= 500;
    }
  }
}

export function backoffMs(retryIndex: number, random: () => number = Math.random): number {
  const base = Math.min(INITIAL_BACKOFF_MS * 2 ** retryIndex, MAX_BACKOFF_MS);
  return base * (1 - random() * 0.25);
}

/** Epoch seconds below this are read as a delay in seconds (1e9 s is September 2001). */
const EPOCH_THRESHOLD = 1e9;

/**
 * The wait the server asked for, in ms (>= 0), or null when it did not say. `headers` is the
 * response's; `body` its parsed JSON (or undefined).
 */
export function serverRequestedWaitMs(headers: Headers, body: unknown, now: number = Date.now()): number | null {
  const ms = Number.parseFloat(headers.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms)) return Math.max(0, ms);

  const header = headers.get("retry-after");
  if (header !== null) {
    const seconds = Number(header.trim());
    if (header.trim() !== "" && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(header);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }

  const retryAfter = bodyRetryAfter(body);
  if (retryAfter !== null) {
    const waitMs = retryAfter >= EPOCH_THRESHOLD ? retryAfter * 1000 - now : retryAfter * 1000;
    return Math.max(0, waitMs);
  }
  return null;
}

function bodyRetryAfter(body: unknown): number | null {
  if (body === null || typeof body !== "object") return null;
  const detail = (body as { detail?: unknown }).detail;
  const holder = detail !== null && typeof detail === "object" ? detail : body;
  const value = (holder as { retry_after?: unknown }).retry_after;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return null;
}

/** Sleeps, unless the signal fires first (then rejects with the signal's reason). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
