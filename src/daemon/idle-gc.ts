/**
 * Garbage collection between requests, for the daemon and its helper thread (both run with
 * --expose-gc, client.ts). A request leaves its ASTs behind (tens of MB for a large file); they
 * are collected once the thread has been idle for a moment, so the next request starts with an
 * empty young generation instead of paying for scavenges mid-check. Not at once: the client is
 * still reading its answer and exiting then, and a collection competes with it for the CPU
 * (measured on 2 cores: an Edit of a 1,200-line file ~5 ms faster with the delay).
 *
 * After a pause (no request for 30 s: the user reads or thinks, the agent waits), V8's "last
 * resort" full collection: it also gives back the pages a large request made the heap grow by (old
 * space, the young generation, V8's pool of free pages), which a young collection keeps (measured,
 * Node 24, 10 calls each of TS, Python, SQL and shell: 89 MB resident with it, 156+ MB without).
 * Not sooner: the request after any full collection runs several times slower (measured, Node 22,
 * a 1,000-line Python file 1.4 s after the previous call: 48 ms daemon-side without, 159 ms with
 * a full collection in between, the same with a regular one), and calls within a session come
 * seconds apart.
 */
const IDLE_MS = 20;
const LONG_IDLE_MS = 30_000;

type Collect = (options: { type: "minor" | "major"; flavor?: "regular" | "last-resort" }) => void;

/** Everything collectable, and the memory it held given back (after warm-up, and after LONG_IDLE_MS without a request). */
export function collectAll(): void {
  (globalThis as { gc?: Collect }).gc?.({ type: "major", flavor: "last-resort" });
}

export class IdleCollector {
  private timer: NodeJS.Timeout | undefined;
  private longTimer: NodeJS.Timeout | undefined;

  /** A request started: no collection during it. */
  cancel(): void {
    clearTimeout(this.timer);
    clearTimeout(this.longTimer);
  }

  /** A request ended: collect after IDLE_MS, and fully after LONG_IDLE_MS, unless another one starts (or `stillIdle` says no). */
  collectSoon(stillIdle: () => boolean = () => true): void {
    this.cancel();
    const gc = (globalThis as { gc?: Collect }).gc;
    if (!gc) return;
    this.timer = setTimeout(() => stillIdle() && gc({ type: "minor" }), IDLE_MS);
    this.longTimer = setTimeout(() => stillIdle() && collectAll(), LONG_IDLE_MS);
    this.timer.unref();
    this.longTimer.unref();
  }
}
