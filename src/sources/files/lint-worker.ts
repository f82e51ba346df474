/**
 * Worker thread of `lint` on large trees: loads the rules once, then checks the batches of files
 * the pool sends until it is told to stop (see pool.ts).
 */
import { parentPort, workerData } from "node:worker_threads";
import { loadRules } from "../../rules/builtin.js";
import { checkJob, type JobResult, projectResolver, type WorkerRequest, type WorkerResponse } from "./check-job.js";

const { rulesDir, project } = workerData as { rulesDir?: string; project?: string };
const rules = await loadRules(rulesDir);
const resolverFor = await projectResolver(project);
parentPort!.on("message", async ({ batch }: WorkerRequest) => {
  const results: JobResult[] = [];
  for (const job of batch) results.push(await checkJob(job, rules, resolverFor));
  parentPort!.postMessage({ results } satisfies WorkerResponse);
});
