import { existsSync, lstatSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AFTER_CALL_ENTRY, ALL_CLAUDE_HOOKS, CHOOSER, GUARD_ENTRY, makeRepo, removeRepos, SESSION_ENTRY, WARMUP_ENTRY } from "./repo.js";

afterAll(removeRepos);

/** Settings another team already has: other settings, other tools' hooks on the same events. */
const THEIRS = {
  permissions: { allow: ["Bash(npm test)"], deny: ["Read(.env)"] },
  env: { FOO: "bar" },
  hooks: {
    PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: "./scripts/check-bash.sh", timeout: 5 }] }],
    PostToolUse: [{ matcher: "Write|Edit", hooks: [{ type: "command", command: "npx prettier --write" }] }],
  },
};
const theirsText = `${JSON.stringify(THEIRS, null, 2)}\n`;

describe("install --claude", () => {
  it("registers the exec-form hook in a repo without settings", () => {
    const repo = makeRepo();
    const run = repo.run("install", "--claude");
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/added\s+claude/);
    const text = repo.read(".claude/settings.json");
    expect(JSON.parse(text)).toEqual({ hooks: ALL_CLAUDE_HOOKS });
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).toContain('\n  "hooks"');
  });

  it("uses this repository's own dist/ when run inside integration-guard itself", () => {
    const repo = makeRepo({ dependency: false });
    repo.write("package.json", `${JSON.stringify({ name: "integration-guard" })}\n`);
    expect(repo.run("install", "--claude").status).toBe(0);
    const settings = JSON.parse(repo.read(".claude/settings.json"));
    expect(settings.hooks.PreToolUse[0].hooks[0].args).toEqual(["-c", CHOOSER, "integration-guard", "${CLAUDE_PROJECT_DIR}/dist/integration-guard", "hook"]);
  });

  it("keeps every other setting and other tools' hooks, is idempotent, and uninstall restores the file byte for byte", () => {
    const repo = makeRepo();
    repo.write(".claude/settings.json", theirsText);
    expect(repo.run("install", "--claude").status).toBe(0);
    const installed = repo.read(".claude/settings.json");
    const settings = JSON.parse(installed);
    expect(settings.permissions).toEqual(THEIRS.permissions);
    expect(settings.env).toEqual(THEIRS.env);
    expect(settings.hooks.PostToolUse).toEqual([...THEIRS.hooks.PostToolUse, AFTER_CALL_ENTRY]);
    expect(settings.hooks.PreToolUse).toEqual([...THEIRS.hooks.PreToolUse, GUARD_ENTRY]);
    expect(settings.hooks.Stop).toEqual([SESSION_ENTRY]);
    expect(settings.hooks.SubagentStop).toEqual([SESSION_ENTRY]);
    expect(settings.hooks.SessionStart).toEqual([SESSION_ENTRY, WARMUP_ENTRY]);

    const again = repo.run("install", "--claude");
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(/unchanged\s+claude/);
    expect(repo.read(".claude/settings.json")).toBe(installed);

    expect(repo.run("uninstall", "--claude").status).toBe(0);
    expect(repo.read(".claude/settings.json")).toBe(theirsText);
  });

  it("deletes the settings file on uninstall when install created it", () => {
    const repo = makeRepo();
    repo.run("install", "--claude");
    expect(repo.run("uninstall").status).toBe(0);
    expect(existsSync(join(repo.root, ".claude", "settings.json"))).toBe(false);
  });

  it("keeps the file's indentation (tabs) and lack of a trailing newline", () => {
    const repo = makeRepo();
    repo.write(".claude/settings.json", JSON.stringify({ model: "opus" }, null, "\t"));
    repo.run("install", "--claude");
    const text = repo.read(".claude/settings.json");
    expect(text).toContain('\n\t"model": "opus"');
    expect(text.endsWith("}")).toBe(true);
  });

  it("writes through a symlinked settings file and keeps the link", () => {
    const repo = makeRepo();
    repo.write("shared/claude-settings.json", theirsText);
    repo.write(".claude/.keep", "");
    symlinkSync("../shared/claude-settings.json", join(repo.root, ".claude", "settings.json"));
    expect(repo.run("install", "--claude").status).toBe(0);
    expect(lstatSync(join(repo.root, ".claude", "settings.json")).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(repo.root, "shared", "claude-settings.json"), "utf8")).hooks.PreToolUse).toHaveLength(2);
  });

  it("refuses a settings file that is not valid JSON and leaves its bytes untouched", () => {
    const repo = makeRepo();
    const broken = '{\n  "permissions": { "allow": ["Bash(ls)"], },\n  // a comment\n';
    repo.write(".claude/settings.json", broken);
    const run = repo.run("install", "--claude");
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/refused\s+claude \(\.claude\/settings\.json\): not changed: .*JSON/);
    expect(repo.read(".claude/settings.json")).toBe(broken);
    // No temp file left behind next to it.
    expect(readdirSync(join(repo.root, ".claude"))).toEqual(["settings.json"]);
    // uninstall refuses the same way.
    expect(repo.run("uninstall", "--claude").status).toBe(2);
    expect(repo.read(".claude/settings.json")).toBe(broken);
  });

  it("refuses settings whose hooks are not in Claude Code's shape", () => {
    const repo = makeRepo();
    const odd = `${JSON.stringify({ hooks: { PreToolUse: { matcher: "Write" } } }, null, 2)}\n`;
    repo.write(".claude/settings.json", odd);
    const run = repo.run("install", "--claude");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('"hooks.PreToolUse" is not an array');
    expect(repo.read(".claude/settings.json")).toBe(odd);
  });

  it("replaces a broken registration of the guard (npx, milliseconds) and keeps its neighbours", () => {
    const repo = makeRepo();
    const neighbour = { type: "command", command: "./audit.sh" };
    repo.write(
      ".claude/settings.json",
      JSON.stringify({ hooks: { PreToolUse: [{ matcher: "Write", hooks: [neighbour, { type: "command", command: "npx integration-guard hook", timeout: 10000 }] }] } }),
    );
    const run = repo.run("install", "--claude");
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/replaced\s+claude/);
    expect(JSON.parse(repo.read(".claude/settings.json")).hooks.PreToolUse).toEqual([{ matcher: "Write", hooks: [neighbour] }, GUARD_ENTRY]);
  });

  it("replaces a registration through any package runner doctor fails (pnpm exec here), so doctor's fix works", () => {
    const repo = makeRepo();
    const viaRunner = { ...GUARD_ENTRY, hooks: [{ type: "command", command: "pnpm exec node ${CLAUDE_PROJECT_DIR}/node_modules/integration-guard/dist/integration-guard.cjs hook", timeout: 10 }] };
    repo.write(".claude/settings.json", JSON.stringify({ hooks: { PreToolUse: [viaRunner] } }));
    expect(repo.run("install", "--claude").stderr).toMatch(/replaced\s+claude/);
    expect(JSON.parse(repo.read(".claude/settings.json")).hooks.PreToolUse).toEqual([GUARD_ENTRY]);
  });

  it("replaces a registration pointing at a script path that is not where the package is installed", () => {
    const repo = makeRepo();
    repo.write(".claude/settings.json", JSON.stringify({ hooks: { PreToolUse: [{ ...GUARD_ENTRY, hooks: [{ ...GUARD_ENTRY.hooks[0], args: ["/old/global/lib/integration-guard/dist/integration-guard.cjs", "hook"] }] }] } }));
    expect(repo.run("install", "--claude").stderr).toMatch(/replaced\s+claude/);
    expect(JSON.parse(repo.read(".claude/settings.json")).hooks.PreToolUse).toEqual([GUARD_ENTRY]);
  });

  it("replaces a registration from before Bash was judged (file tools only): Bash joins the matcher", () => {
    const repo = makeRepo();
    repo.write(".claude/settings.json", JSON.stringify({ hooks: { PreToolUse: [{ ...GUARD_ENTRY, matcher: "Write|Edit|MultiEdit|NotebookEdit" }], SessionStart: [WARMUP_ENTRY] } }));
    expect(repo.run("install", "--claude").stderr).toMatch(/replaced\s+claude/);
    const hooks = JSON.parse(repo.read(".claude/settings.json")).hooks;
    expect(hooks.PreToolUse).toEqual([GUARD_ENTRY]);
    expect(hooks.SessionStart).toEqual([WARMUP_ENTRY, SESSION_ENTRY]);
  });

  it("keeps a working registration of the user's own (extra flags) as it is, adding only the other entries", () => {
    const repo = makeRepo();
    const own = { matcher: "Write|Edit|MultiEdit|NotebookEdit|Bash", hooks: [{ type: "command", command: "node", args: ["${CLAUDE_PROJECT_DIR}/node_modules/integration-guard/dist/integration-guard.cjs", "hook", "--fail-closed"], timeout: 5 }] };
    const withWarmup = `${JSON.stringify({ hooks: { ...ALL_CLAUDE_HOOKS, PreToolUse: [own] } }, null, 2)}\n`;
    repo.write(".claude/settings.json", `${JSON.stringify({ hooks: { PreToolUse: [own] } }, null, 2)}\n`);
    expect(repo.run("install", "--claude").status).toBe(0);
    expect(repo.read(".claude/settings.json")).toBe(withWarmup);
    repo.write(".claude/settings.json", withWarmup);
    expect(repo.run("install", "--claude").stderr).toMatch(/unchanged\s+claude/);
    expect(repo.read(".claude/settings.json")).toBe(withWarmup);
  });

  it("--dry-run prints the new file and writes nothing; --json reports each step", () => {
    const repo = makeRepo();
    repo.write(".claude/settings.json", theirsText);
    const dry = repo.run("install", "--claude", "--dry-run");
    expect(dry.status).toBe(0);
    expect(dry.stderr).toContain("dry run");
    expect(dry.stdout).toContain("integration-guard.cjs");
    expect(repo.read(".claude/settings.json")).toBe(theirsText);

    const json = repo.run("install", "--claude", "--json");
    const report = JSON.parse(json.stdout);
    expect(report.steps).toEqual([expect.objectContaining({ step: "claude", status: "added", file: ".claude/settings.json" })]);
  });

  it("refuses when integration-guard is not a dependency (no npx or global path in a committed file)", () => {
    const repo = makeRepo({ dependency: false });
    const run = repo.run("install", "--claude");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("npm install --save-dev integration-guard");
    expect(existsSync(join(repo.root, ".claude"))).toBe(false);
  });

  it("rejects unknown flags with exit 2", () => {
    const repo = makeRepo();
    const run = repo.run("install", "--claud");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("Usage: integration-guard install");
  });
});
