/**
 * Rules as data: every rule file's examples pass through the built CLI (`test-rules`), and a bad
 * rule file is an error naming the file and the field.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN } from "../helpers/hook.js";
import { loadBuiltinNeedles, loadBuiltinRules } from "../../src/rules/builtin.js";
import { compileRules } from "../../src/rules/compile.js";
import { loadRuleDirectory } from "../../src/rules/load.js";

function testRules(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, "test-rules", ...args], { encoding: "utf8", timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const RULE_IDS = [
  "no-cloud-provider-integrations-table",
  "no-integration-status-write",
  "no-integration-status-read",
  "no-service-role-client-for-integrations",
  "no-save-integration-status-function",
];

describe("built-in rules", () => {
  it("the build's rules.json and needles.json are the rule files, compiled (the hook reads only those)", async () => {
    const fromFiles = compileRules((await loadRuleDirectory("rules")).rules);
    expect(loadBuiltinRules().map((r) => r.id)).toEqual(fromFiles.map((r) => r.id));
    expect(loadBuiltinNeedles()).toEqual(fromFiles.map((r) => ({ needles: r.needles })));
  });

  it("every example of every rule passes", () => {
    const run = testRules(["--json"]);
    const report = JSON.parse(run.stdout) as { rules: Array<{ ruleId: string; examples: number; failures: unknown[] }> };
    expect(report.rules.map((r) => r.ruleId).sort()).toEqual([...RULE_IDS].sort());
    for (const rule of report.rules) {
      expect(rule.examples).toBeGreaterThanOrEqual(3);
      expect(rule.failures, rule.ruleId).toEqual([]);
    }
    expect(run.status).toBe(0);
  });
});

const GOOD = readFileSync(new URL("../../rules/no-cloud-provider-integrations-table.yaml", import.meta.url), "utf8");

function ruleDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "ig-rules-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("a bad rule file is a clear error naming the file and the field", () => {
  const cases: Array<[string, string, RegExp]> = [
    ["an unknown top-level key", `${GOOD}\nseverty: block\n`, /bad\.yaml: \(root\):.*severty/],
    ["an unknown matcher key", GOOD.replace("access: any", "access: any\n    tabels: [x]"), /bad\.yaml: match\.0:.*tabels/],
    ["a bad severity", GOOD.replace("severity: block", "severity: fatal"), /bad\.yaml: severity:/],
    ["an unknown matcher kind", GOOD.replace("kind: table", "kind: tables"), /bad\.yaml: match\.0\.kind:/],
    ["a multi-line message", GOOD.replace(/^message: .*$/m, 'message: "one\\ntwo"'), /bad\.yaml: message:/],
    ["a bad pattern", GOOD.replace("tables: [cloud_provider_integrations]", 'tables: ["cloud provider"]'), /bad\.yaml: match\.0\.tables\.0:/],
    ["not YAML", "id: [unclosed\n", /bad\.yaml: not valid YAML/],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => {
      const run = testRules(["--rules", ruleDir({ "bad.yaml": text })]);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(expected);
    });
  }

  it("a duplicated id names both files", () => {
    const run = testRules(["--rules", ruleDir({ "a.yaml": GOOD, "b.yaml": GOOD })]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/b\.yaml: id: .* already defined in .*a\.yaml/);
  });

  it("a rule whose example no longer holds fails test-rules with exit 1", () => {
    const broken = GOOD.replace("tables: [cloud_provider_integrations]", "tables: [some_other_table]");
    const run = testRules(["--rules", ruleDir({ "r.yaml": broken }), "--json"]);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { rules: Array<{ failures: Array<{ kind: string }> }> };
    expect(report.rules[0]!.failures.some((f) => f.kind === "invalid")).toBe(true);
  });
});
