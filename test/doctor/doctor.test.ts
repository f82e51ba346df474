import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GUARD_ENTRY, makeRepo, removeRepos, type Repo } from "../install/repo.js";

afterAll(removeRepos);

interface Report {
  ok: boolean;
  checks: Array<{ id: string; status: string; message: string; fix?: string }>;
  hooks: Array<{ source: string; checks: Array<{ id: string; status: string; message: string; fix?: string }> }>;
}

function doctor(repo: Repo, ...args: string[]): { status: number | null; report: Report; text: string } {
  const json = repo.run("doctor", "--json", ...args);
  const text = repo.run("doctor", ...args);
  expect(text.status).toBe(json.status);
  return { status: json.status, report: JSON.parse(json.stdout) as Report, text: text.stdout };
}

function settings(repo: Repo, ...groups: unknown[]): void {
  repo.write(".claude/settings.json", `${JSON.stringify({ hooks: { PreToolUse: groups } }, null, 2)}\n`);
}

const guardWith = (hook: Record<string, unknown>, matcher = GUARD_ENTRY.matcher) => ({ matcher, hooks: [{ ...GUARD_ENTRY.hooks[0], ...hook }] });

const check = (report: Report, id: string) => report.hooks.flatMap((h) => h.checks).find((c) => c.id === id);

describe("integration-guard doctor", () => {
  it("passes a registration made by install: the real hook denies the sample and allows the clean write", () => {
    const repo = makeRepo();
    expect(repo.run("install", "--claude").status).toBe(0);
    const { status, report, text } = doctor(repo);
    expect(report.hooks).toHaveLength(1);
    expect(report.hooks[0]!.checks.map((c) => [c.id, c.status])).toEqual([
      ["matcher", "pass"], ["timeout", "pass"], ["runner", "pass"], ["path", "pass"], ["deny", "pass"], ["allow", "pass"],
    ]);
    expect(check(report, "deny")!.message).toContain("cloud_provider_integrations");
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([["after-call", "pass"], ["turn-end", "pass"], ["session-start", "pass"]]);
    expect(report.ok).toBe(true);
    expect(status).toBe(0);
    expect(text).toMatch(/PASS {2}denies the sample write/);
    expect(text).not.toContain("FAIL");
  });

  it("fails when no hook is registered at all", () => {
    const repo = makeRepo();
    const { status, report, text } = doctor(repo);
    expect(status).toBe(1);
    expect(report.checks).toEqual([expect.objectContaining({ id: "registered", status: "fail", fix: "run `integration-guard install --claude`" })]);
    expect(text).toContain("fix: run `integration-guard install --claude`");
  });

  it("fails a script path that does not exist, with the fix", () => {
    const repo = makeRepo();
    settings(repo, guardWith({ args: ["${CLAUDE_PROJECT_DIR}/node_modules/integration-guard/build/integration-guard.cjs", "hook"] }));
    const { status, report } = doctor(repo);
    expect(status).toBe(1);
    expect(check(report, "path")).toMatchObject({ status: "fail", message: expect.stringContaining("does not exist") });
  });

  it("reports exit 127 for a shell-form command that is not found", () => {
    const repo = makeRepo();
    settings(repo, { matcher: GUARD_ENTRY.matcher, hooks: [{ type: "command", command: '"$CLAUDE_PROJECT_DIR"/bin/integration-guard hook', timeout: 10 }] });
    const { status, report } = doctor(repo);
    expect(status).toBe(1);
    expect(check(report, "deny")).toMatchObject({ status: "fail", message: expect.stringContaining("exit 127") });
  });

  it("reports exit 126 for a script that is not executable", () => {
    const repo = makeRepo();
    repo.write("bin/integration-guard", `#!/bin/sh\nexec node "${join(repo.root, "node_modules/integration-guard/dist/integration-guard.cjs")}" "$@"\n`);
    chmodSync(join(repo.root, "bin/integration-guard"), 0o644);
    settings(repo, { matcher: GUARD_ENTRY.matcher, hooks: [{ type: "command", command: '"$CLAUDE_PROJECT_DIR"/bin/integration-guard hook', timeout: 10 }] });
    const { report } = doctor(repo);
    expect(check(report, "deny")).toMatchObject({ status: "fail", message: expect.stringContaining("exit 126"), fix: expect.stringContaining("chmod +x") });
  });

  it("fails a timeout given in milliseconds", () => {
    const repo = makeRepo();
    settings(repo, guardWith({ timeout: 10000 }));
    const { status, report } = doctor(repo);
    expect(status).toBe(1);
    expect(check(report, "timeout")).toMatchObject({ status: "fail", message: expect.stringContaining("milliseconds"), fix: 'set "timeout": 10 (seconds)' });
    // The hook itself still works: only the timeout is wrong.
    expect(check(report, "deny")!.status).toBe("pass");
  });

  it('fails a matcher of "Write" only, naming the tools it misses', () => {
    const repo = makeRepo();
    settings(repo, guardWith({}, "Write"));
    const { status, report } = doctor(repo);
    expect(status).toBe(1);
    expect(check(report, "matcher")).toMatchObject({
      status: "fail",
      message: expect.stringContaining("misses Edit, MultiEdit, NotebookEdit, Bash"),
      fix: 'set "matcher": "Write|Edit|MultiEdit|NotebookEdit|Bash"',
    });
  });

  it("reads a regex matcher the way Claude Code does (unanchored)", () => {
    const repo = makeRepo();
    settings(repo, guardWith({}, "Edit.*|Write|Bash"));
    expect(check(doctor(repo).report, "matcher")!.status).toBe("pass");
    settings(repo, guardWith({}, "^Edit$"));
    expect(check(doctor(repo).report, "matcher")!.message).toContain("misses Write, MultiEdit, NotebookEdit");
  });

  it("fails a deny that is not valid JSON on stdout (--all runs a wrapper script)", () => {
    const repo = makeRepo();
    repo.write("guard.sh", "#!/bin/sh\ncat > /dev/null\necho 'BLOCKED: cloud_provider_integrations'\nexit 0\n");
    chmodSync(join(repo.root, "guard.sh"), 0o755);
    settings(repo, { matcher: GUARD_ENTRY.matcher, hooks: [{ type: "command", command: '"$CLAUDE_PROJECT_DIR"/guard.sh', timeout: 10 }] });
    expect(doctor(repo).report.checks[0]!.id).toBe("registered");
    const { status, report } = doctor(repo, "--all");
    expect(status).toBe(1);
    expect(check(report, "deny")).toMatchObject({ status: "fail", message: expect.stringContaining("not one JSON object") });
    expect(check(report, "allow")!.status).toBe("fail");
  });

  it('fails an "async" hook and "disableAllHooks": both mean nothing is ever blocked', () => {
    const repo = makeRepo();
    repo.write(".claude/settings.json", JSON.stringify({ disableAllHooks: true, hooks: { PreToolUse: [guardWith({ async: true })] } }));
    const { status, report } = doctor(repo);
    expect(status).toBe(1);
    expect(report.checks.filter((c) => c.id === "settings")).toEqual([expect.objectContaining({ id: "settings", status: "fail", message: expect.stringContaining("disableAllHooks") })]);
    expect(check(report, "async")).toMatchObject({ status: "fail", fix: 'remove "async" from the hook' });
  });

  it("fails npx on the hot path without running anything else wrong", async () => {
    const { runnerCheck } = await import("../../src/doctor/checks.js");
    const hook = { source: "s", matcher: "Write", covers: [], command: "npx -y integration-guard hook", guard: true };
    expect(runnerCheck(hook)).toMatchObject({ status: "fail", fix: expect.stringContaining("integration-guard install --claude") });
    expect(runnerCheck({ ...hook, command: "node", args: ["x/integration-guard.cjs", "hook"] }).status).toBe("pass");
  });

  it("reads settings.local.json and the user's settings, and reports a settings file that is not JSON", () => {
    const repo = makeRepo();
    repo.write(".claude/settings.json", "{ not json");
    repo.write(".claude/settings.local.json", JSON.stringify({ hooks: { PreToolUse: [GUARD_ENTRY] } }));
    mkdirSync(join(repo.home, ".claude"));
    writeFileSync(join(repo.home, ".claude", "settings.json"), JSON.stringify({ hooks: { PreToolUse: [guardWith({}, "Write")] } }));
    const { status, report } = doctor(repo);
    expect(report.checks.filter((c) => c.id === "settings")).toEqual([expect.objectContaining({ id: "settings", status: "fail", message: expect.stringContaining(".claude/settings.json is not valid JSON") })]);
    expect(report.hooks.map((h) => h.source)).toEqual([".claude/settings.local.json", "~/.claude/settings.json"]);
    expect(report.hooks[0]!.checks.every((c) => c.status === "pass")).toBe(true);
    expect(report.hooks[1]!.checks.find((c) => c.id === "matcher")!.status).toBe("fail");
    expect(status).toBe(1);
  });

  it("fails a registration without the after-the-call and turn-end hooks (PreToolUse only), with install as the fix", () => {
    const repo = makeRepo();
    settings(repo, GUARD_ENTRY);
    const { status, report } = doctor(repo);
    expect(status).toBe(1);
    for (const id of ["after-call", "turn-end", "session-start"]) {
      expect(report.checks.find((c) => c.id === id)).toMatchObject({ status: "fail", fix: "run `integration-guard install --claude`" });
    }
  });

  it("Codex: fails while the project or the guard's hooks are untrusted (codex skips them silently), passes once config.toml trusts them", () => {
    const repo = makeRepo();
    expect(repo.run("install", "--codex").status).toBe(0);
    const first = doctor(repo);
    expect(first.status).toBe(1);
    expect(first.report.checks.find((c) => c.id === "registered")).toBeUndefined();
    expect(first.report.checks.find((c) => c.id === "codex-project")).toMatchObject({ status: "fail", fix: expect.stringContaining("/hooks") });
    expect(first.report.checks.find((c) => c.id === "codex-hooks")).toMatchObject({ status: "fail" });

    const hooksFile = join(repo.root, ".codex", "hooks.json");
    const events = Object.keys(JSON.parse(repo.read(".codex/hooks.json")).hooks as Record<string, unknown>);
    const snake = (e: string) => e.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase();
    const toml = [
      `[projects.${JSON.stringify(repo.root)}]`,
      'trust_level = "trusted"',
      "",
      ...events.flatMap((e) => [`[hooks.state.${JSON.stringify(`${hooksFile}:${snake(e)}:0:0`)}]`, 'trusted_hash = "sha256:0123"', ""]),
    ].join("\n");
    mkdirSync(join(repo.home, ".codex"), { recursive: true });
    writeFileSync(join(repo.home, ".codex", "config.toml"), toml);
    const trusted = doctor(repo);
    expect(trusted.report.checks.filter((c) => c.id.startsWith("codex-")).map((c) => [c.id, c.status])).toEqual([["codex-project", "pass"], ["codex-hooks", "pass"]]);
    // One hook left out of the trust record: named, and failed.
    writeFileSync(join(repo.home, ".codex", "config.toml"), toml.replace(`:${snake("Stop")}:0:0`, ":stop:9:9"));
    expect(doctor(repo).report.checks.find((c) => c.id === "codex-hooks")).toMatchObject({ status: "fail", message: expect.stringContaining("Stop") });
  });

  it("Gemini: fails while the folder is untrusted (its project hooks never load), passes with a TRUST_FOLDER rule; an unbraced project-dir command fails", () => {
    const repo = makeRepo();
    expect(repo.run("install", "--gemini").status).toBe(0);
    const untrusted = doctor(repo);
    expect(untrusted.status).toBe(1);
    expect(untrusted.report.checks.find((c) => c.id === "gemini-trust")).toMatchObject({ status: "fail", fix: expect.stringContaining("TRUST_FOLDER") });
    expect(untrusted.report.checks.find((c) => c.id === "gemini-command")!.status).toBe("pass");
    mkdirSync(join(repo.home, ".gemini"), { recursive: true });
    writeFileSync(join(repo.home, ".gemini", "trustedFolders.json"), JSON.stringify({ [repo.root]: "TRUST_FOLDER" }));
    expect(doctor(repo).report.checks.find((c) => c.id === "gemini-trust")!.status).toBe("pass");
    writeFileSync(join(repo.home, ".gemini", "trustedFolders.json"), JSON.stringify({ [repo.root]: "TRUST_FOLDER", [join(repo.root, "..")]: "TRUST_FOLDER", [repo.root + "/"]: "DO_NOT_TRUST" }));
    expect(doctor(repo).report.checks.find((c) => c.id === "gemini-trust")!.status).toBe("fail");
    repo.write(".gemini/settings.json", JSON.stringify({ hooks: { BeforeTool: [{ matcher: "write_file", hooks: [{ type: "command", command: 'node "$GEMINI_PROJECT_DIR/node_modules/integration-guard/dist/integration-guard.cjs" hook --agent gemini' }] }] } }));
    expect(doctor(repo).report.checks.find((c) => c.id === "gemini-command")).toMatchObject({ status: "fail", fix: "run `integration-guard install --gemini`" });
  });
});
