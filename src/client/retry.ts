/**
 * The client's one retry policy (also in docs/client.md).
 *
 * What is retried (at most `maxRetries` times, default 2) depends on the operation:
 * - reads (list, get) and validate: connection errors, timeouts, 408, 429 (except the plan limit)
 *   and every 5xx. A validate re-checks what is stored and creates nothing, so a repeat is harmless;
 * - setup, update (PUT) and delete: only when the server certainly did not process the request: a
 *   connection that failed before any byte was sent (refused, DNS, unreachable), 408 (the server did
 *   not receive the whole request) and 429 (refused before processing). Never after a timeout, a
 *   reset or a 5xx. Production does not deactivate the previous credential on setup, and a PUT that
 *   carries a credential inserts a new active row too, so a repeat piles up active rows; a PUT of
 *   name/metadata and a delete are kept to the same rule (the "retry reads and validates only");
 * - never: the plan-limit 429, other 4xx, malformed responses, the caller's abort.
 *
 * How long to wait before retry n (0-based):
 * - the server's word when it names a time in the future: `Retry-After-Ms`, `Retry-After` (seconds,
 *   an HTTP date, or a Unix timestamp: production's global limit sends epoch seconds there), then the
 *   body's `retry_after` (production: `detail.retry_after`), a Unix timestamp or, below 1e9, seconds;
 * - production's per-org 429 sends `retry_after = int(now)`: the present, not when the limit lifts.
 *   A value that is not in the future (1 s of clock slack) is "unknown". An unknown wait on a 429 is
 *   the limiter's window (60 s) plus up to 20 % jitter, never zero; a 429 wait under 1 s is raised
 *   to that too (a retry inside the same window only spends the budget);
 * - otherwise (5xx, timeouts...) exponential backoff: min(0.5 s * 2^n, 8 s), minus up to 25 % jitter;
 * - a wait longer than `maxRetryWaitMs` (default 60 s) is not waited: the error (RateLimitError for
 *   a 429, with `retryAfterMs`) is thrown at once. So by default an unknown 429 wait fails at once
 *   with a positive wait, and a caller who sets maxRetryWaitMs above 72 s gets it waited.
 */

export type Operation = "list" | "get" | "validate" | "setup" | "update" | "delete";

export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_MAX_RETRY_WAIT_MS = 60_000;
const INITIAL_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 8_000;
/** The production limiter's window: what an unknown 429 wait falls back to. */
export const RATE_WINDOW_MS = 60_000;
const WINDOW_JITTER = 0.2;
const MIN_RATE_LIMIT_WAIT_MS = 1_000;
/** A timestamp this close to now (or earlier) carries no wait: the sender's "now", seen with clock skew. */
const CLOCK_SLACK_MS = 1_000;

/** What one failed attempt looked like, as far as the retry decision is concerned. */
export type AttemptFailure =
  | { kind: "connection"; beforeSend: boolean }
  | { kind: "timeout" }
  | { kind: "status"; status: number; planLimit: boolean };

/** Reads and validates may be repeated; the writes only when the server cannot have processed them. */
export function isRepeatable(operation: Operation): boolean {
  return operation === "list" || operation === "get" || operation === "validate";
}

export function isRetryable(operation: Operation, failure: AttemptFailure): boolean {
  const repeatable = isRepeatable(operation);
  switch (failure.kind) {
    case "connection":
      return repeatable || failure.beforeSend;
    case "timeout":
      return repeatable;
    case "status": {
      const { status, planLimit } = failure;
      if (status === 408) return true;
      if (status === 429) return !planLimit;
      return repeatable && status >= 500;
    }
  }
}

export function backoffMs(retryIndex: number, random: () => number = Math.random): number {
  const base = Math.min(INITIAL_BACKOFF_MS * 2 ** retryIndex, MAX_BACKOFF_MS);
  return base * (1 - random() * 0.25);
}

/** The wait after a 429 whose server named no future time: the limiter's window, jittered upwards. */
export function rateWindowWaitMs(random: () => number = Math.random): number {
  return RATE_WINDOW_MS * (1 + random() * WINDOW_JITTER);
}

/**
 * The wait before the next attempt and whether the server named it. A 429 always gets a wait of at
 * least 1 s (the window when the server's value is unknown); other failures the server's wait or
 * the backoff.
 */
export function waitBeforeRetry(
  failure: AttemptFailure,
  serverWaitMs: number | null,
  retryIndex: number,
  random: () => number = Math.random,
): { waitMs: number; known: boolean } {
  if (failure.kind === "status" && failure.status === 429) {
    if (serverWaitMs !== null && serverWaitMs >= MIN_RATE_LIMIT_WAIT_MS) return { waitMs: serverWaitMs, known: true };
    return { waitMs: rateWindowWaitMs(random), known: false };
  }
  if (serverWaitMs !== null) return { waitMs: serverWaitMs, known: true };
  return { waitMs: backoffMs(retryIndex, random), known: false };
}

/** Epoch seconds below this are read as a delay in seconds (1e9 s is September 2001). */
const EPOCH_THRESHOLD = 1e9;

/**
 * The wait the server asked for, in ms (> 0), or null when it did not say or named a time that is
 * not in the future. `headers` is the response's; `body` its parsed JSON (or undefined).
 */
export function serverRequestedWaitMs(headers: Headers, body: unknown, now: number = Date.now()): number | null {
  const ms = Number.parseFloat(headers.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms)) return ms > 0 ? ms : null;

  const header = headers.get("retry-after")?.trim();
  if (header !== undefined && header !== "") {
    const value = Number(header);
    if (Number.isFinite(value)) return waitOf(value, now);
    const date = Date.parse(header);
    if (Number.isFinite(date)) return futureWait(date, now);
  }

  const retryAfter = bodyRetryAfter(body);
  return retryAfter === null ? null : waitOf(retryAfter, now);
}

/** A number of seconds, or (from 1e9 on) a Unix timestamp in seconds. */
function waitOf(value: number, now: number): number | null {
  if (value >= EPOCH_THRESHOLD) return futureWait(value * 1000, now);
  return value > 0 ? value * 1000 : null;
}

function futureWait(at: number, now: number): number | null {
  return at > now + CLOCK_SLACK_MS ? at - now : null;
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
