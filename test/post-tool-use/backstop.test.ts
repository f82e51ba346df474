/**
 * The turn-end backstop and the after-the-call check of shell and MCP calls, with the built hook
 * and real payloads in real temp git repositories (and a folder outside git): SessionStart records
 * the tree, files written by routes no pre-call check sees (python -c, an MCP server) are found,
 * only what the session introduced blocks, and the turn end never loops.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findingsIn, reasonOf, runAgentHook, TABLE } from "../helpers/agent-hook.js";

const BAD = 'export const f = () => supabase.from("cloud_provider_integrations").select("*");\n';
const LEGACY = `export const old = async () => { await supabase.from("cloud_provider_integrations").select("*"); };\n`;

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** A folder with files; a git repository with them committed unless `git: false`. */
function workspace(files: Record<string, string>, options: { git?: boolean } = {}) {
  const root = tempDir("ig-backstop-");
  const state = tempDir("ig-state-");
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  for (const [path, text] of Object.entries(files)) write(path, text);
  const git = (...args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8" });
  if (options.git !== false) {
    git("init", "--quiet");
    git("-c", "user.email=t@t", "-c", "user.name=t", "add", "-A");
    git("-c", "user.email=t@t", "-c", "user.name=t", "commit", "--quiet", "--allow-empty", "-m", "start");
  }
  const session = `session-${Math.random().toString(36).slice(2)}`;
  const hook = (payload: object, env: Record<string, string> = {}) =>
    runAgentHook({ session_id: session, transcript_path: "/dev/null", cwd: root, permission_mode: "default", ...payload }, [], { INTEGRATION_GUARD_STATE_DIR: state, ...env });
  return {
    root,
    write,
    git,
    start: () => hook({ hook_event_name: "SessionStart", source: "startup" }),
    post: (tool_name: string, tool_input: object) => hook({ hook_event_name: "PostToolUse", tool_name, tool_input, tool_response: {}, tool_use_id: "t" }),
    stop: (stop_hook_active = false, extra: object = {}) => hook({ hook_event_name: "Stop", stop_hook_active, ...extra }),
    hook,
  };
}

const locations = (run: ReturnType<typeof runAgentHook>) => findingsIn(reasonOf(run.output));

describe("turn-end backstop (Stop), git repository", () => {
  it("a file written by python -c is told right after the call, and blocks the turn end; what was there at session start does not", () => {
    const ws = workspace({ "lib/legacy.ts": LEGACY, "lib/ok.ts": "export const a = 1;\n" });
    ws.write("lib/dirty-before.ts", BAD); // untracked and violating before the session: not this session's doing
    expect(ws.start()).toMatchObject({ status: 0, stdout: "" });

    ws.write("lib/new.ts", BAD); // what `python3 -c "open('lib/new.ts','w').write(...)"` does
    ws.write("lib/legacy.ts", `${LEGACY}export const more = 2;\n`); // a clean edit of a legacy file
    const after = ws.post("Bash", { command: `python3 -c "open('lib/new.ts','w').write(open('/tmp/x').read())"` });
    expect(after.output).toMatchObject({ decision: "block", hookSpecificOutput: { hookEventName: "PostToolUse" } });
    expect(locations(after)).toEqual([{ location: "lib/new.ts:1", ruleId: TABLE }]);
    // Told once: the next command, which changed nothing, has nothing to say.
    expect(ws.post("Bash", { command: "npm test" })).toMatchObject({ status: 0, stdout: "" });

    const stop = ws.stop();
    expect(stop.output).toMatchObject({ decision: "block" });
    expect(locations(stop)).toEqual([{ location: "lib/new.ts:1", ruleId: TABLE }]);
  });

  it("never loops: the same findings block twice while the agent continues, then it may stop and the user is told; fixed, it stops in silence", () => {
    const ws = workspace({ "a.ts": "export const a = 1;\n" });
    ws.start();
    ws.write("b.ts", BAD);
    expect(ws.stop(false).output).toMatchObject({ decision: "block" });
    expect(ws.stop(true).output).toMatchObject({ decision: "block" });
    const third = ws.stop(true);
    expect(third.output?.decision).toBeUndefined();
    expect(typeof third.output?.systemMessage).toBe("string");
    expect(third.output?.systemMessage).toContain("b.ts:1");
    // A new turn (not continuing because of the hook) blocks again.
    expect(ws.stop(false).output).toMatchObject({ decision: "block" });
    rmSync(join(ws.root, "b.ts"));
    expect(ws.stop(true)).toMatchObject({ status: 0, stdout: "" });
  });

  it("never loops on shifting findings either: five blocks in a row while the agent continues, then it may stop", () => {
    const ws = workspace({ "a.ts": "export const a = 1;\n" });
    ws.start();
    const answers = [];
    for (let i = 0; i < 6; i++) {
      ws.write(`shift${i}.ts`, BAD); // each turn end sees a new violation: never "the same findings"
      answers.push(ws.stop(i > 0).output);
    }
    expect(answers.slice(0, 5).every((a) => a?.decision === "block")).toBe(true);
    expect(answers[5]?.decision).toBeUndefined();
    expect(typeof answers[5]?.systemMessage).toBe("string");
  });

  it("a violation the agent staged or committed during the session is still found", () => {
    const ws = workspace({ "a.ts": "export const a = 1;\n" });
    ws.start();
    ws.write("src/c.ts", BAD);
    ws.git("add", "-A");
    ws.git("-c", "user.email=t@t", "-c", "user.name=t", "commit", "--quiet", "-m", "agent");
    expect(locations(ws.stop())).toEqual([{ location: "src/c.ts:1", ruleId: TABLE }]);
  });

  it("an MCP server's write_file is judged after the call", () => {
    const ws = workspace({ "a.ts": "export const a = 1;\n" });
    ws.start();
    ws.write("lib/mcp.ts", BAD);
    const run = ws.post("mcp__filesystem__write_file", { path: join(ws.root, "lib/mcp.ts"), content: BAD });
    expect(locations(run)).toEqual([{ location: "lib/mcp.ts:1", ruleId: TABLE }]);
    // A reader MCP tool and a read-only command end at the fast path: nothing said, whatever changed.
    ws.write("lib/other.ts", BAD);
    expect(ws.post("mcp__filesystem__read_file", { path: join(ws.root, "a.ts") })).toMatchObject({ status: 0, stdout: "" });
    expect(ws.post("Bash", { command: "git status && ls -la lib | grep ts 2>/dev/null" })).toMatchObject({ status: 0, stdout: "" });
    expect(locations(ws.post("Bash", { command: "node scripts/gen.js" }))).toEqual([{ location: "lib/other.ts:1", ruleId: TABLE }]);
  });

  it("without a session-start snapshot, the turn end judges against HEAD (a legacy file's old violation is not new)", () => {
    const ws = workspace({ "lib/legacy.ts": LEGACY });
    ws.write("lib/legacy.ts", `${LEGACY}export const n = 1;\n`);
    ws.write("lib/fresh.ts", BAD);
    const stop = ws.stop();
    expect(locations(stop)).toEqual([{ location: "lib/fresh.ts:1", ruleId: TABLE }]);
  });

  it("SubagentStop is a turn end too", () => {
    const ws = workspace({ "a.ts": "export const a = 1;\n" });
    ws.start();
    ws.write("b.ts", BAD);
    const run = ws.hook({ hook_event_name: "SubagentStop", stop_hook_active: false, agent_id: "sub-1" });
    expect(locations(run)).toEqual([{ location: "b.ts:1", ruleId: TABLE }]);
  });
});

describe("turn-end backstop outside git", () => {
  it("the session-start folder snapshot is the before: a new violating file blocks, a legacy file edited cleanly does not", () => {
    const ws = workspace({ "lib/legacy.ts": LEGACY }, { git: false });
    expect(ws.start()).toMatchObject({ status: 0, stdout: "" });
    ws.write("lib/legacy.ts", `${LEGACY}export const n = 1;\n`);
    ws.write("lib/new.py", 'supabase.table("cloud_provider_integrations").select("*").execute()\n');
    const stop = ws.stop();
    expect(stop.output).toMatchObject({ decision: "block" });
    expect(locations(stop).map((f) => f.location)).toEqual(["lib/new.py:1"]);
  });

  it("without a snapshot nothing is known: the turn end says so on stderr and lets the agent stop", () => {
    const ws = workspace({ "lib/legacy.ts": LEGACY }, { git: false });
    ws.write("lib/new.ts", BAD);
    const stop = ws.stop();
    expect(stop).toMatchObject({ status: 0, stdout: "" });
    expect(stop.stderr).not.toBe("");
  });
});

describe("the other agents' after-the-call and turn-end events", () => {
  it("Codex Stop blocks with Claude's shape; Codex PostToolUse after an apply_patch names the file", () => {
    const ws = workspace({ "a.ts": "export const a = 1;\n" });
    ws.hook({ hook_event_name: "SessionStart", turn_id: "t0", source: "startup" }, {});
    ws.write("p.ts", BAD);
    const post = runAgentHook({ session_id: "x", turn_id: "t1", cwd: ws.root, hook_event_name: "PostToolUse", tool_name: "apply_patch", tool_input: { command: "*** Begin Patch\n*** Add File: p.ts\n+x\n*** End Patch\n" }, tool_response: "" }, ["--agent", "codex"]);
    expect(post.output).toMatchObject({ decision: "block", hookSpecificOutput: { hookEventName: "PostToolUse" } });
    expect(Object.keys(post.output!).sort()).toEqual(["decision", "hookSpecificOutput", "reason"]);
    const stop = ws.hook({ hook_event_name: "Stop", turn_id: "t2", stop_hook_active: false }, {});
    expect(stop.output).toMatchObject({ decision: "block" });
    expect(locations(stop)).toEqual([{ location: "p.ts:1", ruleId: TABLE }]);
  });

  it("Gemini AfterAgent denies (a retry with the reason), AfterTool adds the finding to the tool result", () => {
    const ws = workspace({ "a.ts": "export const a = 1;\n" });
    ws.hook({ hook_event_name: "SessionStart", source: "startup" }, {});
    ws.write("g.ts", BAD);
    const after = runAgentHook({ session_id: "y", cwd: ws.root, hook_event_name: "AfterTool", tool_name: "run_shell_command", tool_input: { command: "python3 gen.py" }, tool_response: {} }, ["--agent", "gemini"]);
    const context = (after.output?.hookSpecificOutput as { hookEventName: string; additionalContext: string } | undefined);
    expect(context?.hookEventName).toBe("AfterTool");
    expect(findingsIn(context?.additionalContext)).toEqual([{ location: "g.ts:1", ruleId: TABLE }]);
    const turn = ws.hook({ hook_event_name: "AfterAgent", prompt: "p", prompt_response: "done", stop_hook_active: false }, {});
    expect(turn.output).toMatchObject({ decision: "deny" });
    expect(locations(turn)).toEqual([{ location: "g.ts:1", ruleId: TABLE }]);
  });
});
