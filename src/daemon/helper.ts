/**
 * The daemon's side of its helper thread (helper-thread.ts): a ParallelChecker for judge.ts.
 * Any failure (no built file, the thread died, no answer in time, not warm yet) rejects, and judge
 * checks the file in the main thread instead: correctness never depends on the helper.
 *
 * The thread is a second V8 heap with its own parsers: 20-40 MB resident. So it starts with the
 * first "before" check (an Edit), not with the daemon, and is released when the daemon rests (no
 * hook call for a while: idle-gc.ts); the next "before" check starts a new one. Until a thread is
 * warm, the main thread checks the "before" files itself.
 */
import { Worker } from "node:worker_threads";
import { bundledFile } from "../core/dist-files.js";
import type { Document } from "../core/types.js";
import type { ParallelChecker } from "../hook/judge.js";
import type { HelperRequest, HelperResponse } from "./helper-thread.js";

/** Longer than any check of a 2 MB file; a stuck helper must not hold a hook call for long. */
const ANSWER_TIMEOUT_MS = 5_000;

interface Pending {
  resolve(fingerprints: string[]): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** released: no thread (none yet, or the daemon rested), the next "before" check starts one; starting: warming up; ready: answers; gone: failed, never restarted. */
export type HelperState = "starting" | "ready" | "released" | "gone";

export class HelperThread implements ParallelChecker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** "before" checks the helper answered. */
  answered = 0;
  /** Threads started, the first one included. */
  starts = 0;
  state: HelperState = "released";

  constructor(
    private readonly file: string,
    private readonly dir: string,
  ) {}

  fingerprints(doc: Document): Promise<readonly string[]> {
    if (this.state === "released") this.start();
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error("no helper thread"));
    // A new thread is cold (its module loads, then its warm-up): the main thread is faster.
    if (this.state !== "ready") return Promise.reject(new Error("the helper thread is warming up"));
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error("the helper thread did not answer in time"));
      }, ANSWER_TIMEOUT_MS);
      timer.unref();
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, doc } satisfies HelperRequest);
    });
  }

  /** The daemon rests: the thread and its heap go; the next "before" check starts another. */
  release(): void {
    if (this.state === "released" || this.state === "gone") return; // also while it warms up: it would sit idle, warm for nothing
    const worker = this.worker;
    this.fail("the helper thread was released");
    this.state = "released";
    void worker?.terminate();
  }

  stop(): void {
    const worker = this.worker;
    this.fail("the daemon is stopping");
    void worker?.terminate();
  }

  private start(): void {
    const worker = new Worker(this.file, { workerData: { dir: this.dir } });
    this.worker = worker;
    this.state = "starting";
    this.starts++;
    worker.unref(); // the daemon's lifetime is its own (server.ts), not the helper's
    worker.on("message", (response: HelperResponse) => this.worker === worker && this.settle(response));
    // A released thread's exit must not touch the one started after it.
    worker.on("error", () => this.worker === worker && this.fail("the helper thread failed"));
    worker.on("exit", () => this.worker === worker && this.fail("the helper thread exited"));
  }

  private settle(response: HelperResponse): void {
    if ("ready" in response) {
      this.state = "ready";
      return;
    }
    const pending = this.pending.get(response.id);
    if (!pending) return; // timed out meanwhile
    this.pending.delete(response.id);
    clearTimeout(pending.timer);
    if ("error" in response) return pending.reject(new Error(response.error));
    this.answered++;
    pending.resolve(response.fingerprints);
  }

  private fail(why: string): void {
    this.worker = undefined;
    this.state = "gone";
    for (const { reject, timer } of this.pending.values()) {
      clearTimeout(timer);
      reject(new Error(why));
    }
    this.pending.clear();
  }
}

/** The helper thread, or undefined when running from source (no built dist/daemon-helper.mjs). */
export function startHelper(dir: string): HelperThread | undefined {
  const file = bundledFile("daemon-helper.mjs");
  try {
    return file ? new HelperThread(file, dir) : undefined;
  } catch {
    return undefined;
  }
}
