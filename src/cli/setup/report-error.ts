/**
 * Turns any failure into one line of prose on stderr (plus what to do), an optional JSON error on
 * stdout, and an exit code. Messages come from the client's errors, which are already redacted.
 */
import { segmentOf } from "../../api/providers.js";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ClientInputError,
  CredentialShapeError,
  IntegrationsError,
  InternalServerError,
  MalformedResponseError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  PlanLimitError,
  RateLimitError,
  SubscriptionInactiveError,
} from "../../client/index.js";
import { EXIT, type ExitCode } from "../../core/setup-exit-codes.js";
import { type Io, colorsFor, writeLine } from "./io.js";
import { CancelledError, UsageError } from "./options.js";

export interface ErrorScene {
  /** The command that failed ("" before one was chosen): names the --help to suggest. */
  command: string;
  json: boolean;
  baseUrl?: string;
  provider?: string;
}

export function reportError(error: unknown, io: Io, scene: ErrorScene): ExitCode {
  const c = colorsFor(io.stderr, io.env);
  const { code, message, hint } = describe(error, scene);
  writeLine(io.stderr, `${c.red("error")}: ${message}`);
  if (hint) writeLine(io.stderr, `  ${hint}`);
  if (error instanceof IntegrationsError && error.status !== undefined && error.requestId) writeLine(io.stderr, c.dim(`  request id: ${error.requestId}`));
  if (code === EXIT.usage && scene.command !== "" && !(error instanceof ClientInputError)) {
    writeLine(io.stderr, `  run 'integration-setup ${scene.command === "setup" ? "<provider>" : scene.command} --help' for usage`);
  }
  if (scene.json) {
    const payload = {
      error: {
        type: error instanceof Error ? error.name : "Error",
        message,
        status: error instanceof IntegrationsError ? (error.status ?? null) : null,
        request_id: error instanceof IntegrationsError ? error.requestId : null,
      },
    };
    writeLine(io.stdout, JSON.stringify(payload));
  }
  return code;
}

function describe(error: unknown, scene: ErrorScene): { code: ExitCode; message: string; hint?: string } {
  const segment = scene.provider ? segmentOf(scene.provider) : undefined;
  if (error instanceof UsageError) return { code: EXIT.usage, message: error.message };
  if (error instanceof CancelledError) return { code: EXIT.failed, message: "cancelled: nothing was sent" };
  if (error instanceof CredentialShapeError) {
    return { code: EXIT.failed, message: `the credential was not sent: ${error.problems.join("; ")}` };
  }
  if (error instanceof ClientInputError) return { code: EXIT.usage, message: error.message };
  if (error instanceof AuthenticationError) {
    return { code: EXIT.auth, message: `the API refused the API key (401): ${error.detail}`, hint: "set INTEGRATIONS_API_KEY (or --api-key-file) to this org's key" };
  }
  if (error instanceof SubscriptionInactiveError) {
    return {
      code: EXIT.failed,
      message: `the org's subscription is ${error.subscriptionStatus} (403): the API stores no credential until it is ACTIVE or TRIAL`,
      hint: "this is not a key problem: contact support or reactivate the subscription, then run the setup again",
    };
  }
  if (error instanceof PermissionDeniedError) {
    return { code: EXIT.auth, message: `the API key is not allowed here (403): ${error.detail}`, hint: "the key belongs to another org: use the key of the org in the command" };
  }
  if (error instanceof PlanLimitError) {
    return { code: EXIT.failed, message: error.detail, hint: "the org's plan allows no more integrations: delete one (integration-setup delete) or upgrade the plan" };
  }
  if (error instanceof RateLimitError) return describeRateLimit(error);
  if (error instanceof PayloadTooLargeError) {
    return { code: EXIT.failed, message: `too large for the API (413): ${error.detail}`, hint: "a credential may have 100,000 bytes at most, metadata 50 KiB" };
  }
  if (error instanceof NotFoundError && scene.command === "validate" && ["AWS_IAM", "AZURE", "OCI"].includes(scene.provider ?? "")) {
    return { code: EXIT.failed, message: `no validate route for ${segment} (404)`, hint: "the production API only validates gcp, openai and anthropic" };
  }
  if (error instanceof NotFoundError && scene.command === "setup" && ["AWS_IAM", "AZURE", "OCI"].includes(scene.provider ?? "")) {
    return { code: EXIT.failed, message: `no setup route for ${segment} (404)`, hint: "the production API only has setup for gcp, openai, anthropic, gemini and deepseek" };
  }
  if (error instanceof BadRequestError && scene.command === "validate" && ["GEMINI", "DEEPSEEK"].includes(scene.provider ?? "")) {
    return { code: EXIT.failed, message: `the API cannot validate ${segment} (400): ${error.detail}`, hint: `re-run the setup to re-check the key: integration-setup ${segment} <org> --credential-file FILE` };
  }
  if (error instanceof APIConnectionTimeoutError) {
    return { code: EXIT.failed, message: `no response from ${scene.baseUrl ?? "the API"} in time`, hint: "raise --timeout-ms, or check the API's health" };
  }
  if (error instanceof APIConnectionError) {
    return { code: EXIT.failed, message: `${error.message} at ${scene.baseUrl ?? "the base URL"}`, hint: "is the API running? set --base-url or INTEGRATIONS_API_URL" };
  }
  if (error instanceof APIUserAbortError) return { code: EXIT.failed, message: "interrupted" };
  if (error instanceof InternalServerError && scene.command !== "debug") {
    return { code: EXIT.failed, message: error.message, hint: "a stored row the API cannot read breaks every read of the org: 'integration-setup debug <org>' finds it" };
  }
  if (error instanceof MalformedResponseError) {
    return { code: EXIT.failed, message: error.message, hint: "the server's answer does not match the API contract: run 'integration-setup debug <org>'" };
  }
  if (error instanceof IntegrationsError) return { code: EXIT.failed, message: error.message };
  // Not ours: say what it is without a stack (a stack can quote values).
  return { code: EXIT.failed, message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}

/**
 * How long to wait, in real terms: the server's own time when it named one, else the limiter's
 * window (production's 429 names the present moment, which says nothing).
 */
function describeRateLimit(error: RateLimitError): { code: ExitCode; message: string; hint: string } {
  const waitMs = error.retryAfterMs ?? 60_000;
  const wait = `wait ${formatDuration(waitMs)} (until ${clockTime(new Date(Date.now() + waitMs))})`;
  const why =
    error.source === "client-budget"
      ? "not sent: this command already used the org's share of the API's rate limit"
      : error.source === "window"
        ? "the API's rate limit for this org is spent (it counts setup, update and delete 10 a minute, validate 30, reads 100, all together)"
        : "the API's rate limit for this org is spent";
  return { code: EXIT.failed, message: `rate limited: ${why}`, hint: `${wait}, then run the command again` };
}

export function formatDuration(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

function clockTime(date: Date): string {
  return `${date.toISOString().slice(11, 19)} UTC`;
}
