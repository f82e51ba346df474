/**
 * Garbage collection between requests, for the daemon and its helper thread (both run with
 * --expose-gc, client.ts). A request leaves its ASTs behind (tens of MB for a large file); they
 * are collected once the thread has been idle for a moment, so the next request starts with an
 * empty young generation instead of paying for scavenges mid-check. Not at once: the client is
 * still reading its answer and exiting then, and a collection competes with it for the CPU
 * (measured on 2 cores: an Edit of a 1,200-line file ~5 ms faster with the delay).
 *
 * After a pause (no request for REST_MS, 30 s: the user reads or thinks, the agent waits; also 30 s after
 * warm-up when no request came), V8's "last resort" full collection: it also gives back the pages
 * a large request made the heap grow by (old space, the young generation, V8's pool of free
 * pages) and oxc's raw-transfer buffer, which a young collection keeps (measured, Node 24, 45
 * mixed TS / Python / SQL Writes, bench/daemon-warmup.mjs --idle: 100 MB resident after it,
 * 135 MB with a young collection instead, 145 MB with a regular full one). It costs the next
 * request dearly: it clears the maps optimised code depends on, so that code is thrown away and
 * V8 re-optimises during the next requests (same bench: daemon CPU of the next 1,200-line TS
 * Write 78-85 ms, ~14 ms before; of the 1,000-line Python one 135-139 ms, ~18 ms before; 21 and
 * 29 ms with a young collection instead; a regular full collection does the same damage; running
 * the warm-up again right after it kept them at 25 / 34 ms, but the heap grew back: 108-118 MB).
 * So not sooner, and never right after warm-up: calls within a session come seconds apart.
 */
const IDLE_MS = 20;
/** After this long without a request the daemon rests (INTEGRATION_GUARD_DAEMON_REST_MS changes it: server.ts). */
export const REST_MS = 30_000;

type Collect = (options: { type: "minor" | "major"; flavor?: "regular" | "last-resort" }) => void;

/** Everything collectable, and the memory it held given back (after REST_MS without a request). */
export function collectAll(): void {
  (globalThis as { gc?: Collect }).gc?.({ type: "major", flavor: "last-resort" });
}

export class IdleCollector {
  private timer: NodeJS.Timeout | undefined;
  private longTimer: NodeJS.Timeout | undefined;
  /** Times the full collection ran (daemon --status). */
  rests = 0;

  /** `onRest`: runs before the full collection (the daemon releases its helper thread there). */
  constructor(
    private readonly restMs = REST_MS,
    private readonly onRest?: () => void,
  ) {}

  /** A request started: no collection during it. */
  cancel(): void {
    clearTimeout(this.timer);
    clearTimeout(this.longTimer);
  }

  /** A request (or the warm-up) ended: collect after IDLE_MS, and fully after restMs, unless another one starts (or `stillIdle` says no). */
  collectSoon(stillIdle: () => boolean = () => true): void {
    this.cancel();
    const gc = (globalThis as { gc?: Collect }).gc;
    if (gc) {
      this.timer = setTimeout(() => stillIdle() && gc({ type: "minor" }), IDLE_MS);
      this.timer.unref();
    }
    // Without gc() (a daemon started by hand without client.ts's flags) it still rests: onRest.
    this.longTimer = setTimeout(() => stillIdle() && this.rest(), this.restMs);
    this.longTimer.unref();
  }

  private rest(): void {
    this.rests++;
    this.onRest?.();
    collectAll();
  }
}
