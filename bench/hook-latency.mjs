#!/usr/bin/env node
// Hook latency, process start to decision, side by side in one run with `node -e 0` and with a
// regex-only Python hook (bench/baseline/regex_hook.py). Medians over interleaved runs, and ratios.
// Usage: node bench/hook-latency.mjs [--runs N]
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { cleanComponent, violatingFile } from "./fixtures.mjs";

const { values } = parseArgs({ options: { runs: { type: "string", default: "21" } } });
const RUNS = Number(values.runs);
const root = fileURLToPath(new URL("..", import.meta.url));
const HOOK = join(root, "dist", "integration-guard.mjs");
const BASELINE = join(root, "bench", "baseline", "regex_hook.py");

const dir = mkdtempSync(join(tmpdir(), "ig-bench-"));
const big = violatingFile();
writeFileSync(join(dir, "legacy.ts"), big);
const payload = (tool_name, tool_input) => JSON.stringify({ hook_event_name: "PreToolUse", cwd: dir, tool_name, tool_input });

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
    stdin: payload("Edit", {
      file_path: join(dir, "legacy.ts"),
      old_string: 'updated_at: new Date().toISOString() };\n  update[`${PREFIX[provider]}_configured_at`] = new Date().toISOString();\n  await supabase.from("organizations").update(update).eq("id", orgId);\n  for (const row of data ?? []) console.log(row.integration_openai_status);\n}\n\nexport async function saveIntegrationStatus1(',
      new_string: 'updated_at: new Date().toISOString(), integration_gcp_status: "VALID" };\n  update[`${PREFIX[provider]}_configured_at`] = new Date().toISOString();\n  await supabase.from("organizations").update(update).eq("id", orgId);\n  for (const row of data ?? []) console.log(row.integration_openai_status);\n}\n\nexport async function saveIntegrationStatus1(',
    }),
    expect: "deny",
    target: 1.5,
  },
  {
    name: "Write, everyday clean 300-line component",
    stdin: payload("Write", { file_path: join(dir, "MemberList.tsx"), content: cleanComponent() }),
    expect: "none",
    target: 1.15,
  },
];

function time(cmd, args, stdin) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { input: stdin, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

const CONTENDERS = [
  { name: "node -e 0", run: (stdin) => time(process.execPath, ["-e", "0"], stdin) },
  { name: "regex hook (python)", run: (stdin) => time("python3", [BASELINE], stdin) },
  { name: "integration-guard", run: (stdin) => time(process.execPath, [HOOK, "hook"], stdin) },
];

const rows = [];
for (const c of CASES) {
  const decision = CONTENDERS[2].run(c.stdin).stdout.includes('"deny"') ? "deny" : "none";
  if (decision !== c.expect) throw new Error(`${c.name}: integration-guard answered ${decision}, expected ${c.expect}`);
  for (const k of CONTENDERS) k.run(c.stdin); // warm the file cache
  const samples = CONTENDERS.map(() => []);
  for (let i = 0; i < RUNS; i++) CONTENDERS.forEach((k, j) => samples[j].push(k.run(c.stdin).ms));
  const [node, regex, guard] = samples.map(median);
  rows.push({ case: c.name, node, regex, guard, ratio: guard / node, target: c.target });
}
rmSync(dir, { recursive: true, force: true });

const pad = (s, n) => String(s).padEnd(n);
console.log(`Hook latency, median of ${RUNS} interleaved runs (ms), Node ${process.version}`);
console.log(`${pad("case", 44)}${pad("node -e 0", 11)}${pad("regex (py)", 12)}${pad("guard", 9)}${pad("guard/node", 12)}${pad("regex/node", 12)}target`);
for (const r of rows) {
  console.log(
    `${pad(r.case, 44)}${pad(r.node.toFixed(1), 11)}${pad(r.regex.toFixed(1), 12)}${pad(r.guard.toFixed(1), 9)}${pad(`${r.ratio.toFixed(2)}x`, 12)}${pad(`${(r.regex / r.node).toFixed(2)}x`, 12)}<= ${r.target}x ${r.ratio <= r.target ? "ok" : "MISSED"}`,
  );
}
