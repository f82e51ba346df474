/**
 * `integration-guard test-rules`: by default the rules the hook uses in the project of cwd (the
 * built-in pack, the config's packs, .integration-guard/rules/), one report per rule, the rules
 * without pre-check words named; exit 0 all pass, 1 an example fails, 2 a bad rule or config file.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, cliJson, gitRepo, tableRule, tempDir, write } from "./helpers.js";

interface Report {
  rules: Array<{
    ruleId: string;
    file?: string;
    examples: number;
    failures: Array<{ kind: string; index: number; file: string }>;
    needles: string[] | null;
    alwaysParsed: boolean;
  }>;
  problems: string[];
  summary: { rules: number; examples: number; passed: number; failed: number; alwaysParsed: string[] };
}

const BUILT_IN = [
  "no-cloud-provider-integrations-table",
  "no-integration-status-read",
  "no-integration-status-write",
  "no-save-integration-status-function",
  "no-service-role-client-for-integrations",
];

const ids = (report: Report) => report.rules.map((r) => r.ruleId).sort();

describe("test-rules in a project", () => {
  it("without project rules: the built-in pack, every example passing, each rule with its words", () => {
    const repo = gitRepo();
    const run = cliJson<Report>(repo, ["test-rules"]);
    expect(run.code).toBe(0);
    expect(ids(run.json)).toEqual(BUILT_IN);
    for (const rule of run.json.rules) {
      expect(rule.failures, rule.ruleId).toEqual([]);
      expect(rule.needles?.length, rule.ruleId).toBeGreaterThan(0);
      expect(rule.alwaysParsed).toBe(false);
      expect(rule.file).toMatch(new RegExp(`rules/${rule.ruleId}\\.yaml$`));
    }
    expect(run.json.problems).toEqual([]);
    expect(run.json.summary.failed).toBe(0);
  });

  it("adds .integration-guard/rules/, from any folder of the repository", () => {
    const repo = gitRepo();
    write(repo, ".integration-guard/rules/no-legacy-settings.yaml", tableRule("no-legacy-settings", "legacy_user_settings"));
    write(repo, "src/deep/.keep", "");
    const run = cliJson<Report>(join(repo, "src/deep"), ["test-rules"]);
    expect(run.code).toBe(0);
    expect(ids(run.json)).toEqual([...BUILT_IN, "no-legacy-settings"].sort());
    const rule = run.json.rules.find((r) => r.ruleId === "no-legacy-settings")!;
    expect(rule).toMatchObject({ file: ".integration-guard/rules/no-legacy-settings.yaml", examples: 2, failures: [], alwaysParsed: false });
    expect(rule.needles?.length).toBeGreaterThan(0);
  });

  it("a failing example: exit 1, the rule, kind and index of the example", () => {
    const repo = gitRepo();
    // The "valid" example uses the table: it must fail as a valid example.
    write(repo, ".integration-guard/rules/r.yaml", tableRule("no-legacy-settings", "legacy_user_settings", { valid: 'await supabase.from("legacy_user_settings").delete();' }));
    const run = cliJson<Report>(repo, ["test-rules"]);
    expect(run.code).toBe(1);
    const rule = run.json.rules.find((r) => r.ruleId === "no-legacy-settings")!;
    expect(rule.failures.map((f) => [f.kind, f.index, f.file])).toEqual([["valid", 0, "src/settings/load.ts"]]);
    expect(run.json.rules.filter((r) => r.failures.length > 0).map((r) => r.ruleId)).toEqual(["no-legacy-settings"]);
    // Text: the failing rule on stdout, exit 1 too.
    const text = cli(repo, ["test-rules"]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/FAIL\s+no-legacy-settings/);
  });

  it("names the rules with no literal words for the pre-check (always parsed)", () => {
    const repo = gitRepo();
    write(repo, ".integration-guard/rules/t.yaml", tableRule("no-t-tables", "t_*", { invalid: 'await supabase.from("t_old").select("*");' }));
    const run = cliJson<Report>(repo, ["test-rules"]);
    expect(run.code).toBe(0);
    const rule = run.json.rules.find((r) => r.ruleId === "no-t-tables")!;
    expect(rule).toMatchObject({ needles: null, alwaysParsed: true, failures: [] });
    expect(run.json.summary.alwaysParsed).toEqual(["no-t-tables"]);
    const text = cli(repo, ["test-rules"]);
    expect(text.stdout.split("\n").findIndex((l) => l.includes("no-t-tables"))).toBeGreaterThanOrEqual(0);
    expect(text.stderr).toMatch(/no-t-tables/);
  });

  it("packs from .integration-guard/config.yaml; without builtin in packs the built-in rules are not used", () => {
    const repo = gitRepo();
    write(repo, "tools/guard-rules/a.yaml", tableRule("no-legacy-settings", "legacy_user_settings"));
    write(repo, ".integration-guard/config.yaml", "packs: [builtin, ./tools/guard-rules]\n");
    const both = cliJson<Report>(repo, ["test-rules"]);
    expect(both.code).toBe(0);
    expect(ids(both.json)).toEqual([...BUILT_IN, "no-legacy-settings"].sort());
    expect(both.json.rules.find((r) => r.ruleId === "no-legacy-settings")?.file).toBe("tools/guard-rules/a.yaml");

    write(repo, ".integration-guard/config.yaml", "packs: [./tools/guard-rules]\n");
    expect(ids(cliJson<Report>(repo, ["test-rules"]).json)).toEqual(["no-legacy-settings"]);
  });

  it("a rule turned off in the config is not tested", () => {
    const repo = gitRepo();
    write(repo, ".integration-guard/config.yaml", "rules:\n  no-integration-status-read: off\n  no-integration-status-write: warn\n");
    const run = cliJson<Report>(repo, ["test-rules"]);
    expect(run.code).toBe(0);
    expect(ids(run.json)).toEqual(BUILT_IN.filter((id) => id !== "no-integration-status-read"));
  });
});

describe("test-rules: bad rule and config files exit 2 with every problem listed", () => {
  it("a bad project rule: the file and field, and the other rules still tested", () => {
    const repo = gitRepo();
    write(repo, ".integration-guard/rules/bad.yaml", tableRule("bad-rule", "x_table").replace("kind: table", "kind: tables"));
    write(repo, ".integration-guard/config.yaml", "packs: [builtin, ./guard]\n");
    write(repo, "guard/good.yaml", tableRule("no-legacy-settings", "legacy_user_settings"));
    const run = cliJson<Report>(repo, ["test-rules"]);
    expect(run.code).toBe(2);
    expect(run.json.problems.some((p) => /bad\.yaml: match\.0\.kind/.test(p))).toBe(true);
    expect(ids(run.json)).toEqual([...BUILT_IN, "no-legacy-settings"].sort());
    const text = cli(repo, ["test-rules"]);
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/bad\.yaml: match\.0\.kind/);
  });

  it("a project rule with a built-in id names both files", () => {
    const repo = gitRepo();
    write(repo, ".integration-guard/rules/mine.yaml", tableRule("no-cloud-provider-integrations-table", "legacy_user_settings"));
    const run = cliJson<Report>(repo, ["test-rules"]);
    expect(run.code).toBe(2);
    expect(run.json.problems.some((p) => /mine\.yaml: id: .* already defined in .*no-cloud-provider-integrations-table\.yaml/.test(p))).toBe(true);
  });

  it.each([
    ["a bad grade", "rules:\n  no-integration-status-read: loud\n", /config\.yaml: rules\.no-integration-status-read/],
    ["an unknown rule id", "rules:\n  no-such-rule: off\n", /config\.yaml: rules\.no-such-rule/],
    ["an unknown key", "pack: [builtin]\n", /config\.yaml: .*pack/],
    ["not YAML", "packs: [builtin\n", /config\.yaml: .*not valid YAML/],
    ["a pack that does not exist", "packs: [builtin, ./nowhere]\n", /nowhere/],
  ])("config: %s", (_, config, expected) => {
    const repo = gitRepo();
    write(repo, ".integration-guard/config.yaml", config);
    const run = cliJson<Report>(repo, ["test-rules"]);
    expect(run.code).toBe(2);
    expect(run.json.problems.join("\n")).toMatch(expected);
  });
});

describe("test-rules --rules DIR", () => {
  it("tests only the rule files of DIR", () => {
    const dir = tempDir("ig-pack-");
    write(dir, "a.yaml", tableRule("no-legacy-settings", "legacy_user_settings"));
    const repo = gitRepo();
    write(repo, ".integration-guard/rules/other.yaml", tableRule("other-rule", "other_table"));
    const run = cliJson<Report>(repo, ["test-rules", "--rules", dir]);
    expect(run.code).toBe(0);
    expect(ids(run.json)).toEqual(["no-legacy-settings"]);
  });

  it("bad usage exits 2", () => {
    expect(cli(gitRepo(), ["test-rules", "--nope"]).code).toBe(2);
  });
});
