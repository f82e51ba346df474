/**
 * An optional in-process budget of the service's rate limits (src/api/rate-limits.ts: the same
 * sliding window the production service keeps per org). Every client given the same RateBudget
 * shares it: before each attempt the client asks how long until the request fits and waits that
 * long, or throws RateLimitError (source "client-budget", nothing sent) when the wait is beyond
 * maxRetryWaitMs, instead of spending a request on a 429 that would also count against the org.
 * A 429 from the server blocks the org's budget for the wait the client chose.
 *
 * It only knows this process's requests: other processes using the same org's key spend the same
 * server-side budget unseen, and then the server's 429 still decides.
 */
import { PRODUCTION_RATE_LIMITS, type RateClass, type RateLimits, SlidingWindow } from "../api/rate-limits.js";
import type { Operation } from "./retry.js";

/** What one call costs in the service's limiter: its class and how many checks it makes. */
export function rateCostOf(operation: Operation): { rateClass: RateClass; checks: number } {
  switch (operation) {
    case "list":
      return { rateClass: "read", checks: 1 };
    case "get":
      // The single-provider GET is checked, then runs the list, which is checked again.
      return { rateClass: "read", checks: 2 };
    case "validate":
      return { rateClass: "validate", checks: 1 };
    default:
      return { rateClass: "write", checks: 1 };
  }
}

export class RateBudget {
  private readonly window: SlidingWindow;
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    limits: RateLimits = PRODUCTION_RATE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.window = new SlidingWindow(limits, now);
  }

  /** How long until a call fits the budget of `key` (an org at a base URL); 0 = now. */
  waitMs(key: string, operation: Operation): number {
    const { rateClass, checks } = rateCostOf(operation);
    const blocked = (this.blockedUntil.get(key) ?? 0) - this.now();
    return Math.max(0, blocked, this.window.waitMs(key, this.window.limits.perWindow[rateClass], checks));
  }

  /** Counts a call that is being sent. */
  spend(key: string, operation: Operation): void {
    for (let i = 0; i < rateCostOf(operation).checks; i++) this.window.record(key);
  }

  /** The server refused with a 429: nothing more for `key` for `waitMs`. */
  block(key: string, waitMs: number): void {
    this.blockedUntil.set(key, Math.max(this.blockedUntil.get(key) ?? 0, this.now() + waitMs));
  }
}

let shared: RateBudget | undefined;

/** One budget for the whole process (the CLI uses it), with the production service's limits. */
export function sharedRateBudget(): RateBudget {
  shared ??= new RateBudget();
  return shared;
}
