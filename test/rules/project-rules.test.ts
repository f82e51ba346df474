/**
 * Project rules (.integration-guard/) end to end, with real temp git repositories and the built
 * binary: the spawned hook fed Claude Code PreToolUse JSON, `integration-guard lint`, config.yaml
 * (off, re-grade), files/ignore scope, duplicate ids and bad rule files (reported, the valid rules
 * still run), and the daemon applying a changed rule on the next call.
 *
 * Written with the kinds the adapters emit facts for today (table, function-call); the general
 * kinds are unit-tested over hand-made facts (match-*.test.ts).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { runRuleExamples } from "../../src/engine/rule-examples.js";
import { BAD_TS, BIN, claude, denials, envFor, hook, inProcess, type Run, runtimeDir, status, TABLE, waitFor } from "../daemon/helpers.js";
import { gitRepo, tempDir } from "../lint/helpers.js";

const CACHE = tempDir("ig-cache-");

const LEGACY_RULE = `id: no-legacy-billing
severity: block
languages: [typescript, javascript, python]
ignore: ["src/legacy/**"]
message: "Don't use the legacy_billing table: use the billing API"
help: Call billing.charges() instead.
match:
  - kind: table
    tables: [legacy_billing]
examples:
  invalid:
    - file: src/app/bill.ts
      code: |
        await supabase.from("legacy_billing").select("*");
      lines: [1]
  valid:
    - file: src/legacy/bill.ts
      code: |
        await supabase.from("legacy_billing").select("*");
`;

const SDK_RULE = `id: no-old-sdk-call
severity: block
languages: [typescript]
files: ["src/app/**"]
message: "oldSdkCall is retired"
help: Use newSdkCall.
match:
  - kind: function-call
    names: [oldSdkCall]
examples:
  invalid:
    - file: src/app/x.ts
      code: |
        oldSdkCall();
  valid:
    - file: scripts/x.ts
      code: |
        oldSdkCall();
`;

const LEGACY_TS = 'export const rows = await supabase.from("legacy_billing").select("*");\n';

function project(files: Record<string, string>): string {
  const root = gitRepo();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** The hook in-process, run from the project as Claude Code runs it. */
function write(root: string, path: string, content: string, extra: Record<string, string> = {}): Run {
  const env = envFor(runtimeDir(), { CLAUDE_PROJECT_DIR: root, XDG_CACHE_HOME: CACHE, ...extra });
  return inProcess(claude("Write", { file_path: join(root, path), content }, root), env, { cwd: root });
}

function lint(root: string, args: string[] = []): Run & { findings: string[] } {
  const r = spawnSync(process.execPath, [BIN, "lint", "--format", "json", ...args], { cwd: root, encoding: "utf8", timeout: 60_000, env: { ...process.env, XDG_CACHE_HOME: CACHE } });
  let findings: string[] = [];
  try {
    findings = (JSON.parse(r.stdout) as { findings: { file: string; line: number; ruleId: string }[] }).findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`).sort();
  } catch {
    // exit 2: no JSON
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, findings };
}

function context(run: Run): string {
  if (!run.stdout.trim()) return "";
  return (JSON.parse(run.stdout) as { hookSpecificOutput?: { additionalContext?: string } }).hookSpecificOutput?.additionalContext ?? "";
}

describe("project rules through the hook", () => {
  it("a project rule blocks where it applies and not in its ignored folder; built-in rules still run", () => {
    const root = project({ ".integration-guard/rules/no-legacy-billing.yaml": LEGACY_RULE });
    expect(denials(write(root, "src/app/bill.ts", LEGACY_TS))).toEqual(["src/app/bill.ts:1 no-legacy-billing"]);
    // Again, now that the parsed rules are cached (the fast path knows the project's words).
    expect(denials(write(root, "src/app/bill.ts", LEGACY_TS))).toEqual(["src/app/bill.ts:1 no-legacy-billing"]);
    expect(write(root, "src/legacy/bill.ts", LEGACY_TS).stdout).toBe("");
    expect(denials(write(root, "src/app/creds.ts", BAD_TS))).toEqual([`src/app/creds.ts:1 ${TABLE}`]);
    expect(write(root, "src/app/clean.ts", "export const x = 1;\n").stdout).toBe("");
  });

  it("files: a scoped rule checks only matching files (paths relative to the git work tree, from a subfolder cwd too)", () => {
    const root = project({ ".integration-guard/rules/no-old-sdk-call.yaml": SDK_RULE });
    expect(denials(write(root, "src/app/x.ts", "oldSdkCall();\n"))).toEqual(["src/app/x.ts:1 no-old-sdk-call"]);
    expect(write(root, "scripts/x.ts", "oldSdkCall();\n").stdout).toBe("");
  });

  it("config.yaml turns a built-in rule off and re-grades a project rule to warn", () => {
    const root = project({
      ".integration-guard/rules/no-legacy-billing.yaml": LEGACY_RULE,
      ".integration-guard/config.yaml": `rules:\n  ${TABLE}: off\n  no-legacy-billing: warn\n`,
    });
    expect(write(root, "src/app/creds.ts", BAD_TS).stdout).toBe("");
    const warned = write(root, "src/app/bill.ts", LEGACY_TS);
    expect(denials(warned)).toEqual([]);
    expect(context(warned)).toContain("src/app/bill.ts:1  no-legacy-billing");
  });

  it("config.yaml packs: a folder of rules next to the built-in pack; without builtin, only the pack", () => {
    const root = project({
      "tools/guard-rules/no-legacy-billing.yaml": LEGACY_RULE,
      ".integration-guard/config.yaml": "packs: [./tools/guard-rules]\n",
    });
    expect(denials(write(root, "src/app/bill.ts", LEGACY_TS))).toEqual(["src/app/bill.ts:1 no-legacy-billing"]);
    expect(write(root, "src/app/creds.ts", BAD_TS).stdout).toBe("");
  });

  it("a bad rule file and a duplicate id are told to the agent and on stderr, naming file and field; the valid rules still block", () => {
    const root = project({
      ".integration-guard/rules/no-legacy-billing.yaml": LEGACY_RULE,
      ".integration-guard/rules/bad.yaml": LEGACY_RULE.replace("id: no-legacy-billing", "id: bad-rule").replace("tables: [legacy_billing]", "tables: legacy_billing"),
      ".integration-guard/rules/dup.yaml": LEGACY_RULE.replace("id: no-legacy-billing", `id: ${TABLE}`),
    });
    const denied = write(root, "src/app/bill.ts", LEGACY_TS);
    expect(denials(denied).sort()).toEqual([
      ".integration-guard/rules/bad.yaml:1 invalid-project-rule",
      ".integration-guard/rules/dup.yaml:1 invalid-project-rule",
      "src/app/bill.ts:1 no-legacy-billing",
    ]);
    expect(denied.stderr).toMatch(/\.integration-guard\/rules\/bad\.yaml: match\.0\.tables/);
    expect(denied.stderr).toMatch(/\.integration-guard\/rules\/dup\.yaml: id: .*built-in/);
    // A clean write is allowed, and still told about the broken rule files.
    const clean = write(root, "src/app/clean.ts", "export const x = 1;\n");
    expect(denials(clean)).toEqual([]);
    expect(context(clean)).toContain(".integration-guard/rules/bad.yaml:1  invalid-project-rule");
  });
});

describe("project rules through lint", () => {
  it("the tree and the staged content, with scope; exit 1 on a block", () => {
    const root = project({
      ".integration-guard/rules/no-legacy-billing.yaml": LEGACY_RULE,
      ".integration-guard/rules/no-old-sdk-call.yaml": SDK_RULE,
      "src/app/bill.ts": LEGACY_TS,
      "src/legacy/bill.ts": LEGACY_TS,
      "src/app/sdk.ts": "oldSdkCall();\n",
      "scripts/sdk.ts": "oldSdkCall();\n",
    });
    const tree = lint(root);
    expect(tree.status).toBe(1);
    expect(tree.findings).toEqual(["src/app/bill.ts:1 no-legacy-billing", "src/app/sdk.ts:1 no-old-sdk-call"]);
    // From a subfolder: paths are relative to cwd, globs to the work tree root.
    const sub = lint(join(root, "src"));
    expect(sub.findings).toEqual(["app/bill.ts:1 no-legacy-billing", "app/sdk.ts:1 no-old-sdk-call"]);
    spawnSync("git", ["add", "src/app/bill.ts", "src/legacy/bill.ts"], { cwd: root });
    const staged = lint(root, ["--staged"]);
    expect(staged.status).toBe(1);
    expect(staged.findings).toEqual(["src/app/bill.ts:1 no-legacy-billing"]);
  });

  it("a bad rule file or a duplicate id: exit 2, every problem listed with file and field", () => {
    const root = project({
      ".integration-guard/rules/bad.yaml": LEGACY_RULE.replace("severity: block", "severity: fatal"),
      ".integration-guard/rules/dup.yaml": LEGACY_RULE.replace("id: no-legacy-billing", `id: ${TABLE}`),
      ".integration-guard/config.yaml": "rules:\n  no-such-rule: off\n",
      "src/app/bill.ts": LEGACY_TS,
    });
    const run = lint(root);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/\.integration-guard\/rules\/bad\.yaml: severity/);
    expect(run.stderr).toMatch(/\.integration-guard\/rules\/dup\.yaml: id: /);
    expect(run.stderr).toMatch(/\.integration-guard\/config\.yaml: rules\.no-such-rule/);
  });

  it("without an .integration-guard folder, lint is the built-in pack as before", () => {
    const root = project({ "src/app/bill.ts": LEGACY_TS, "src/app/creds.ts": BAD_TS });
    expect(lint(root).findings).toEqual([`src/app/creds.ts:1 ${TABLE}`]);
  });
});

describe("project rules in the daemon", () => {
  it("a changed rule file applies on the next call, without a restart", () => {
    const root = project({ ".integration-guard/rules/no-legacy-billing.yaml": LEGACY_RULE });
    const dir = runtimeDir();
    const env = envFor(dir, { CLAUDE_PROJECT_DIR: root, XDG_CACHE_HOME: CACHE });
    const call = (path: string, content: string) => hook(claude("Write", { file_path: join(root, path), content }, root), env, { cwd: root });
    // The first call answers in-process and starts the daemon.
    expect(denials(call("src/app/bill.ts", LEGACY_TS))).toEqual(["src/app/bill.ts:1 no-legacy-billing"]);
    const before = waitFor(() => status(dir));
    expect(before).toBeDefined();
    expect(denials(call("src/app/bill.ts", LEGACY_TS))).toEqual(["src/app/bill.ts:1 no-legacy-billing"]);
    // A file that already uses legacy_invoices_v1, edited under the first rules: the daemon remembers
    // its findings (none then) for the next edit's "before".
    // ("billing" in it: the first rules' word, so the fast path hands the edit to the daemon.)
    const OLD = `// billing helpers\n${LEGACY_TS.replace("legacy_billing", "legacy_invoices_v1")}export const a = 1;\n`;
    mkdirSync(join(root, "src/app"), { recursive: true });
    writeFileSync(join(root, "src/app/old.ts"), OLD);
    const edit = (from: number) =>
      hook(claude("Edit", { file_path: join(root, "src/app/old.ts"), old_string: `export const a = ${from};`, new_string: `export const a = ${from + 1};` }, root), env, { cwd: root });
    expect(edit(1).stdout).toBe("");
    writeFileSync(join(root, "src/app/old.ts"), OLD.replace("a = 1", "a = 2")); // the agent's edit, applied

    writeFileSync(join(root, ".integration-guard/rules/no-legacy-billing.yaml"), LEGACY_RULE.replaceAll("legacy_billing", "legacy_invoices_v1"));
    // Under the new rule the finding was there before the edit: not introduced, so not denied
    // (a memo that ignored the rule set would recall "no findings before" and deny).
    expect(edit(2).stdout).toBe("");
    expect(call("src/app/bill.ts", LEGACY_TS).stdout).toBe("");
    expect(denials(call("src/app/inv.ts", LEGACY_TS.replace("legacy_billing", "legacy_invoices_v1")))).toEqual(["src/app/inv.ts:1 no-legacy-billing"]);
    rmSync(join(root, ".integration-guard"), { recursive: true });
    expect(call("src/app/inv.ts", LEGACY_TS.replace("legacy_billing", "legacy_invoices_v1")).stdout).toBe("");
    // The daemon answered those calls (same pid, more requests).
    const after = status(dir);
    expect(after?.pid).toBe(before!.pid);
    expect(after!.requests).toBeGreaterThan(before!.requests);
  });
});

describe("rule examples with file: paths", () => {
  it("are checked as project-relative paths, so files/ignore apply to them", async () => {
    const { parseRuleText } = await import("../../src/rules/load.js");
    for (const text of [LEGACY_RULE, SDK_RULE]) {
      const parsed = await parseRuleText("rule.yaml", text);
      if (!parsed.ok) throw new Error(parsed.problems.join("\n"));
      expect((await runRuleExamples(parsed.rule)).failures).toEqual([]);
    }
    // The same valid example outside the ignored folder would be a finding: the scope is what passes it.
    const unscoped = await parseRuleText("rule.yaml", LEGACY_RULE.replace('ignore: ["src/legacy/**"]\n', ""));
    if (!unscoped.ok) throw new Error(unscoped.problems.join("\n"));
    expect((await runRuleExamples(unscoped.rule)).failures.map((f) => `${f.kind} ${f.file}`)).toEqual(["valid src/legacy/bill.ts"]);
  });
});

describe("install and doctor report the project's rules", () => {
  it("counts the valid rules and lists each problem with its file", async () => {
    const { runInstall } = await import("../../src/install/run.js");
    const { runDoctor } = await import("../../src/doctor/index.js");
    const root = project({
      ".integration-guard/rules/no-legacy-billing.yaml": LEGACY_RULE,
      ".integration-guard/rules/bad.yaml": LEGACY_RULE.replace("id: no-legacy-billing", "id: Bad Id"),
    });
    const install = await runInstall({ cwd: root, steps: [], dryRun: true });
    expect(install.projectRules?.projectRules).toBe(1);
    expect(install.projectRules?.problems).toEqual([expect.stringMatching(/^\.integration-guard\/rules\/bad\.yaml: id: /)]);
    const doctor = await runDoctor({ cwd: root, env: { ...process.env, HOME: tempDir("ig-home-") } });
    const check = doctor.checks.find((c) => c.id === "project-rules");
    expect(check?.status).toBe("fail");
    expect(check?.message).toContain(".integration-guard/rules/bad.yaml");
    const plain = project({});
    expect((await runInstall({ cwd: plain, steps: [], dryRun: true })).projectRules).toBeUndefined();
  });
});

describe("the fast path's view of project rules", () => {
  it("no folder: undefined; parsed and unchanged: the rules' words; a changed or broken file: null (the full path decides)", async () => {
    const { loadProjectRules } = await import("../../src/rules/project.js");
    const { cachedProjectNeedles } = await import("../../src/rules/project-files.js");
    const env = { ...process.env, XDG_CACHE_HOME: tempDir("ig-cache-") };
    expect(cachedProjectNeedles(project({}), env)).toBeUndefined();
    const root = project({ ".integration-guard/rules/no-legacy-billing.yaml": LEGACY_RULE });
    expect(cachedProjectNeedles(root, env)).toBeNull(); // never parsed yet
    const loaded = await loadProjectRules(root, env);
    expect(loaded.rules.map((r) => r.id)).toContain("no-legacy-billing");
    expect(cachedProjectNeedles(root, env)).toEqual([{ needles: ["billing"] }]);
    writeFileSync(join(root, ".integration-guard/rules/no-legacy-billing.yaml"), `${LEGACY_RULE}# edited\n`);
    expect(cachedProjectNeedles(root, env)).toBeNull();
    writeFileSync(join(root, ".integration-guard/rules/bad.yaml"), "id: [");
    const broken = await loadProjectRules(root, env);
    expect(broken.problems).toEqual([expect.stringMatching(/^\.integration-guard\/rules\/bad\.yaml: /)]);
    expect(cachedProjectNeedles(root, env)).toBeNull();
  });
});

describe("the authoring commands' view of project rules (loadProjectRuleSources)", () => {
  it("the hook's rules, in its order and grades, each with its definition, examples and absolute file; the cache keeps no examples", async () => {
    const { loadProjectRules, loadProjectRuleSources } = await import("../../src/rules/project.js");
    const { readCachedProject } = await import("../../src/rules/project-files.js");
    const env = { ...process.env, XDG_CACHE_HOME: tempDir("ig-cache-") };
    const root = project({
      ".integration-guard/config.yaml": "packs: [builtin, ./guard]\nrules:\n  no-integration-status-read: off\n  no-old-sdk-call: warn\n",
      ".integration-guard/rules/no-legacy-billing.yaml": LEGACY_RULE,
      ".integration-guard/rules/bad.yaml": "id: [",
      "guard/sdk.yaml": SDK_RULE,
    });
    const authoring = await loadProjectRuleSources(root, env);
    const hook = await loadProjectRules(root, env);
    expect(authoring.sources.map((s) => s.rule.id)).toEqual(hook.rules.map((r) => r.id));
    expect(authoring.rules.map((r) => [r.id, r.severity])).toEqual(hook.rules.map((r) => [r.id, r.severity]));
    expect(authoring.problems).toEqual(hook.problems);
    expect(authoring.problems).toEqual([expect.stringMatching(/^\.integration-guard\/rules\/bad\.yaml: /)]);
    expect(authoring.sources.some((s) => s.rule.id === "no-integration-status-read")).toBe(false);

    const byId = new Map(authoring.sources.map((s) => [s.rule.id, s]));
    expect(byId.get("no-legacy-billing")?.file).toBe(join(root, ".integration-guard/rules/no-legacy-billing.yaml"));
    expect(byId.get("no-legacy-billing")?.rule.examples.invalid[0]?.file).toBe("src/app/bill.ts");
    expect(byId.get("no-old-sdk-call")).toMatchObject({ file: join(root, "guard/sdk.yaml"), rule: { severity: "warn" } });
    expect(byId.get("no-old-sdk-call")?.rule.examples.valid).toHaveLength(1);
    // The built-in pack from the package's rules/*.yaml, with its examples.
    const builtin = byId.get("no-cloud-provider-integrations-table");
    expect(builtin?.file).toMatch(/rules\/no-cloud-provider-integrations-table\.yaml$/);
    expect(builtin?.rule.examples.invalid.length).toBeGreaterThan(0);

    // What the hook reads back on every call: the rules without their examples.
    const cached = readCachedProject(root, env);
    expect(cached?.files.map((f) => f.rule?.id)).toEqual(["no-old-sdk-call", undefined, "no-legacy-billing"]);
    expect(cached?.files.some((f) => f.rule && "examples" in f.rule)).toBe(false);
  });

  it("without a project folder: the built-in pack, as the hook loads it", async () => {
    const { loadProjectRules, loadProjectRuleSources } = await import("../../src/rules/project.js");
    const root = project({});
    const authoring = await loadProjectRuleSources(root);
    expect(authoring.sources.map((s) => s.rule.id)).toEqual((await loadProjectRules(root)).rules.map((r) => r.id));
    expect(authoring.sources.every((s) => s.rule.examples.valid.length > 0)).toBe(true);
    expect(authoring.key).toBe("builtin");
  });
});
