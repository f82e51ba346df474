/**
 * The client's errors, modelled on the Stainless SDKs (openai-node): one base class, one subclass
 * per HTTP status family so callers `catch (e) { if (e instanceof NotFoundError) ... }`, and
 * separate classes for "no response at all" (connection, timeout, abort) and "a response we cannot
 * read" (malformed). Every error carries the redacted request (method, url, headers with the API
 * key replaced; never the body), the HTTP status when there was one, and the request id.
 *
 *   IntegrationsError
 *   ├── ClientInputError            bad org slug, unknown provider, no API key (nothing was sent)
 *   │   └── CredentialShapeError    the local shape check failed (nothing was sent)
 *   ├── APIError                    the server answered with a 4xx/5xx
 *   │   ├── BadRequestError          400
 *   │   ├── AuthenticationError      401
 *   │   ├── PermissionDeniedError    403: a key of another org
 *   │   │   └── SubscriptionInactiveError  403 "Subscription is <STATUS>": the org's plan is not ACTIVE/TRIAL
 *   │   ├── NotFoundError            404
 *   │   ├── PayloadTooLargeError     413: the credential or the metadata is over the service's byte limit
 *   │   ├── UnprocessableEntityError 422
 *   │   ├── RateLimitError           429 (thrown when retries ran out or the wait is too long), or the
 *   │   │                            client's own rate budget (status 429, `source: "client-budget"`)
 *   │   ├── PlanLimitError           429 with "Integration limit reached..." (never retried)
 *   │   └── InternalServerError      5xx
 *   ├── APIConnectionError          no response (refused, reset, DNS...)
 *   │   └── APIConnectionTimeoutError  no complete response within timeoutMs
 *   ├── APIUserAbortError           the caller's AbortSignal fired
 *   └── MalformedResponseError      a 2xx whose body is not JSON or not the documented shape
 */
import type { RedactedRequest } from "./redact.js";

export interface ErrorContext {
  request?: RedactedRequest | undefined;
  requestId?: string | null | undefined;
  cause?: unknown;
}

export class IntegrationsError extends Error {
  override name = "IntegrationsError";
  /** The HTTP status of the response, when there was one. */
  readonly status: number | undefined = undefined;
  /** The server's X-Request-ID (or the one the client sent), to quote when reporting a problem. */
  readonly requestId: string | null;
  /** The request, with secret headers redacted and without its body. */
  readonly request: RedactedRequest | undefined;

  constructor(message: string, context: ErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.requestId = context.requestId ?? null;
    this.request = context.request;
  }
}

export class ClientInputError extends IntegrationsError {
  override name = "ClientInputError";
}

export class CredentialShapeError extends ClientInputError {
  override name = "CredentialShapeError";
  constructor(
    readonly provider: string,
    /** What is wrong, naming fields; never quoting the credential. */
    readonly problems: string[],
    context: ErrorContext = {},
  ) {
    super(`the ${provider} credential is not well-formed: ${problems.join("; ")}`, context);
  }
}

export class APIError extends IntegrationsError {
  override name = "APIError";
  override readonly status: number;
  /** The parsed error body (JSON), secrets removed; undefined when it was not JSON. */
  readonly body: unknown;
  /** The server's explanation, flattened to one line. */
  readonly detail: string;

  constructor(status: number, detail: string, body: unknown, context: ErrorContext = {}) {
    super(`${status} ${detail}`, context);
    this.status = status;
    this.detail = detail;
    this.body = body;
  }

  /** The right subclass for a status and body. */
  static fromResponse(
    status: number,
    detail: string,
    body: unknown,
    context: ErrorContext & { retryAfterMs?: number | null; retryAfterKnown?: boolean },
  ): APIError {
    switch (true) {
      case status === 400:
        return new BadRequestError(status, detail, body, context);
      case status === 401:
        return new AuthenticationError(status, detail, body, context);
      case status === 403 && subscriptionStatusOf(detail) !== null:
        return new SubscriptionInactiveError(status, detail, body, context, subscriptionStatusOf(detail)!);
      case status === 403:
        return new PermissionDeniedError(status, detail, body, context);
      case status === 413:
        return new PayloadTooLargeError(status, detail, body, context);
      case status === 404:
        return new NotFoundError(status, detail, body, context);
      case status === 422:
        return new UnprocessableEntityError(status, detail, body, context);
      case status === 429 && isPlanLimitBody(body):
        return new PlanLimitError(status, detail, body, context);
      case status === 429:
        return new RateLimitError(status, detail, body, context, context.retryAfterMs ?? null, context.retryAfterKnown ? "server" : "window");
      case status >= 500:
        return new InternalServerError(status, detail, body, context);
      default:
        return new APIError(status, detail, body, context);
    }
  }
}

export class BadRequestError extends APIError {
  override name = "BadRequestError";
}
export class AuthenticationError extends APIError {
  override name = "AuthenticationError";
}
export class PermissionDeniedError extends APIError {
  override name = "PermissionDeniedError";
}
/** 403 because the org's subscription is not ACTIVE or TRIAL (production: "Subscription is SUSPENDED..."). */
export class SubscriptionInactiveError extends PermissionDeniedError {
  override name = "SubscriptionInactiveError";
  constructor(
    status: number,
    detail: string,
    body: unknown,
    context: ErrorContext,
    /** The status the service named, e.g. SUSPENDED, CANCELLED, EXPIRED. */
    readonly subscriptionStatus: string,
  ) {
    super(status, detail, body, context);
  }
}
export class NotFoundError extends APIError {
  override name = "NotFoundError";
}
/** 413: the credential (100,000 bytes) or the metadata (50 KiB) is over the service's limit. */
export class PayloadTooLargeError extends APIError {
  override name = "PayloadTooLargeError";
}
export class UnprocessableEntityError extends APIError {
  override name = "UnprocessableEntityError";
}
export class RateLimitError extends APIError {
  override name = "RateLimitError";
  constructor(
    status: number,
    detail: string,
    body: unknown,
    context: ErrorContext,
    /**
     * How long to wait before trying again, in ms (always > 0 for a rate limit): the server's word
     * when it gave a wait in the future, else the limiter's window with jitter (see retry.ts).
     */
    readonly retryAfterMs: number | null = null,
    /**
     * Where `retryAfterMs` comes from: "server" (it named a time in the future), "window" (it did
     * not, or named the present, as production does: the limiter's window is assumed), or
     * "client-budget" (nothing was sent: the client's own budget of the service's limits is spent).
     */
    readonly source: "server" | "window" | "client-budget" = "server",
  ) {
    super(status, detail, body, context);
  }

  /** When trying again makes sense, as a date (null when unknown). */
  get retryAt(): Date | null {
    return this.retryAfterMs === null ? null : new Date(this.createdAt + this.retryAfterMs);
  }

  private readonly createdAt = Date.now();
}
/** A 429 that is not about request rate: the org's plan allows no more integrations. */
export class PlanLimitError extends APIError {
  override name = "PlanLimitError";
}
export class InternalServerError extends APIError {
  override name = "InternalServerError";
}

export class APIConnectionError extends IntegrationsError {
  override name = "APIConnectionError";
  /** True when the connection failed before any byte of the request was sent. */
  readonly beforeSend: boolean;
  constructor(message: string, context: ErrorContext & { beforeSend?: boolean } = {}) {
    super(message, context);
    this.beforeSend = context.beforeSend ?? false;
  }
}
export class APIConnectionTimeoutError extends APIConnectionError {
  override name = "APIConnectionTimeoutError";
}
export class APIUserAbortError extends IntegrationsError {
  override name = "APIUserAbortError";
}

export class MalformedResponseError extends IntegrationsError {
  override name = "MalformedResponseError";
  override readonly status: number;
  constructor(
    status: number,
    /** What was wrong, e.g. `integrations.OPENAI.status: expected string, received number`. */
    readonly issues: string[],
    context: ErrorContext = {},
  ) {
    super(`malformed response (HTTP ${status}): ${issues.join("; ")}`, context);
    this.status = status;
  }
}

/** "Subscription is SUSPENDED. Please contact support." -> "SUSPENDED"; null for any other 403. */
export function subscriptionStatusOf(detail: string): string | null {
  return /^Subscription is ([A-Za-z_]+)/.exec(detail)?.[1]?.toUpperCase() ?? null;
}

/** Production's plan limit: a 429 whose `detail` is a string starting "Integration limit reached". */
export function isPlanLimitBody(body: unknown): boolean {
  if (body === null || typeof body !== "object") return false;
  const detail = (body as { detail?: unknown }).detail;
  return typeof detail === "string" && /integration limit reached/i.test(detail);
}
