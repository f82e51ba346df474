/**
 * `integration-guard install --codex --gemini --cursor` in real temp repositories: the hooks are
 * merged into each agent's project config, idempotent, never written over invalid JSON, removed
 * by uninstall, and the registered command really denies when the agent's shell runs it.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeRepo, removeRepos } from "../install/repo.js";

afterAll(removeRepos);

const BAD = 'await supabase.from("cloud_provider_integrations").select("*");\n';
type Json = Record<string, any>;

describe("install for other agents", () => {
  it("writes each agent's config, keeps what was there, and a second run changes nothing", () => {
    const repo = makeRepo();
    repo.write(".gemini/settings.json", `${JSON.stringify({ theme: "dark", hooks: { BeforeTool: [{ matcher: "read_file", hooks: [{ type: "command", command: "audit" }] }] } }, null, 4)}\n`);
    const first = repo.run("install", "--codex", "--gemini", "--cursor");
    expect(first.status).toBe(0);
    const codex = JSON.parse(repo.read(".codex/hooks.json")) as Json;
    expect(codex.hooks.PreToolUse).toHaveLength(1);
    expect(codex.hooks.PreToolUse[0]).toMatchObject({ matcher: "apply_patch|Bash", hooks: [{ type: "command", timeout: 10 }] });
    expect(codex.hooks.PreToolUse[0].hooks[0].command).toContain("hook --agent codex");
    const gemini = JSON.parse(repo.read(".gemini/settings.json")) as Json;
    expect(gemini.theme).toBe("dark");
    expect(gemini.hooks.BeforeTool).toHaveLength(2);
    expect(gemini.hooks.BeforeTool[0].hooks[0].command).toBe("audit");
    expect(gemini.hooks.BeforeTool[1]).toMatchObject({ matcher: "write_file|replace|run_shell_command", hooks: [{ type: "command", timeout: 10_000 }] });
    expect(repo.read(".gemini/settings.json")).toMatch(/^ {4}"theme"/m);
    const cursor = JSON.parse(repo.read(".cursor/hooks.json")) as Json;
    expect(cursor.version).toBe(1);
    expect(cursor.hooks.preToolUse[0].command).toContain("hook --agent cursor");
    expect(cursor.hooks.beforeShellExecution[0].command).toContain("hook --agent cursor");

    const before = [".codex/hooks.json", ".gemini/settings.json", ".cursor/hooks.json"].map((f) => repo.read(f));
    const second = repo.run("install", "--codex", "--gemini", "--cursor");
    expect(second.status).toBe(0);
    expect([".codex/hooks.json", ".gemini/settings.json", ".cursor/hooks.json"].map((f) => repo.read(f))).toEqual(before);
  });

  it("registers the after-the-call, turn-end and session-start hooks for Codex and Gemini, and says how to trust them", () => {
    const repo = makeRepo();
    const run = repo.run("install", "--codex", "--gemini", "--json");
    expect(run.status).toBe(0);
    const codex = (JSON.parse(repo.read(".codex/hooks.json")) as Json).hooks;
    expect(Object.keys(codex)).toEqual(["PreToolUse", "PostToolUse", "Stop", "SessionStart"]);
    for (const event of Object.keys(codex)) expect(codex[event][0].hooks[0].command).toContain("hook --agent codex");
    const gemini = (JSON.parse(repo.read(".gemini/settings.json")) as Json).hooks;
    expect(Object.keys(gemini)).toEqual(["BeforeTool", "AfterTool", "AfterAgent", "SessionStart"]);
    expect(new RegExp(gemini.AfterTool[0].matcher).test("mcp__filesystem__write_file")).toBe(true);
    // Both steps carry what the user must do before the agent runs the hooks (the project root named).
    const steps = (JSON.parse(run.stdout) as Json).steps as Json[];
    for (const step of steps) expect(step.message).toContain(repo.root);
  });

  it("Gemini: the installed command works in a project path with spaces, quotes and @ : , ( as Gemini runs it (bash -c, the variable braced)", () => {
    const repo = makeRepo({ folder: "my app's @dir: a,b (copy)" });
    // A registration from an older install: "$GEMINI_PROJECT_DIR/..." breaks on such a path.
    repo.write(".gemini/settings.json", JSON.stringify({ hooks: { BeforeTool: [{ matcher: "write_file", hooks: [{ type: "command", command: 'node "$GEMINI_PROJECT_DIR/node_modules/integration-guard/dist/integration-guard.cjs" hook --agent gemini' }] }] } }));
    expect(repo.run("install", "--gemini").status).toBe(0);
    const before = (JSON.parse(repo.read(".gemini/settings.json")) as Json).hooks.BeforeTool as Json[];
    expect(before).toHaveLength(1);
    const command = before[0]!.hooks[0].command as string;
    expect(command).toContain("${GEMINI_PROJECT_DIR}");
    const payload = { hook_event_name: "BeforeTool", cwd: repo.root, tool_name: "write_file", tool_input: { file_path: join(repo.root, "a.ts"), content: BAD } };
    const run = spawnSync("bash", ["-c", command], { cwd: repo.root, input: JSON.stringify(payload), encoding: "utf8", env: { ...process.env, GEMINI_PROJECT_DIR: repo.root, INTEGRATION_GUARD_DAEMON: "0" } });
    expect(run.stderr).not.toContain("MODULE_NOT_FOUND");
    expect(JSON.parse(run.stdout)).toMatchObject({ decision: "deny" });
  });

  it("refuses (exit 2) to touch a config that is not valid JSON, and leaves it byte for byte", () => {
    const repo = makeRepo();
    const broken = '{ "hooks": { "PreToolUse": [ }\n';
    repo.write(".codex/hooks.json", broken);
    const run = repo.run("install", "--codex");
    expect(run.status).toBe(2);
    expect(repo.read(".codex/hooks.json")).toBe(broken);
  });

  it("uninstall removes only the guard's entries, and files that held nothing else", () => {
    const repo = makeRepo();
    repo.write(".gemini/settings.json", `${JSON.stringify({ theme: "dark" })}\n`);
    expect(repo.run("install", "--codex", "--gemini", "--cursor").status).toBe(0);
    expect(repo.run("uninstall", "--codex", "--gemini", "--cursor").status).toBe(0);
    expect(existsSync(join(repo.root, ".codex/hooks.json"))).toBe(false);
    expect(existsSync(join(repo.root, ".cursor/hooks.json"))).toBe(false);
    expect(JSON.parse(repo.read(".gemini/settings.json"))).toEqual({ theme: "dark" });
  });

  it("the registered commands deny a violation when the agent's shell runs them from a subfolder", () => {
    const repo = makeRepo();
    expect(repo.run("install", "--codex", "--gemini", "--cursor").status).toBe(0);
    const sub = join(repo.root, "packages");
    repo.write("packages/.keep", "");
    const codexCommand = (JSON.parse(repo.read(".codex/hooks.json")) as Json).hooks.PreToolUse[0].hooks[0].command as string;
    const codexPayload = { hook_event_name: "PreToolUse", turn_id: "t", cwd: sub, tool_name: "apply_patch", tool_input: { command: `*** Begin Patch\n*** Add File: a.ts\n+${BAD}*** End Patch\n` } };
    const codex = spawnSync("sh", ["-c", codexCommand], { cwd: sub, input: JSON.stringify(codexPayload), encoding: "utf8" });
    expect(codex.status).toBe(0);
    expect(JSON.parse(codex.stdout).hookSpecificOutput.permissionDecision).toBe("deny");
    const cursorCommand = (JSON.parse(repo.read(".cursor/hooks.json")) as Json).hooks.beforeShellExecution[0].command as string;
    const cursorPayload = { hook_event_name: "beforeShellExecution", conversation_id: "c", workspace_roots: [repo.root], cwd: sub, command: `cat > a.ts <<'EOF'\n${BAD}EOF` };
    const cursor = spawnSync("sh", ["-c", cursorCommand], { cwd: sub, input: JSON.stringify(cursorPayload), encoding: "utf8" });
    expect(JSON.parse(cursor.stdout)).toMatchObject({ permission: "deny" });
    const geminiCommand = (JSON.parse(repo.read(".gemini/settings.json")) as Json).hooks.BeforeTool[0].hooks[0].command as string;
    const geminiPayload = { hook_event_name: "BeforeTool", cwd: sub, tool_name: "write_file", tool_input: { file_path: join(sub, "a.ts"), content: BAD } };
    const gemini = spawnSync("sh", ["-c", geminiCommand], { cwd: sub, input: JSON.stringify(geminiPayload), encoding: "utf8", env: { ...process.env, GEMINI_PROJECT_DIR: repo.root } });
    expect(JSON.parse(gemini.stdout)).toMatchObject({ decision: "deny" });
  });
});
