/**
 * The request handler: routing under /api/v1/integrations, request ids, authentication (401/403),
 * org slug (400), per-org rate limiting (429), body limits (413), and error answers.
 * Logs one line per request to the log sink: method, path, status, no headers and no bodies.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ORG_SLUG_PATTERN, type ProviderCode, resolveProvider } from "../api/providers.js";
import { dispatchProduction } from "./compat/production.js";
import type { ProductionCompat } from "./compat/production-limits.js";
import { ApiError, readBody, requestIdOf, sendJson } from "./http-util.js";
import {
  type OperationContext,
  deleteIntegration,
  getIntegration,
  listIntegrations,
  setupIntegration,
  updateIntegration,
  validateIntegration,
} from "./integrations.js";
import type { RateLimiter } from "./rate-limit.js";
import { type Answer, type Route, authenticate, routeOf } from "./routing.js";
import type { Store } from "./store.js";

export interface AppDependencies {
  store: Store;
  kek: Buffer;
  pepper: Buffer;
  limiter: RateLimiter;
  providerTimeoutMs: number;
  bodyLimitBytes: number;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  /** Set for `--compat production`: the production service's behaviour instead of the intended one. */
  production?: ProductionCompat | undefined;
}

function providerOf(route: Route): ProviderCode {
  const provider = resolveProvider(route.provider ?? "");
  if (provider === undefined) {
    throw new ApiError(404, `Unknown provider '${route.provider?.slice(0, 40)}'; use one of openai, anthropic, gemini, deepseek, gcp, aws, azure, oci`);
  }
  return provider;
}

async function dispatch(request: IncomingMessage, requestId: string, pathname: string, deps: AppDependencies): Promise<Answer> {
  if (deps.production) return dispatchProduction(request, pathname, deps, deps.production);
  const route = routeOf(pathname);
  if (route === undefined) throw new ApiError(404, "Not Found");
  const action = route.actions[request.method ?? ""];
  if (action === undefined) {
    throw new ApiError(405, "Method Not Allowed", { allow: Object.keys(route.actions).join(", ") });
  }
  const keyOrg = authenticate(request, deps.store, deps.pepper);
  if (!ORG_SLUG_PATTERN.test(route.org)) {
    throw new ApiError(400, "Invalid org slug: 3 to 50 characters, lower-case letters, digits and underscores");
  }
  if (keyOrg !== route.org) throw new ApiError(403, `This API key does not give access to org '${route.org}'`);
  const decision = deps.limiter.take(keyOrg);
  if (!decision.allowed) {
    throw new ApiError(
      429,
      {
        error: "Rate limit exceeded",
        message: `Too many requests for org '${keyOrg}'; retry in ${decision.retryAfterSeconds} s`,
        retry_after: decision.retryAfterSeconds,
      },
      { "retry-after": String(decision.retryAfterSeconds) },
    );
  }
  const ctx: OperationContext = {
    store: deps.store,
    kek: deps.kek,
    orgSlug: keyOrg,
    requestId,
    providerTimeoutMs: deps.providerTimeoutMs,
    env: deps.env,
  };
  if (action === "list") return { status: 200, body: listIntegrations(ctx) };
  const provider = providerOf(route);
  switch (action) {
    case "get":
      return { status: 200, body: getIntegration(ctx, provider) };
    case "setup":
      return { status: 200, body: await setupIntegration(ctx, provider, await readBody(request, deps.bodyLimitBytes)) };
    case "update":
      return { status: 200, body: await updateIntegration(ctx, provider, await readBody(request, deps.bodyLimitBytes)) };
    case "validate":
      return { status: 200, body: await validateIntegration(ctx, provider) };
    case "delete":
      return { status: 200, body: deleteIntegration(ctx, provider) };
  }
}

export function createHandler(deps: AppDependencies): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const started = performance.now();
    const requestId = requestIdOf(request);
    // Only the path is logged: no query string (a Gemini-style ?key= must never reach a log).
    const pathname = (request.url ?? "/").split("?")[0] ?? "/";
    response.setHeader("x-request-id", requestId);
    response.on("finish", () => {
      const ms = Math.round(performance.now() - started);
      deps.log(`${new Date().toISOString()} ${requestId} ${request.method} ${pathname.slice(0, 200)} ${response.statusCode} ${ms}ms`);
    });
    dispatch(request, requestId, pathname, deps).then(
      ({ status, body, headers }) => sendJson(response, status, body, headers),
      (error: unknown) => {
        if (error instanceof ApiError) {
          sendJson(response, error.status, { detail: error.detail, request_id: requestId }, error.headers);
          return;
        }
        // The message of an unexpected error may quote input; log only its type and where it came from.
        const where = error instanceof Error ? (error.stack?.split("\n")[1]?.trim() ?? "") : "";
        deps.log(`${new Date().toISOString()} ${requestId} internal error ${error instanceof Error ? error.name : typeof error} ${where}`);
        if (response.headersSent) {
          response.destroy();
          return;
        }
        sendJson(response, 500, { error: "internal_error", message: "Internal server error", request_id: requestId });
      },
    );
  };
}
