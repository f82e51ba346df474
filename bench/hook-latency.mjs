#!/usr/bin/env node
// Hook latency, process start to decision, side by side in one run with `node -e 0`, a regex-only
// Python hook (bench/baseline/regex_hook.py), integration-guard in-process (INTEGRATION_GUARD_DAEMON=0:
// every call pays the cold start) and integration-guard answered by a warm daemon (started and
// warmed before measuring, in a private runtime dir; docs/daemon.md), once through the Node hook
// command and once through the command `install` registers (sh picks the fast client,
// dist/integration-guard.pl, where perl is: src/install/hook-command.ts). Medians over interleaved runs.
// The "daemon CPU" column is the daemon's own CPU time per request (its log), the figure to compare
// across runs when the machine is busy (wall times then move with the load; CPU time barely).
// Usage: node bench/hook-latency.mjs [--runs N] [--dist DIR (a copy of dist/, default dist/)] [--json FILE (the rows, for bench/run.mjs)]
//        [--pack DIR (also load the rule files of DIR, as a project's .integration-guard/config.yaml would: bench/team-rules.mjs)]
// Runs on the Node that runs it: `node -e 0` and the hook both use process.execPath.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { cleanComponent, violatingFile, violatingMigration, violatingPython } from "./fixtures.mjs";
import { assertPackApplies, describeTeamRules, prepareTeamRules } from "./team-rules.mjs";
import { installedCommand, median, time, waitForWarmDaemon } from "./timing.mjs";

const { values } = parseArgs({ options: { runs: { type: "string", default: "21" }, dist: { type: "string", default: "dist" }, json: { type: "string" }, pack: { type: "string" } } });
const RUNS = Number(values.runs);
const root = fileURLToPath(new URL("..", import.meta.url));
const HOOK = join(resolve(root, values.dist), "integration-guard.cjs");
const BASELINE = join(root, "bench", "baseline", "regex_hook.py");

const dir = mkdtempSync(join(tmpdir(), "ig-bench-"));
const big = violatingFile();
writeFileSync(join(dir, "legacy.ts"), big);
// The Edit rows' change: a status column written back (a violation the file did not have).
const EDIT_OLD = 'updated_at: new Date().toISOString() };\n  update[`${PREFIX[provider]}_configured_at`] = new Date().toISOString();\n  await supabase.from("organizations").update(update).eq("id", orgId);\n  for (const row of data ?? []) console.log(row.integration_openai_status);\n}\n\nexport async function saveIntegrationStatus1(';
const EDIT_NEW = 'updated_at: new Date().toISOString(), integration_gcp_status: "VALID" };\n  update[`${PREFIX[provider]}_configured_at`] = new Date().toISOString();\n  await supabase.from("organizations").update(update).eq("id", orgId);\n  for (const row of data ?? []) console.log(row.integration_openai_status);\n}\n\nexport async function saveIntegrationStatus1(';
const payload = (tool_name, tool_input) => JSON.stringify({ hook_event_name: "PreToolUse", cwd: dir, tool_name, tool_input });

// --pack: the same cases in a project that loads a team's rules too.
const pack = values.pack === undefined ? undefined : resolve(values.pack);
const team = pack === undefined ? undefined : prepareTeamRules(dir, pack, HOOK);
if (team?.missing) {
  console.log(`Hook latency with a rule pack: skipped, ${team.missing}.`);
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}
if (team) console.log(describeTeamRules(pack, team));

// Each case: the payload, the decision our hook must reach, and the target ratio to `node -e 0`.
export const CASES = [
  {
    name: "Write, ~1,200-line TS full of violations",
    stdin: payload("Write", { file_path: join(dir, "new.ts"), content: big }),
    expect: "deny",
    target: 1.5,
  },
  {
    name: "Edit of that file (adds a violation)",
    // A file the daemon has not seen in every run: its memo (which keeps the texts it checked) must not answer.
    eachRun: (i) => writeFileSync(join(dir, "legacy.ts"), `${big}// run ${i}\n`),
    stdin: payload("Edit", {
      file_path: join(dir, "legacy.ts"),
      old_string: EDIT_OLD,
      new_string: EDIT_NEW,
    }),
    expect: "deny",
    target: 1.5,
  },
  {
    // An agent's second edit of a file: its "before" is the text the first edit produced, which a
    // daemon already checked (src/daemon/memo.ts). In-process, every call checks it again.
    name: "Edit, next edit of a session's file",
    setup: prepareSession,
    stdin: payload("Edit", { file_path: join(dir, "session.ts"), old_string: EDIT_OLD, new_string: EDIT_NEW }),
    expect: "deny",
    target: 1.5,
  },
  {
    name: "Write, everyday clean 300-line component",
    stdin: payload("Write", { file_path: join(dir, "MemberList.tsx"), content: cleanComponent() }),
    expect: "none",
    target: 1.15,
  },
  {
    name: "Write, ~1,000-line Python with violations",
    stdin: payload("Write", { file_path: join(dir, "jobs.py"), content: violatingPython() }),
    expect: "deny",
    target: 1.5,
  },
  {
    name: "Write, SQL migration with violations",
    stdin: payload("Write", { file_path: join(dir, "0042_settings.sql"), content: violatingMigration() }),
    expect: "deny",
    target: 1.5,
  },
];

/** session.ts as an agent's first (allowed) edit left it, after that edit went through the daemon. */
function prepareSession() {
  const IMPORT = 'import { createServiceRoleClient } from "@/lib/supabase/server";';
  const edit = { file_path: join(dir, "session.ts"), old_string: IMPORT, new_string: `${IMPORT}\n// Organisation helpers.` };
  writeFileSync(join(dir, "session.ts"), big);
  const first = CONTENDERS[3].run(payload("Edit", edit));
  if (first.stdout.includes('"deny"')) throw new Error("the session's first edit should be allowed");
  writeFileSync(join(dir, "session.ts"), big.replace(edit.old_string, edit.new_string));
}

// The daemon column uses its own runtime dir, so the bench never talks to (or leaves) a user's daemon.
const runtime = mkdtempSync(join(tmpdir(), "ig-bench-rt-"));
const inProcessEnv = { ...process.env, INTEGRATION_GUARD_DAEMON: "0" };
const daemonEnv = { ...process.env, INTEGRATION_GUARD_DAEMON: "1", INTEGRATION_GUARD_RUNTIME_DIR: runtime };

/**
 * The CPU time the daemon spent on its last request (its log's cpu_ms: main and helper threads, GC):
 * unlike wall time, other load on the machine barely moves it, so it shows a change on a busy machine.
 */
function lastDaemonCpuMs() {
  const lines = readFileSync(join(runtime, "daemon.log"), "utf8").trimEnd().split("\n");
  return Number(/ cpu_ms=([\d.]+) result=exit/.exec(lines.at(-1) ?? "")?.[1] ?? Number.NaN);
}

const installed = installedCommand(HOOK, daemonEnv);

const CONTENDERS = [
  { name: "node -e 0", run: (stdin) => time(process.execPath, ["-e", "0"], stdin) },
  { name: "regex hook (python)", run: (stdin) => time("python3", [BASELINE], stdin) },
  { name: "guard in-process", run: (stdin) => time(process.execPath, [HOOK, "hook"], stdin, inProcessEnv) },
  { name: "guard daemon", run: (stdin) => time(process.execPath, [HOOK, "hook"], stdin, daemonEnv) },
  { name: "installed command", run: installed.run },
];
const INSTALLED = CONTENDERS[4];

/** Starts the daemon (the first hook call spawns it) and waits until its warm-up is over (--status says "warm"). */
function startDaemon() {
  CONTENDERS[3].run(CASES[0].stdin);
  waitForWarmDaemon(HOOK, daemonEnv, 200);
}

const rows = [];
try {
  startDaemon();
  if (team) for (const k of CONTENDERS.slice(2)) assertPackApplies(dir, team, k.run, payload);
  for (const c of CASES) {
    c.setup?.();
    for (const k of CONTENDERS.slice(2)) {
      const decision = k.run(c.stdin).stdout.includes('"deny"') ? "deny" : "none";
      if (decision !== c.expect) throw new Error(`${c.name}: ${k.name} answered ${decision}, expected ${c.expect}`);
    }
    for (const k of CONTENDERS) k.run(c.stdin); // warm the file cache (and the daemon's JIT)
    const samples = CONTENDERS.map(() => []);
    const daemonCpu = [];
    for (let i = 0; i < RUNS; i++) {
      CONTENDERS.forEach((k, j) => {
        c.eachRun?.(i * CONTENDERS.length + j);
        samples[j].push(k.run(c.stdin).ms);
        if (k === INSTALLED) daemonCpu.push(lastDaemonCpuMs());
      });
    }
    const [node, regex, guard, daemon, installed] = samples.map(median);
    // A call the fast path answers never reaches the daemon: no CPU of its own to report.
    const cpu = c.expect === "deny" ? median(daemonCpu) : Number.NaN;
    rows.push({ case: c.name, node, regex, guard, daemon, installed, daemonCpu: cpu, target: c.target });
  }
} finally {
  spawnSync(process.execPath, [HOOK, "daemon", "--stop"], { env: daemonEnv });
  rmSync(dir, { recursive: true, force: true });
  rmSync(runtime, { recursive: true, force: true });
}

const pad = (s, n) => String(s).padEnd(n);
const x = (a, b) => `${(a / b).toFixed(2)}x`;
console.log(`Hook latency, median of ${RUNS} interleaved runs (ms), Node ${process.version}${pack ? `, built-in pack + ${pack}` : ""}`);
console.log(`"daemon": the Node hook command and the warm daemon; "installed": the command install registers, here ${installed.label}, and the warm daemon`);
console.log(
  `${pad("case", 44)}${pad("node -e 0", 11)}${pad("regex (py)", 12)}${pad("in-process", 12)}${pad("daemon", 9)}${pad("installed", 11)}${pad("daemon CPU", 12)}${pad("regex/node", 12)}${pad("in-proc/node", 14)}${pad("daemon/node", 13)}${pad("installed/node", 16)}target`,
);
for (const r of rows) {
  const verdict = (ratio) => (ratio <= r.target ? "ok" : "MISSED");
  console.log(
    `${pad(r.case, 44)}${pad(r.node.toFixed(1), 11)}${pad(r.regex.toFixed(1), 12)}${pad(r.guard.toFixed(1), 12)}${pad(r.daemon.toFixed(1), 9)}${pad(r.installed.toFixed(1), 11)}${pad(Number.isNaN(r.daemonCpu) ? "-" : r.daemonCpu.toFixed(1), 12)}${pad(x(r.regex, r.node), 12)}${pad(x(r.guard, r.node), 14)}${pad(x(r.daemon, r.node), 13)}${pad(x(r.installed, r.node), 16)}<= ${r.target}x in-process ${verdict(r.guard / r.node)}, daemon ${verdict(r.daemon / r.node)}, installed ${verdict(r.installed / r.node)}`,
  );
}
if (values.json) writeFileSync(values.json, JSON.stringify({ node: process.version, runs: RUNS, rows, ...(team ? { pack, alwaysParsed: team.alwaysParsed } : {}) }));
