/**
 * `integration-setup serve --compat production`: the reference server answering the way the
 * production integrations service does (measured from its source; docs/server.md and
 * docs/client.md list each behaviour), so the client and the CLI are tested against both the
 * intended and the real behaviour with one real server:
 *
 * - routes: setup and validate exist only for gcp, openai, anthropic, gemini, deepseek (others 404);
 *   gemini/deepseek validate answer 400; an unknown provider on GET/PUT/DELETE is a 400;
 * - rate limits: ONE sliding window per org (setup/PUT/DELETE 10 a minute, validate 30, reads 100, a
 *   single-provider GET counted twice, 1000 an hour), answered `429 {detail: {error, message,
 *   retry_after: int(now)}}` without Retry-After; a global limit answers a top-level `{error,
 *   message, retry_after}` with `Retry-After: <epoch seconds>`;
 * - 403 "Subscription is <STATUS>. Please contact support." on setup when the org's subscription is
 *   not ACTIVE or TRIAL; the plan limit is a 429 with a string detail;
 * - the rest (duplicates, validate on nothing, 10 providers, 500 on a bad row...) in
 *   production-operations.ts.
 */
import type { IncomingMessage } from "node:http";
import type { RateClass } from "../../api/rate-limits.js";
import { ORG_SLUG_PATTERN, type ProviderCode } from "../../api/providers.js";
import { parseCredentialBody } from "../body.js";
import { ApiError, readBody } from "../http-util.js";
import { type Action, type Answer, authenticate, routeOf } from "../routing.js";
import type { Store } from "../store.js";
import { type ProductionCompat, nowSeconds, takeOrgBudget } from "./production-limits.js";
import { subscriptionOf } from "./production-store.js";
import {
  type ProductionContext,
  deleteLikeProduction,
  getLikeProduction,
  listLikeProduction,
  setupLikeProduction,
  updateLikeProduction,
  validateLikeProduction,
} from "./production-operations.js";

/** The providers production has setup and validate routes for (by URL segment). */
const SETUP_ROUTES = new Map<string, ProviderCode>([
  ["gcp", "GCP_SA"],
  ["openai", "OPENAI"],
  ["anthropic", "ANTHROPIC"],
  ["gemini", "GEMINI"],
  ["deepseek", "DEEPSEEK"],
]);

const RATE_CLASS: Readonly<Record<Action, RateClass>> = {
  list: "read",
  get: "read",
  setup: "write",
  update: "write",
  delete: "write",
  validate: "validate",
};

/** What the production mode needs of the server (a part of app.ts's dependencies). */
export interface ProductionDependencies {
  store: Store;
  kek: Buffer;
  pepper: Buffer;
  providerTimeoutMs: number;
  bodyLimitBytes: number;
  env: NodeJS.ProcessEnv;
}

export async function dispatchProduction(
  request: IncomingMessage,
  pathname: string,
  deps: ProductionDependencies,
  compat: ProductionCompat,
): Promise<Answer> {
  if (!compat.global.take("global", compat.globalPerMinute)) {
    const at = nowSeconds();
    return {
      status: 429,
      body: { error: "Rate limit exceeded", message: "Global rate limit exceeded", retry_after: at },
      headers: { "retry-after": String(at) },
    };
  }
  const route = routeOf(pathname);
  if (route === undefined) throw new ApiError(404, "Not Found");
  const action = route.actions[request.method ?? ""];
  const setupCode = route.provider === undefined ? undefined : SETUP_ROUTES.get(route.provider);
  // FastAPI has no setup/validate route for the other providers: the path itself is unknown.
  if (route.actions.POST && setupCode === undefined) throw new ApiError(404, "Not Found");
  if (action === undefined) throw new ApiError(405, "Method Not Allowed", { allow: Object.keys(route.actions).join(", ") });

  const keyOrg = authenticate(request, deps.store, deps.pepper);
  if (action === "setup") {
    const subscription = subscriptionOf(deps.store, keyOrg);
    if (subscription && !["ACTIVE", "TRIAL"].includes(subscription.status)) {
      throw new ApiError(403, `Subscription is ${subscription.status}. Please contact support.`);
    }
  }
  // FastAPI validates the body (422) before the endpoint's own checks run (slug, rate limit...).
  const body =
    action === "setup" || action === "update"
      ? parseCredentialBody(await readBody(request, deps.bodyLimitBytes), action, { metadataSize: false })
      : undefined;
  if (!ORG_SLUG_PATTERN.test(route.org)) throw new ApiError(400, "Invalid org slug format");
  takeOrgBudget(compat, keyOrg, RATE_CLASS[action]);
  if (keyOrg !== route.org) throw new ApiError(403, "Cannot access integrations of another organization");

  const ctx: ProductionContext = {
    store: deps.store,
    kek: deps.kek,
    orgSlug: keyOrg,
    providerTimeoutMs: deps.providerTimeoutMs,
    env: deps.env,
    compat,
  };
  switch (action) {
    case "list":
      return { status: 200, body: listLikeProduction(ctx) };
    case "get":
      return { status: 200, body: getLikeProduction(ctx, route.provider!) };
    case "setup":
      return { status: 200, body: await setupLikeProduction(ctx, setupCode!, body!) };
    case "validate":
      return { status: 200, body: await validateLikeProduction(ctx, setupCode!) };
    case "update":
      return { status: 200, body: await updateLikeProduction(ctx, route.provider!, body!) };
    case "delete":
      return { status: 200, body: deleteLikeProduction(ctx, route.provider!) };
  }
}
