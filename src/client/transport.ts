/**
 * One API call: build the request, run attempts under the retry policy (retry.ts), turn what came
 * back into either a validated body or one of the typed errors (errors.ts). Nothing secret leaves
 * this file: errors get the redacted request and a body with the API key and credential removed.
 */
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  IntegrationsError,
  MalformedResponseError,
  RateLimitError,
  isPlanLimitBody,
} from "./errors.js";
import type { RateBudget } from "./rate-budget.js";
import { type RedactedRequest, redactBody, redactHeaders, redactText } from "./redact.js";
import { type AttemptFailure, type Operation, isRetryable, serverRequestedWaitMs, sleep, waitBeforeRetry } from "./retry.js";
import { VERSION } from "../core/version.js";

export interface TransportConfig {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  maxRetries: number;
  maxRetryWaitMs: number;
  fetch: typeof fetch;
  /** The service's limits, counted in-process before sending (optional; rate-budget.ts). */
  rateBudget?: RateBudget | undefined;
}

/** Per-call options, on every client method. */
export interface RequestOptions {
  /** Overrides the client's timeout for this call (each attempt gets the full time). */
  timeoutMs?: number;
  /** Aborts the call, including a wait between retries; rejects with APIUserAbortError. */
  signal?: AbortSignal;
  /** Overrides the client's maxRetries for this call. */
  maxRetries?: number;
}

export interface CallSpec<T> {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  body?: unknown;
  /** Decides what may be retried (retry.ts) and what the call costs in the rate budget. */
  operation: Operation;
  /** The org the call is about: the rate budget is per org. */
  org: string;
  schema: z.ZodType<T>;
  /** Secrets in this call besides the API key (the credential), removed from any error. */
  secrets?: string[];
}


/** Connection failures that happen before the request is written: safe to retry any call. */
const BEFORE_SEND_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

export async function call<T>(config: TransportConfig, spec: CallSpec<T>, options: RequestOptions = {}): Promise<T> {
  const url = `${config.baseUrl.replace(/\/+$/, "")}${spec.path}`;
  const requestId = randomUUID();
  const headers: Record<string, string> = {
    Accept: "application/json",
    "User-Agent": `integration-guard-client/${VERSION}`,
    "X-API-Key": config.apiKey,
    "X-Request-ID": requestId,
  };
  if (spec.body !== undefined) headers["Content-Type"] = "application/json";
  const redacted: RedactedRequest = { method: spec.method, url, headers: redactHeaders(headers) };
  const secrets = [config.apiKey, ...(spec.secrets ?? [])];
  const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
  const maxRetries = options.maxRetries ?? config.maxRetries;
  const timeoutMs = options.timeoutMs ?? config.timeoutMs;

  const budgetKey = `${config.baseUrl.replace(/\/+$/, "")}|${spec.org}`;

  for (let retry = 0; ; retry++) {
    const context = { request: redacted, requestId };
    if (config.rateBudget) await waitForBudget(config, budgetKey, spec, context, options.signal);
    const outcome = await attempt(config.fetch, url, { method: spec.method, headers, body }, timeoutMs, options.signal);

    if (outcome.kind === "aborted") throw new APIUserAbortError("the request was aborted", context);
    let failure: AttemptFailure;
    let error: IntegrationsError;
    let serverWaitMs: number | null = null;
    let planned: { waitMs: number; known: boolean } | undefined;

    if (outcome.kind === "timeout") {
      failure = { kind: "timeout" };
      error = new APIConnectionTimeoutError(`no response within ${timeoutMs} ms`, context);
    } else if (outcome.kind === "connection") {
      const beforeSend = causeCodes(outcome.error).some((code) => BEFORE_SEND_CODES.has(code));
      failure = { kind: "connection", beforeSend };
      error = new APIConnectionError(connectionMessage(outcome.error), { ...context, cause: outcome.error, beforeSend });
    } else {
      const { response, text } = outcome;
      const json = parseJson(text);
      const serverRequestId = response.headers.get("x-request-id") ?? requestIdOf(json.ok ? json.value : undefined) ?? requestId;
      const responseContext = { request: redacted, requestId: serverRequestId };
      if (response.ok) return validate(spec.schema, response, json, responseContext);

      const errorBody = json.ok ? redactBody(json.value, secrets) : undefined;
      serverWaitMs = serverRequestedWaitMs(response.headers, json.ok ? json.value : undefined);
      const detail = redactText(detailOf(errorBody, response), secrets);
      failure = { kind: "status", status: response.status, planLimit: isPlanLimitBody(errorBody) };
      // Decided now so that a RateLimitError always carries a positive wait, retried or not.
      planned = waitBeforeRetry(failure, serverWaitMs, retry);
      const rateLimited = response.status === 429 && !failure.planLimit;
      error = APIError.fromResponse(response.status, detail, errorBody, {
        ...responseContext,
        retryAfterMs: rateLimited ? planned.waitMs : serverWaitMs,
        retryAfterKnown: planned.known,
      });
      if (rateLimited) config.rateBudget?.block(budgetKey, planned.waitMs);
    }

    if (retry >= maxRetries || !isRetryable(spec.operation, failure)) throw error;
    const { waitMs } = planned ?? waitBeforeRetry(failure, serverWaitMs, retry);
    // Longer than we are willing to wait: fail now, saying how long (RateLimitError.retryAfterMs).
    if (waitMs > config.maxRetryWaitMs) throw error;
    try {
      await sleep(waitMs, options.signal);
    } catch {
      throw new APIUserAbortError("the request was aborted while waiting to retry", context);
    }
  }
}

/** Waits until the in-process budget lets the call through, then counts it; throws when that is too long. */
async function waitForBudget(
  config: TransportConfig,
  key: string,
  spec: CallSpec<unknown>,
  context: { request: RedactedRequest; requestId: string },
  signal: AbortSignal | undefined,
): Promise<void> {
  const budget = config.rateBudget!;
  const waitMs = budget.waitMs(key, spec.operation);
  if (waitMs > config.maxRetryWaitMs) {
    const message = `not sent: this process has spent the service's rate limit for org '${spec.org}' (${spec.operation}); it lifts in ${Math.ceil(waitMs / 1000)} s`;
    throw new RateLimitError(429, message, undefined, context, waitMs, "client-budget");
  }
  if (waitMs > 0) {
    try {
      await sleep(waitMs, signal);
    } catch {
      throw new APIUserAbortError("the request was aborted while waiting for the rate budget", context);
    }
  }
  budget.spend(key, spec.operation);
}

type Outcome =
  | { kind: "response"; response: Response; text: string }
  | { kind: "timeout" }
  | { kind: "aborted" }
  | { kind: "connection"; error: unknown };

async function attempt(
  fetchImpl: typeof fetch,
  url: string,
  init: { method: string; headers: Record<string, string>; body: string | undefined },
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  if (signal?.aborted) return { kind: "aborted" };
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const response = await fetchImpl(url, { ...init, signal: controller.signal });
    // The timeout covers the whole body, not just the headers.
    const text = await response.text();
    return { kind: "response", response, text };
  } catch (error) {
    if (signal?.aborted) return { kind: "aborted" };
    if (timedOut) return { kind: "timeout" };
    return { kind: "connection", error };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

type Parsed = { ok: true; value: unknown } | { ok: false };

function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function validate<T>(schema: z.ZodType<T>, response: Response, json: Parsed, context: { request: RedactedRequest; requestId: string }): T {
  if (!json.ok) {
    const type = response.headers.get("content-type") ?? "no content-type";
    throw new MalformedResponseError(response.status, [`the body is not JSON (${type})`], context);
  }
  const result = schema.safeParse(json.value);
  if (result.success) return result.data;
  // Paths and expectations only: the received values are not quoted.
  const issues = result.error.issues.map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`);
  throw new MalformedResponseError(response.status, issues, context);
}

function requestIdOf(body: unknown): string | undefined {
  if (body === null || typeof body !== "object") return undefined;
  const id = (body as { request_id?: unknown }).request_id;
  return typeof id === "string" && id !== "" ? id : undefined;
}

/** The server's explanation in one line, from any of the documented error body shapes. */
function detailOf(body: unknown, response: Response): string {
  const fallback = response.statusText || "(no detail)";
  if (body === null || typeof body !== "object") return fallback;
  const { detail, error, message } = body as { detail?: unknown; error?: unknown; message?: unknown };
  if (typeof detail === "string") return detail;
  if (Array.isArray(detail)) {
    // 422: [{loc, msg}]; `loc` starts with "body".
    return detail
      .map((issue) => {
        const { loc, msg } = (issue ?? {}) as { loc?: unknown; msg?: unknown };
        const where = Array.isArray(loc) ? loc.join(".") : "";
        return where ? `${where}: ${String(msg)}` : String(msg);
      })
      .join("; ");
  }
  if (detail !== null && typeof detail === "object") {
    const inner = detail as { message?: unknown; error?: unknown };
    if (typeof inner.message === "string") return inner.message;
    if (typeof inner.error === "string") return inner.error;
  }
  if (typeof error === "string" && typeof message === "string") return `${error}: ${message}`;
  if (typeof message === "string") return message;
  if (typeof error === "string") return error;
  return fallback;
}

function causeCodes(error: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== "object" || seen.has(value)) return;
    seen.add(value);
    const { code, cause, errors } = value as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === "string") codes.push(code);
    visit(cause);
    if (Array.isArray(errors)) errors.forEach(visit);
  };
  visit(error);
  return codes;
}

function connectionMessage(error: unknown): string {
  const code = causeCodes(error)[0];
  const cause = (error as { cause?: unknown })?.cause;
  const reason = code ?? (cause instanceof Error ? cause.message : undefined);
  return reason ? `could not reach the integrations API (${reason})` : "could not reach the integrations API";
}
