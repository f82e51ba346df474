/**
 * Worker thread of `lint` on large trees: loads the rules once, then checks the batches of files
 * the pool sends until it is told to stop (see pool.ts).
 */
import { parentPort, workerData } from "node:worker_threads";
import { loadRules } from "../../rules/builtin.js";
import { loadProjectRules } from "../../rules/project.js";
import { checkJob, type JobResult, projectResolver, type WorkerRequest, type WorkerResponse } from "./check-job.js";

const { rulesDir, projectRoot, project } = workerData as { rulesDir?: string; projectRoot?: string; project?: string };
// The same rules as the main thread: --rules DIR, or the project's (already parsed and cached by it).
const rules = rulesDir === undefined && projectRoot !== undefined ? (await loadProjectRules(projectRoot)).rules : await loadRules(rulesDir);
const resolverFor = await projectResolver(project);
parentPort!.on("message", async ({ batch }: WorkerRequest) => {
  const results: JobResult[] = [];
  for (const job of batch) results.push(await checkJob(job, rules, resolverFor));
  parentPort!.postMessage({ results } satisfies WorkerResponse);
});
