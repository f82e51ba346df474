/** The rate limiting of `--compat production` (see production.ts and src/api/rate-limits.ts). */
import { PRODUCTION_RATE_LIMITS, type RateClass, type RateLimits, SlidingWindow } from "../../api/rate-limits.js";
import { ApiError } from "../http-util.js";

export interface ProductionOptions {
  /** The per-org limits. Default: production's (PRODUCTION_RATE_LIMITS). */
  rateLimits?: RateLimits;
  /** Requests per minute for the whole server. Default 10,000. */
  globalPerMinute?: number;
}

export interface ProductionCompat {
  perOrg: SlidingWindow;
  global: SlidingWindow;
  globalPerMinute: number;
}

export function productionCompat(options: ProductionOptions = {}): ProductionCompat {
  const globalPerMinute = options.globalPerMinute ?? 10_000;
  return {
    perOrg: new SlidingWindow(options.rateLimits ?? PRODUCTION_RATE_LIMITS),
    global: new SlidingWindow({ windowMs: 60_000, perWindow: { write: globalPerMinute, validate: globalPerMinute, read: globalPerMinute }, perHour: Number.MAX_SAFE_INTEGER }),
    globalPerMinute,
  };
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Production's per-org 429: `retry_after` is the reset of a window that starts now minus the window, i.e. now. */
export function takeOrgBudget(compat: ProductionCompat, org: string, rateClass: RateClass): void {
  if (compat.perOrg.take(org, compat.perOrg.limits.perWindow[rateClass])) return;
  throw new ApiError(429, { error: "Rate limit exceeded", message: `Too many requests for org ${org}`, retry_after: nowSeconds() });
}

