/**
 * Garbage collection between requests, for the daemon and its helper thread (both run with
 * --expose-gc, client.ts). A request leaves its ASTs behind (tens of MB for a large file); they
 * are collected once the thread has been idle for a moment, so the next request starts with an
 * empty young generation instead of paying for scavenges mid-check. Not at once: the client is
 * still reading its answer and exiting then, and a collection competes with it for the CPU
 * (measured on 2 cores: an Edit of a 1,200-line file ~5 ms faster with the delay).
 *
 * After a pause (no request for REST_MS, 30 s: the user reads or thinks, the agent waits), and
 * at the first 1 s pause after warm-up (server.ts), the daemon rests: V8's "last resort" full collection, which
 * also gives back the pages a large request made the heap grow by (old space, the young
 * generation, V8's pool of free pages) and oxc's raw-transfer buffer, which a young collection
 * keeps (measured, Node 24, 45 mixed TS / Python / SQL Writes, bench/daemon-warmup.mjs --idle: 100
 * MB resident after it, 135 MB with a young collection instead, 145 MB with a regular full one).
 * A full collection also clears the maps no live object uses, and V8 throws away the optimised
 * code that embeds them: the daemon runs it while small specimen files are inside the adapters
 * (keep-shapes.ts), which keeps most of that code. The request after a rest still costs 2-4x its
 * usual CPU (Node 24: ~50 ms for the 1,200-line TS Write, ~14 ms in a session), so not sooner:
 * calls within a session come seconds apart.
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

  /**
   * restMs: how long without a request before resting. onRest: runs first (the daemon releases its
   * helper thread there). collectWith: runs the full collection (the daemon's keeps the hot code's
   * object shapes alive meanwhile: keep-shapes.ts).
   */
  constructor(private readonly options: { restMs?: number; onRest?: () => void; collectWith?: (collect: () => void) => unknown } = {}) {}

  /** A request started: no collection during it. */
  cancel(): void {
    clearTimeout(this.timer);
    clearTimeout(this.longTimer);
  }

  /** A request (or the warm-up) ended: collect after IDLE_MS, and rest after `restMs`, unless another one starts (or `stillIdle` says no). */
  collectSoon(stillIdle: () => boolean = () => true, restMs = this.options.restMs ?? REST_MS): void {
    this.cancel();
    const gc = (globalThis as { gc?: Collect }).gc;
    if (gc) {
      this.timer = setTimeout(() => stillIdle() && gc({ type: "minor" }), IDLE_MS);
      this.timer.unref();
    }
    // Without gc() (a daemon started by hand without client.ts's flags) it still rests: onRest.
    this.longTimer = setTimeout(() => stillIdle() && this.rest(), restMs);
    this.longTimer.unref();
  }

  private rest(): void {
    this.rests++;
    this.options.onRest?.();
    if (this.options.collectWith) this.options.collectWith(collectAll);
    else collectAll();
  }
}
