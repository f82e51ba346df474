#!/usr/bin/env node
// Lint benchmark, standalone (`node bench/lint-tree.mjs`, after `node scripts/build.mjs`):
//  1. a whole tree: integration-guard lint vs ESLint 9 (no-restricted-syntax selectors, typescript
//     parser, --concurrency auto) vs the ast-grep CLI, on the same generated tree.
//     Targets: >= 5x faster than ESLint, within 2x of ast-grep.
//  2. `lint --staged` on a 20-file commit vs `node -e 0` (median of several runs; target within 2x).
// Options: --files N (default 2000), --runs N (default 3; ESLint runs once).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { generateTree } from "./lint-tree-generate.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const BIN = process.env.IG_BIN ?? join(root, "dist", "integration-guard.cjs");
// Not strict: bench/run.mjs passes its own arguments to every benchmark.
const { values } = parseArgs({ strict: false, options: { files: { type: "string" }, runs: { type: "string" } } });
const FILES = Number(values.files ?? 2000);
const RUNS = Number(values.runs ?? 3);

const dir = mkdtempSync(join(tmpdir(), "ig-bench-lint-"));
try {
  const tree = generateTree(dir, { files: FILES });
  console.log(
    `tree: ${tree.files} TypeScript files, ${tree.lines.toLocaleString("en")} lines, ${tree.violating} with a violation, ` +
      `${tree.mentioning} mention "integration" (the rest the text pre-check skips without parsing); ${availableParallelism()} cores`,
  );

  const tools = [
    { name: "integration-guard lint", runs: RUNS, cmd: [process.execPath, BIN, "lint", "--format", "json", "."], count: (out) => JSON.parse(out).findings.length },
    {
      name: "ESLint 9 (no-restricted-syntax)",
      runs: 1,
      cmd: [process.execPath, join(root, "node_modules/eslint/bin/eslint.js"), "--no-config-lookup", "-c", join(root, "bench/eslint.config.mjs"), "--concurrency", "auto", "--format", "json", "."],
      count: (out) => JSON.parse(out).reduce((n, f) => n + f.messages.length, 0),
    },
    {
      name: "ast-grep scan",
      runs: RUNS,
      cmd: [join(root, "node_modules/.bin/ast-grep"), "scan", "-c", join(root, "bench/ast-grep/sgconfig.yml"), "--json=compact", "."],
      count: (out) => JSON.parse(out).length,
    },
  ];
  const timings = {};
  console.log(`\n${"tool".padEnd(34)}${"wall (median)".padStart(14)}${"files/s".padStart(10)}${"findings".padStart(10)}`);
  for (const tool of tools) {
    const times = [];
    let findings = "?";
    for (let i = 0; i < tool.runs; i++) {
      const { ms, stdout, status, stderr } = time(tool.cmd, dir);
      if (status !== 0 && status !== 1) throw new Error(`${tool.name} failed (exit ${status}): ${stderr.slice(0, 2000)}`);
      times.push(ms);
      findings = tool.count(stdout);
    }
    timings[tool.name] = median(times);
    console.log(`${tool.name.padEnd(34)}${fmt(timings[tool.name]).padStart(14)}${String(Math.round(FILES / (timings[tool.name] / 1000))).padStart(10)}${String(findings).padStart(10)}`);
  }
  const ours = timings["integration-guard lint"];
  const eslintRatio = timings["ESLint 9 (no-restricted-syntax)"] / ours;
  const astGrepRatio = ours / timings["ast-grep scan"];
  console.log(`\nESLint / integration-guard: ${eslintRatio.toFixed(1)}x (target >= 5x) ${eslintRatio >= 5 ? "ok" : "MISSED"}`);
  console.log(`integration-guard / ast-grep: ${astGrepRatio.toFixed(2)}x (target <= 2x) ${astGrepRatio <= 2 ? "ok" : "MISSED"}`);

  // Worst case for the pre-check: every file mentions integrations, so every file is parsed.
  const dense = mkdtempSync(join(tmpdir(), "ig-bench-lint-dense-"));
  try {
    const denseTree = generateTree(dense, { files: FILES, mentionRate: 1 });
    // Interleaved, like the main comparison: machine noise hits both alike.
    const oursRuns = [];
    const astGrepRuns = [];
    for (let i = 0; i < RUNS; i++) {
      oursRuns.push(time(tools[0].cmd, dense).ms);
      astGrepRuns.push(time(tools[2].cmd, dense).ms);
    }
    const oursDense = median(oursRuns);
    const astGrepDense = median(astGrepRuns);
    console.log(
      `\nevery file parsed (${denseTree.mentioning}/${denseTree.files} mention "integration"): integration-guard ${fmt(oursDense)}, ` +
        `ast-grep ${fmt(astGrepDense)} -> ${(oursDense / astGrepDense).toFixed(2)}x (target <= 2x) ${oursDense / astGrepDense <= 2 ? "ok" : "MISSED"}`,
    );
  } finally {
    rmSync(dense, { recursive: true, force: true });
  }

  // --staged on a 20-file commit in the same tree.
  git(dir, "init", "-q");
  git(dir, "add", ".");
  git(dir, "-c", "user.email=b@e.nch", "-c", "user.name=bench", "commit", "-qm", "tree");
  for (const path of tree.paths.slice(0, 20)) {
    const file = join(dir, path);
    writeFileSync(file, `${readFileSync(file, "utf8")}export const touched = ${JSON.stringify(path)};\n`);
  }
  git(dir, "add", ".");
  // Interleaved, so both sides see the same machine load; the ratio is the median of per-pair ratios.
  const stagedRuns = Math.max(9, RUNS * 3);
  const stagedTimes = [];
  const bareTimes = [];
  const ratios = [];
  for (let i = 0; i < stagedRuns; i++) {
    const bare = time([process.execPath, "-e", "0"], dir).ms;
    const run = time([process.execPath, BIN, "lint", "--staged", "--format", "json"], dir);
    if (run.status !== 0 && run.status !== 1) throw new Error(`lint --staged failed (exit ${run.status}): ${run.stderr}`);
    stagedTimes.push(run.ms);
    bareTimes.push(bare);
    ratios.push(run.ms / bare);
  }
  const ratio = median(ratios);
  console.log(
    `\nlint --staged (20 files): ${fmt(median(stagedTimes))} vs node -e 0: ${fmt(median(bareTimes))} -> ${ratio.toFixed(2)}x (target <= 2x) ${ratio <= 2 ? "ok" : "MISSED"} (median of ${stagedRuns} interleaved pairs)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function time(cmd, cwd) {
  const start = performance.now();
  const r = spawnSync(cmd[0], cmd.slice(1), { cwd, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  const ms = performance.now() - start;
  if (r.error) throw r.error;
  return { ms, stdout: r.stdout, stderr: r.stderr, status: r.status };
}

function git(cwd, ...args) {
  execFileSync("git", args, { cwd, stdio: "ignore" });
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function fmt(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}
