/**
 * Runs lint jobs on every core: a few hundred files are checked in this thread (starting workers
 * would cost more than it saves); larger trees go to worker_threads, one rules load per worker,
 * fed small batches so a slow file does not leave the other cores idle.
 */
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { bundledFile } from "../../core/dist-files.js";
import type { CompiledRule } from "../../rules/compile.js";
import { checkJob, type JobResult, type LintJob, projectResolver, type WorkerResponse } from "./check-job.js";

/** Below this many files one thread is faster than starting workers. */
export const WORKER_THRESHOLD = 200;

export interface PoolOptions {
  /** Rules for the in-thread path (already loaded by the caller). */
  rules: readonly CompiledRule[];
  /** The --rules directory, for workers to load the same rules. */
  rulesDir?: string;
  /** Else the project root whose rules (rules/project.ts) workers load. */
  projectRoot?: string;
  /** lint --project: the tsconfig whose imports resolve constants (each thread loads it once). */
  project?: string;
  /** Number of threads; default: all cores for large inputs, 1 otherwise. */
  threads?: number;
  onProgress?: (done: number, total: number) => void;
}

export async function runJobs(jobs: readonly LintJob[], options: PoolOptions): Promise<JobResult[]> {
  const threads = Math.min(
    options.threads ?? (jobs.length >= WORKER_THRESHOLD ? availableParallelism() : 1),
    Math.max(1, Math.ceil(jobs.length / 8)),
  );
  const workerFile = workerPath();
  if (threads <= 1 || !workerFile) return runInThread(jobs, options);
  return runInWorkers(jobs, workerFile, threads, options);
}

async function runInThread(jobs: readonly LintJob[], options: PoolOptions): Promise<JobResult[]> {
  const results: JobResult[] = [];
  const resolverFor = await projectResolver(options.project);
  for (const job of jobs) {
    results.push(await checkJob(job, options.rules, resolverFor));
    options.onProgress?.(results.length, jobs.length);
  }
  return results;
}

function runInWorkers(jobs: readonly LintJob[], workerFile: string, threads: number, options: PoolOptions): Promise<JobResult[]> {
  const batchSize = Math.max(4, Math.min(64, Math.ceil(jobs.length / (threads * 8))));
  const results: JobResult[] = new Array(jobs.length);
  let next = 0;
  let done = 0;
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    const retired = new Set<Worker>();
    let finished = 0;
    const fail = (error: unknown) => {
      for (const w of workers) retire(w);
      reject(error);
    };
    const retire = (worker: Worker) => {
      retired.add(worker);
      void worker.terminate();
    };
    const feed = (worker: Worker): boolean => {
      if (next >= jobs.length) return false;
      const start = next;
      const batch = jobs.slice(start, start + batchSize);
      next += batch.length;
      worker.once("message", ({ results: batchResults }: WorkerResponse) => {
        batchResults.forEach((r, i) => (results[start + i] = r));
        done += batchResults.length;
        options.onProgress?.(done, jobs.length);
        if (!feed(worker)) {
          retire(worker);
          if (++finished === workers.length) resolve(results);
        }
      });
      worker.postMessage({ batch });
      return true;
    };
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(workerFile, { workerData: { rulesDir: options.rulesDir, projectRoot: options.projectRoot, project: options.project } });
      worker.on("error", fail);
      // A worker that dies without an error event (out of memory, a native crash) fails the run.
      worker.on("exit", (code) => {
        if (!retired.has(worker)) fail(new Error(`a lint worker stopped unexpectedly (exit code ${code})`));
      });
      workers.push(worker);
    }
    for (const worker of workers) {
      if (!feed(worker)) {
        retire(worker);
        if (++finished === workers.length) resolve(results);
      }
    }
  });
}

/**
 * Why lint --project cannot run here, or undefined when it can: ts-morph (with the TypeScript it
 * bundles, ~40 MB) is an optional peer dependency that only --project uses, so a default install
 * does not have it.
 */
export function projectSupportMissing(): string | undefined {
  try {
    createRequire(import.meta.url).resolve("ts-morph");
    return undefined;
  } catch {
    return "--project needs ts-morph, an optional peer dependency that is not installed: run `npm install --save-dev ts-morph@28`";
  }
}

/** dist/lint-worker.mjs; undefined when running from source (tests import src/). */
function workerPath(): string | undefined {
  return bundledFile("lint-worker.mjs");
}
