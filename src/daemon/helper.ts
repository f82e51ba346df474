/**
 * The daemon's side of its helper thread (helper-thread.ts): a ParallelChecker for judge.ts.
 * Any failure (no built file, the thread died, no answer in time) rejects, and judge checks the
 * file in the main thread instead: correctness never depends on the helper.
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

export class HelperThread implements ParallelChecker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** "before" checks the helper answered. */
  answered = 0;
  /** Its warm-up is over (or it is gone: nothing left to wait for). */
  ready = false;

  constructor(file: string, dir: string) {
    this.worker = new Worker(file, { workerData: { dir } });
    this.worker.unref(); // the daemon's lifetime is its own (server.ts), not the helper's
    this.worker.on("message", (response: HelperResponse) => this.settle(response));
    this.worker.on("error", () => this.fail("the helper thread failed"));
    this.worker.on("exit", () => this.fail("the helper thread exited"));
  }

  fingerprints(doc: Document): Promise<readonly string[]> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error("no helper thread"));
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

  stop(): void {
    const worker = this.worker;
    this.fail("the daemon is stopping");
    void worker?.terminate();
  }

  private settle(response: HelperResponse): void {
    if ("ready" in response) {
      this.ready = true;
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
    this.ready = true;
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
