// In-process CPU per check of the hook bench's large files (TS, Python, SQL), built-in rules.
// Usage: node bench/check-cpu.mjs [--dist DIR] [--runs N] [--warmup N] [--only typescript|python|sql] [--pack DIR]
//   --pack DIR: the rule files of DIR too (examples/rules), with the files in a project rooted at the
//   temp folder, as bench/hook-latency.mjs --pack loads them beside the built-in pack.
//   Prints the median CPU ms (process.cpuUsage) per check, as the warm daemon runs it (raw transfer on Node >= 22).
//   To compare builds, run it alternately on a copy of the previous dist/ and on dist/ (one build per process:
//   two builds in one process slow each other down).
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { violatingFile, violatingMigration, violatingPython } from "./fixtures.mjs";
import { median } from "./timing.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const dists = args.flatMap((a, i) => (args[i - 1] === "--dist" ? [a] : []));
if (dists.length === 0) dists.push("dist");
const runs = Number(option("--runs", "60"));
const warmup = Number(option("--warmup", "30"));
const pack = option("--pack") === undefined ? undefined : resolve(option("--pack"));

// The files sit in a temp folder, as the hook sees them (diskPath: imports are looked up next to them).
const dir = mkdtempSync(join(tmpdir(), "ig-check-cpu-"));
const files = [
  { name: "TS (legacy.ts)", path: "legacy.ts", language: "typescript", text: violatingFile() },
  { name: "Python (legacy.py)", path: "legacy.py", language: "python", text: violatingPython() },
  { name: "SQL (migration.sql)", path: "migration.sql", language: "sql", text: violatingMigration() },
];
// --only LANGUAGE: one file (for a CPU profile of it alone).
if (option("--only")) files.splice(0, files.length, ...files.filter((f) => f.language === option("--only")));
for (const f of files) writeFileSync(join(dir, f.path), f.text);

const engines = [];
for (const d of dists) {
  const lib = await import(pathToFileURL(resolve(d, "index.mjs")).href);
  // As the daemon does: oxc's raw transfer where this Node supports it (parse.ts's preferRawTransfer, in a chunk).
  const chunk = readdirSync(resolve(d, "chunks")).find((n) => readFileSync(resolve(d, "chunks", n), "utf8").includes("function preferRawTransfer("));
  if (chunk) (await import(pathToFileURL(resolve(d, "chunks", chunk)).href)).preferRawTransfer();
  const rules = pack === undefined ? lib.loadBuiltinRules() : [...lib.loadBuiltinRules(), ...(await lib.loadRules(pack))];
  engines.push({ dist: d, lib, rules });
}
const comment = { typescript: "//", python: "#", sql: "--" };
const check = (engine, f, i) =>
  // A text not seen before in each run, as the daemon gets (no memo answers it).
  engine.lib.checkDocument(
    { path: f.path, text: `${f.text}\n${comment[f.language]} run ${i}\n`, language: f.language, diskPath: join(dir, f.path) },
    engine.rules,
    // The pack's `files` / `ignore` globs are relative to the project root: the temp folder.
    pack === undefined ? {} : { projectRoot: dir },
  );

const results = engines.map(() => files.map(() => []));
const counts = engines.map(() => files.map(() => 0));
for (let round = -warmup; round < runs; round++) {
  for (const [e, engine] of engines.entries()) {
    for (const [k, f] of files.entries()) {
      const start = process.cpuUsage();
      const r = await check(engine, f, round);
      const used = process.cpuUsage(start);
      if (round >= 0) results[e][k].push((used.user + used.system) / 1000);
      counts[e][k] = r.findings.length;
    }
  }
}
rmSync(dir, { recursive: true, force: true });
console.log(`node ${process.version}, ${runs} runs after ${warmup} warm-up, median CPU ms per check (findings)${pack ? `, built-in pack + ${pack}` : ""}`);
console.log(["file", ...engines.map((e) => e.dist)].join("\t"));
for (const [k, f] of files.entries()) {
  console.log([f.name, ...engines.map((_, e) => `${median(results[e][k]).toFixed(2)} (${counts[e][k]})`)].join("\t"));
}
// Where a collection lands (in which file's check) varies between builds; a round's total does not.
if (files.length > 1) {
  const totals = (e) => results[e][0].map((_, r) => results[e].reduce((sum, xs) => sum + xs[r], 0));
  console.log(["all three, per round", ...engines.map((_, e) => median(totals(e)).toFixed(2))].join("\t"));
}
