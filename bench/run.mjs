#!/usr/bin/env node
// `npm run bench`: every benchmark, each running its baselines side by side in the same run.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const BENCHES = ["hook-latency.mjs", "backstop-latency.mjs", "lint-tree.mjs"];
let failed = false;
for (const bench of BENCHES) {
  const path = fileURLToPath(new URL(bench, import.meta.url));
  if (!existsSync(path)) continue;
  console.log(`\n== ${bench}`);
  const r = spawnSync(process.execPath, [path, ...process.argv.slice(2)], { stdio: "inherit" });
  failed ||= r.status !== 0;
}
process.exitCode = failed ? 1 : 0;
