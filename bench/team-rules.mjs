// The hook latency table with a team's rules loaded (bench/hook-latency.mjs --pack DIR): the bench's
// temp folder becomes a project (a git work tree) whose .integration-guard/config.yaml loads the
// built-in pack and DIR, as a team that adds its rules would. Before measuring:
//   - lists the rules that have no literal words for the hook's text pre-check (`test-rules --json`:
//     those make the hook parse every file of their languages);
//   - proves the hook really applies DIR's rules: one of their invalid examples, written through
//     the hook, must be denied (else the numbers would be those of the built-in pack alone).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "yaml";

/** Makes `dir` a project that loads the built-in pack and `pack`; returns what the bench prints and checks. */
export function prepareTeamRules(dir, pack, hook) {
  if (!existsSync(pack)) return { missing: `${pack} does not exist` };
  spawnSync("git", ["init", "-q", dir]);
  mkdirSync(join(dir, ".integration-guard"), { recursive: true });
  writeFileSync(join(dir, ".integration-guard", "config.yaml"), `packs: [builtin, ${JSON.stringify(pack)}]\n`);

  const tested = spawnSync(process.execPath, [hook, "test-rules", "--json"], { cwd: dir, encoding: "utf8" });
  let report;
  try {
    report = JSON.parse(tested.stdout);
  } catch {
    throw new Error(`test-rules --json in the bench project failed (exit ${tested.status}): ${tested.stderr}`);
  }
  if (report.problems.length > 0) throw new Error(`the rules of ${pack} do not load:\n${report.problems.join("\n")}`);
  const failing = report.rules.filter((r) => r.failures.length > 0).map((r) => r.ruleId);
  return {
    rules: report.rules.length,
    alwaysParsed: report.rules.filter((r) => r.needles === null).map((r) => r.ruleId),
    failing,
    probes: probesOf(pack),
  };
}

/** Printed above the latency table. */
export function describeTeamRules(pack, prepared) {
  const lines = [`With the rules of ${pack} loaded (${prepared.rules} rules with the built-in pack).`];
  lines.push(
    prepared.alwaysParsed.length === 0
      ? "Every rule has literal words for the pre-check."
      : `No literal words for the pre-check (always parsed: a slower hook): ${prepared.alwaysParsed.join(", ")}`,
  );
  if (prepared.failing.length > 0) lines.push(`Rules whose examples fail test-rules: ${prepared.failing.join(", ")}`);
  return lines.join("\n");
}

/**
 * Write payloads of the pack's invalid examples of blocking rules (up to a few): at least one must
 * be denied, or the hook does not load the project's rules.
 */
function probesOf(pack) {
  const probes = [];
  for (const name of readdirSync(pack).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const rule = parse(readFileSync(join(pack, name), "utf8"));
    const example = rule?.examples?.invalid?.find((e) => e.file);
    if (rule?.severity === "block" && example) probes.push({ ruleId: rule.id, file: example.file, code: example.code });
    if (probes.length === 3) break;
  }
  return probes;
}

/** Throws unless the hook denies one of the probes (written inside `dir`). */
export function assertPackApplies(dir, prepared, runHook, payload) {
  for (const probe of prepared.probes) {
    const file = join(dir, probe.file);
    mkdirSync(dirname(file), { recursive: true });
    if (runHook(payload("Write", { file_path: file, content: probe.code })).stdout.includes('"deny"')) return;
  }
  throw new Error(
    `the hook denied none of the pack's invalid examples (${prepared.probes.map((p) => p.ruleId).join(", ")}): ` +
      "it does not load the project's rules (.integration-guard/config.yaml), so this table would measure the built-in pack alone",
  );
}
