/**
 * `integration-guard rules new <id>`: writes a valid rule of the asked kind in the project root's
 * .integration-guard/rules/, whose examples pass `test-rules` as written; never overwrites; refuses
 * bad ids, unknown kinds or languages, and ids that already exist.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Run } from "../lint/helpers.js";
import { parseRuleText } from "../../src/rules/load.js";
import { cli, cliJson, GENERAL_KINDS_COMPILED, gitRepo, tableRule, write } from "./helpers.js";

interface TestRulesJson {
  rules: Array<{ ruleId: string; file?: string; examples: number; failures: Array<{ kind: string; problem: string }> }>;
  problems: string[];
}

/** Every --language / --kind pair the scaffold offers. */
const OFFERED: ReadonlyArray<[string, string]> = [
  ...["ts", "js", "py"].flatMap((language) =>
    ["import", "call", "member", "string", "pattern", "table", "column"].map((kind): [string, string] => [language, kind]),
  ),
  ["ts", "jsx-attribute"],
  ["js", "jsx-attribute"],
  ["sql", "table"],
  ["sql", "column"],
];
const BUILT_IN_KINDS = new Set(["table", "column"]);

describe("rules new: a rule to start from, that passes test-rules as written", () => {
  // One project with a rule of every offered pair, tested by one test-rules run.
  const idOf = (language: string, kind: string) => `starter-${language}-${kind}`;
  let repo: string;
  let written: Map<string, Run>;
  let tested: Run & { json: TestRulesJson };
  beforeAll(() => {
    repo = gitRepo();
    written = new Map(OFFERED.map(([language, kind]) => [idOf(language, kind), cli(repo, ["rules", "new", idOf(language, kind), "--language", language, "--kind", kind])]));
    tested = cliJson<TestRulesJson>(repo, ["test-rules"]);
  });

  it.each(OFFERED)("--language %s --kind %s writes a valid rule file", async (language, kind) => {
    const id = idOf(language, kind);
    const run = written.get(id)!;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`.integration-guard/rules/${id}.yaml\n`);
    const file = join(repo, `.integration-guard/rules/${id}.yaml`);
    const parsed = await parseRuleText(file, readFileSync(file, "utf8"));
    expect(parsed.ok ? parsed.rule.id : parsed.problems).toBe(id);
    if (!parsed.ok) return;
    expect(parsed.rule.match.map((m) => m.kind)).toEqual([kind]);
    expect(parsed.rule.examples.invalid).toHaveLength(1);
    expect(parsed.rule.examples.valid).toHaveLength(1);
    expect(parsed.rule.examples.invalid[0]!.lines?.length).toBeGreaterThan(0);
    // Realistic paths, in the asked language.
    const extension = { ts: /\.tsx?$/, js: /\.jsx?$/, py: /\.py$/, sql: /\.sql$/ }[language]!;
    for (const example of [...parsed.rule.examples.invalid, ...parsed.rule.examples.valid]) {
      expect(example.file).toMatch(/\//);
      expect(example.file).toMatch(extension);
    }
    // It loads with the project's rules: no problem reported (that would be exit 2).
    expect(tested.json.problems).toEqual([]);
    expect(tested.json.rules.find((r) => r.ruleId === id)?.file).toBe(`.integration-guard/rules/${id}.yaml`);
  });

  const runnable = OFFERED.filter(([, kind]) => BUILT_IN_KINDS.has(kind) || GENERAL_KINDS_COMPILED);
  it.each(runnable)("--language %s --kind %s: every example passes test-rules", (language, kind) => {
    const rule = tested.json.rules.find((r) => r.ruleId === idOf(language, kind));
    expect(rule?.examples).toBe(2);
    expect(rule?.failures).toEqual([]);
  });

  it.runIf(GENERAL_KINDS_COMPILED)("test-rules passes with every scaffold in the project", () => {
    expect(tested.code).toBe(0);
  });

  it("writes in the git root from a subfolder, and prints the path from there", () => {
    const repo = gitRepo();
    const deep = join(repo, "packages/web/src");
    write(repo, "packages/web/src/.keep", "");
    const run = cli(deep, ["rules", "new", "no-legacy-auth-import"]);
    expect(run.code, run.stderr).toBe(0);
    const written = join(repo, ".integration-guard/rules/no-legacy-auth-import.yaml");
    expect(resolve(deep, run.stdout.trim())).toBe(written);
    expect(existsSync(written)).toBe(true);
    expect(run.stderr).toMatch(/test-rules/);
  });

  it("--json prints the file, id, kind and language", () => {
    const repo = gitRepo();
    const run = cliJson<{ file: string; id: string; kind: string; language: string }>(repo, ["rules", "new", "no-raw-sql", "--kind", "string", "--language", "py"]);
    expect(run.code).toBe(0);
    expect(run.json).toEqual({ file: join(repo, ".integration-guard/rules/no-raw-sql.yaml"), id: "no-raw-sql", kind: "string", language: "py" });
  });
});

describe("rules new refuses", () => {
  it("to overwrite a rule file (exit 2, the file untouched)", () => {
    const repo = gitRepo();
    expect(cli(repo, ["rules", "new", "my-rule"]).code).toBe(0);
    const file = join(repo, ".integration-guard/rules/my-rule.yaml");
    writeFileSync(file, "# edited by hand\n");
    const again = cli(repo, ["rules", "new", "my-rule", "--kind", "call"]);
    expect(again.code).toBe(2);
    expect(again.stdout).toBe("");
    expect(readFileSync(file, "utf8")).toBe("# edited by hand\n");
  });

  it("an id a rule already has (the built-in pack, another file)", () => {
    const repo = gitRepo();
    const builtin = cli(repo, ["rules", "new", "no-cloud-provider-integrations-table"]);
    expect(builtin.code).toBe(2);
    expect(builtin.stderr).toMatch(/no-cloud-provider-integrations-table\.yaml/);
    expect(existsSync(join(repo, ".integration-guard/rules/no-cloud-provider-integrations-table.yaml"))).toBe(false);

    write(repo, ".integration-guard/rules/other-name.yaml", tableRule("team-rule", "legacy_user_settings"));
    const taken = cli(repo, ["rules", "new", "team-rule"]);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toMatch(/other-name\.yaml/);
    expect(existsSync(join(repo, ".integration-guard/rules/team-rule.yaml"))).toBe(false);
  });

  it.each(["NoLegacyAuth", "no_legacy_auth", "-no-legacy", "no--legacy", "no legacy"])("a bad id %j (exit 2, nothing written)", (id) => {
    const repo = gitRepo();
    const run = cli(repo, ["rules", "new", id]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(existsSync(join(repo, ".integration-guard"))).toBe(false);
  });

  it.each([
    ["--kind", "tables"],
    ["--language", "go"],
  ])("an unknown %s %s", (flag, value) => {
    const repo = gitRepo();
    expect(cli(repo, ["rules", "new", "my-rule", flag, value]).code).toBe(2);
    expect(existsSync(join(repo, ".integration-guard"))).toBe(false);
  });

  it.each([
    ["sql", "import"],
    ["py", "jsx-attribute"],
  ])("a kind that does not apply to the language (--language %s --kind %s)", (language, kind) => {
    const repo = gitRepo();
    expect(cli(repo, ["rules", "new", "my-rule", "--language", language, "--kind", kind]).code).toBe(2);
    expect(existsSync(join(repo, ".integration-guard"))).toBe(false);
  });

  it("no id, two ids, an unknown subcommand", () => {
    const repo = gitRepo();
    expect(cli(repo, ["rules", "new"]).code).toBe(2);
    expect(cli(repo, ["rules", "new", "a-rule", "b-rule"]).code).toBe(2);
    expect(cli(repo, ["rules", "create", "a-rule"]).code).toBe(2);
    expect(readdirSync(repo).filter((n) => n !== ".git")).toEqual([]);
  });
});
