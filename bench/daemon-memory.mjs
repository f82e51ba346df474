#!/usr/bin/env node
// The warm daemon's resident memory: a fresh daemon (private runtime dir) answers 100 mixed-language
// hook requests (TypeScript Writes and Edits, Python, SQL, shell heredocs; each text new, so the memo
// never answers), then `daemon --status` reports its resident set (the process: main and helper
// thread together) after its warm-up (and the rest that follows it), right after the requests, and
// once the daemon has been idle for 30 s (when it rests again and gives back what the requests made
// its heap grow by: src/daemon/idle-gc.ts). Target: at most 100 MB at rest.
// Usage: node bench/daemon-memory.mjs [--requests N] [--dist DIR] [--json FILE (the result, for bench/run.mjs)]
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { violatingFile, violatingMigration, violatingPython } from "./fixtures.mjs";

const TARGET_MB = 100;
const { values } = parseArgs({ options: { requests: { type: "string", default: "100" }, dist: { type: "string", default: "dist" }, json: { type: "string" } } });
const REQUESTS = Number(values.requests);
const root = fileURLToPath(new URL("..", import.meta.url));
const HOOK = join(resolve(root, values.dist), "integration-guard.cjs");

const dir = mkdtempSync(join(tmpdir(), "ig-bench-mem-"));
const runtime = mkdtempSync(join(tmpdir(), "ig-bench-rt-"));
const env = { ...process.env, INTEGRATION_GUARD_DAEMON: "1", INTEGRATION_GUARD_RUNTIME_DIR: runtime };
const payload = (tool_name, tool_input) => JSON.stringify({ hook_event_name: "PreToolUse", cwd: dir, tool_name, tool_input });
const ts = violatingFile();
const NEW_VIOLATION = 'await supabase.from("cloud_provider_integrations").insert({ org_id: orgId });';

/** Request i: one of five kinds in turn, each with a text the daemon has not seen. */
const KINDS = [
  (i) => payload("Write", { file_path: join(dir, `w${i}.ts`), content: `${ts}// request ${i}\n` }),
  (i) => {
    writeFileSync(join(dir, `e${i}.ts`), `${ts}// request ${i}\n`);
    return payload("Edit", { file_path: join(dir, `e${i}.ts`), old_string: `// request ${i}\n`, new_string: `${NEW_VIOLATION}\n` });
  },
  (i) => payload("Write", { file_path: join(dir, `jobs${i}.py`), content: `${violatingPython()}# request ${i}\n` }),
  (i) => payload("Write", { file_path: join(dir, `${i}_settings.sql`), content: `${violatingMigration()}-- request ${i}\n` }),
  (i) => payload("Bash", { command: `cat > ${join(dir, `sh${i}.ts`)} <<'EOF'\n${ts.split("\n").slice(0, 204).join("\n")}\n// request ${i}\nEOF` }),
];

function run(args, input) {
  return spawnSync(process.execPath, [HOOK, ...args], { input, env, encoding: "utf8", timeout: 30_000 });
}

function status() {
  const r = run(["daemon", "--status", "--json"]);
  return r.status === 0 ? JSON.parse(r.stdout) : undefined;
}

let result;
try {
  run(["hook"], KINDS[0](-1)); // starts the daemon
  let s;
  for (let i = 0; i < 300 && !s?.warm; i++) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    s = status();
  }
  if (!s?.warm) throw new Error("the daemon did not start, or did not finish warming up");
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2_000); // its rest 1 s after warm-up (src/daemon/server.ts)
  const warmRss = status().rssBytes;
  for (let i = 0; i < REQUESTS; i++) {
    const r = run(["hook"], KINDS[i % KINDS.length](i));
    if (r.status !== 0 || !r.stdout.includes('"deny"')) throw new Error(`request ${i} was not denied: ${r.status} ${r.stderr}`);
  }
  const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  sleep(1_000); // its young-generation collection
  const busy = status();
  if (busy.requests < REQUESTS) throw new Error(`the daemon answered ${busy.requests} of ${REQUESTS} requests`);
  sleep(32_000); // its collection after a pause (src/daemon/idle-gc.ts)
  result = { warmRss, busyRss: busy.rssBytes, rss: status().rssBytes };
} finally {
  run(["daemon", "--stop"]);
  rmSync(dir, { recursive: true, force: true });
  rmSync(runtime, { recursive: true, force: true });
}

const mb = (bytes) => (bytes / 2 ** 20).toFixed(0);
console.log(
  `Daemon resident memory, Node ${process.version}: ${mb(result.warmRss)} MB warm (after its warm-up and rest), ${mb(result.busyRss)} MB right after ${REQUESTS} mixed-language requests, ${mb(result.rss)} MB after 30 s idle (target <= ${TARGET_MB} MB: ${result.rss <= TARGET_MB * 2 ** 20 ? "ok" : "MISSED"})`,
);
if (values.json) writeFileSync(values.json, JSON.stringify({ node: process.version, requests: REQUESTS, targetMb: TARGET_MB, ...result }));
