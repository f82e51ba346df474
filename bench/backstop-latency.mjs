#!/usr/bin/env node
// The after-the-call and turn-end checks (docs/agents.md), process start to answer, side by side in
// one run with `node -e 0`: a read-only Bash call through PreToolUse and through PostToolUse (both
// end at the fast path), a PostToolUse after a command that may have written (git finds nothing
// changed), and the turn-end check (Stop) of a session that changed 20 files of a 200-file git
// repository, in-process (every call cold) and through a warm daemon. Medians over interleaved runs.
// Usage: node bench/backstop-latency.mjs [--runs N] [--dist DIR]
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { cleanComponent } from "./fixtures.mjs";
import { installedCommand, median, time, waitForWarmDaemon } from "./timing.mjs";

const { values } = parseArgs({ options: { runs: { type: "string", default: "21" }, dist: { type: "string", default: "dist" } } });
const RUNS = Number(values.runs);
const root = fileURLToPath(new URL("..", import.meta.url));
const HOOK = join(resolve(root, values.dist), "integration-guard.cjs");

// A 200-file repository; the session then edits 20 of them (half mention the rules' words, so the
// parser and rules run; none introduces a violation: the turn end lets the agent stop).
const repo = mkdtempSync(join(tmpdir(), "ig-bench-repo-"));
const state = mkdtempSync(join(tmpdir(), "ig-bench-state-"));
const runtime = mkdtempSync(join(tmpdir(), "ig-bench-rt-"));
const git = (...args) => execFileSync("git", args, { cwd: repo, stdio: "ignore" });
mkdirSync(join(repo, "src"));
const component = cleanComponent();
const file = (i, edited) =>
  `${component}\nexport const marker${i} = ${edited ? "2" : "1"};\n` +
  (i % 2 === 0 ? `export const orgs${i} = () => supabase.from("organizations").select("id, name");\n` : "");
for (let i = 0; i < 200; i++) writeFileSync(join(repo, "src", `m${i}.tsx`), file(i, false));
git("init", "--quiet");
git("add", "-A");
git("-c", "user.email=b@b", "-c", "user.name=b", "commit", "--quiet", "-m", "start");

const base = { session_id: "bench-session", transcript_path: "/dev/null", cwd: repo, permission_mode: "default" };
const stdinOf = (payload) => JSON.stringify({ ...base, ...payload });
const READ_ONLY = { command: "git status && ls -la src | head -20 && grep -rn TODO src 2>/dev/null | wc -l" };

const CASES = [
  { name: "PreToolUse, read-only Bash", stdin: stdinOf({ hook_event_name: "PreToolUse", tool_name: "Bash", tool_input: READ_ONLY }), target: 1.15 },
  { name: "PostToolUse, read-only Bash", stdin: stdinOf({ hook_event_name: "PostToolUse", tool_name: "Bash", tool_input: READ_ONLY, tool_response: {} }), target: 1.15 },
  { name: "PostToolUse, npm test (nothing new)", stdin: stdinOf({ hook_event_name: "PostToolUse", tool_name: "Bash", tool_input: { command: "npm test" }, tool_response: {} }), target: 2 },
  { name: "Stop, session changed 20 files", stdin: stdinOf({ hook_event_name: "Stop", stop_hook_active: false }), target: 2 },
];


const common = { ...process.env, INTEGRATION_GUARD_STATE_DIR: state, CLAUDE_PROJECT_DIR: repo };
const inProcessEnv = { ...common, INTEGRATION_GUARD_DAEMON: "0" };
const daemonEnv = { ...common, INTEGRATION_GUARD_DAEMON: "1", INTEGRATION_GUARD_RUNTIME_DIR: runtime };
const installed = installedCommand(HOOK, daemonEnv);
const CONTENDERS = [
  { name: "node -e 0", run: (stdin) => time(process.execPath, ["-e", "0"], stdin) },
  { name: "in-process", run: (stdin) => time(process.execPath, [HOOK, "hook"], stdin, inProcessEnv) },
  { name: "daemon", run: (stdin) => time(process.execPath, [HOOK, "hook"], stdin, daemonEnv) },
  { name: "installed", run: installed.run },
];

function startDaemon() {
  spawnSync(process.execPath, [HOOK, "daemon", "--start"], { env: daemonEnv });
  waitForWarmDaemon(HOOK, daemonEnv);
}

const rows = [];
try {
  // The session: its start recorded, then 20 files edited.
  time(process.execPath, [HOOK, "hook"], stdinOf({ hook_event_name: "SessionStart", source: "startup" }), inProcessEnv);
  for (let i = 0; i < 20; i++) writeFileSync(join(repo, "src", `m${i * 10}.tsx`), file(i * 10, true));
  startDaemon();
  for (const c of CASES) {
    for (const k of CONTENDERS.slice(1)) {
      const out = k.run(c.stdin).stdout;
      if (out.trim() !== "") throw new Error(`${c.name}: ${k.name} answered ${out.slice(0, 200)}, expected nothing`);
    }
    for (const k of CONTENDERS) k.run(c.stdin);
    const samples = CONTENDERS.map(() => []);
    for (let i = 0; i < RUNS; i++) CONTENDERS.forEach((k, j) => samples[j].push(k.run(c.stdin).ms));
    const [node, inProcess, daemon, viaInstalled] = samples.map(median);
    rows.push({ case: c.name, node, inProcess, daemon, installed: viaInstalled, target: c.target });
  }
} finally {
  spawnSync(process.execPath, [HOOK, "daemon", "--stop"], { env: daemonEnv });
  for (const dir of [repo, state, runtime]) rmSync(dir, { recursive: true, force: true });
}

const pad = (s, n) => String(s).padEnd(n);
const x = (a, b) => `${(a / b).toFixed(2)}x`;
console.log(`After-the-call and turn-end latency, median of ${RUNS} interleaved runs (ms), Node ${process.version}`);
console.log(`"daemon": the Node hook command and the warm daemon; "installed": the command install registers, here ${installed.label}, and the warm daemon`);
console.log(`${pad("case", 40)}${pad("node -e 0", 11)}${pad("in-process", 12)}${pad("daemon", 9)}${pad("installed", 11)}${pad("in-proc/node", 14)}${pad("daemon/node", 13)}${pad("installed/node", 16)}target`);
for (const r of rows) {
  const verdict = (ratio) => (ratio <= r.target ? "ok" : "MISSED");
  console.log(
    `${pad(r.case, 40)}${pad(r.node.toFixed(1), 11)}${pad(r.inProcess.toFixed(1), 12)}${pad(r.daemon.toFixed(1), 9)}${pad(r.installed.toFixed(1), 11)}${pad(x(r.inProcess, r.node), 14)}${pad(x(r.daemon, r.node), 13)}${pad(x(r.installed, r.node), 16)}<= ${r.target}x in-process ${verdict(r.inProcess / r.node)}, daemon ${verdict(r.daemon / r.node)}, installed ${verdict(r.installed / r.node)}`,
  );
}
