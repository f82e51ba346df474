/**
 * The production service's rate limiter, as measured from its source (docs/client.md, "What was
 * measured"): ONE sliding window per org that counts every request, checked against a limit that
 * depends on the operation (setup, update and delete 10 per minute, validate 30, reads 100), plus
 * 1000 per hour. A request passes a check when fewer than `limit` requests are in the window, and
 * is then counted; a single-provider GET makes two read checks (it runs the list too).
 *
 * Shared by the reference server's `--compat production` mode (which enforces it) and the client's
 * optional in-process budget (which waits for it instead of being refused).
 */
export type RateClass = "write" | "validate" | "read";

export interface RateLimits {
  windowMs: number;
  perWindow: Readonly<Record<RateClass, number>>;
  perHour: number;
}

export const PRODUCTION_RATE_LIMITS: RateLimits = {
  windowMs: 60_000,
  perWindow: { write: 10, validate: 30, read: 100 },
  perHour: 1000,
};

const HOUR_MS = 3_600_000;

export class SlidingWindow {
  /** Per key, the times of the counted requests of the last hour, oldest first. */
  private readonly log = new Map<string, number[]>();

  constructor(
    readonly limits: RateLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** One check as the service makes it: passes (and counts) when the window holds fewer than `limit`. */
  take(key: string, limit: number): boolean {
    if (this.waitMs(key, limit, 1) > 0) return false;
    this.record(key);
    return true;
  }

  /** Counts one request now. */
  record(key: string): void {
    const times = this.recent(key);
    times.push(this.now());
    this.log.set(key, times);
  }

  /**
   * How long until `checks` checks in a row at `limit` would all pass (0 = now). Nothing is counted.
   */
  waitMs(key: string, limit: number, checks = 1): number {
    const now = this.now();
    const times = this.recent(key);
    const inWindow = times.filter((at) => at > now - this.limits.windowMs);
    return Math.max(
      waitFor(inWindow, limit, checks, this.limits.windowMs, now),
      waitFor(times, this.limits.perHour, checks, HOUR_MS, now),
    );
  }

  private recent(key: string): number[] {
    const now = this.now();
    return (this.log.get(key) ?? []).filter((at) => at > now - HOUR_MS);
  }
}

/** Time until enough of `times` (oldest first) have left a `spanMs` window for `checks` more under `limit`. */
function waitFor(times: number[], limit: number, checks: number, spanMs: number, now: number): number {
  const excess = times.length - (limit - checks);
  if (excess <= 0) return 0;
  const leaving = times[excess - 1];
  // More checks than the limit allows at all: never; callers see a wait of a whole span.
  if (leaving === undefined) return spanMs;
  return Math.max(1, leaving + spanMs - now + 1);
}
