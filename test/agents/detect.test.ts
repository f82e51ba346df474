/**
 * Which agent answers when --agent is not given: the payload's shape decides (Gemini's BeforeTool,
 * Codex's apply_patch / turn_id, Cursor's camelCase events and conversation ids, else Claude Code).
 * The same violation, four payloads, four answer formats.
 */
import { describe, expect, it } from "vitest";
import { runAgentHook } from "../helpers/agent-hook.js";
import { project } from "../helpers/hook.js";

const BAD = 'await supabase.from("cloud_provider_integrations").select("*");\n';

describe("agent detection", () => {
  it("answers each agent in its own format without --agent", () => {
    const dir = project();
    const file = `${dir}/a.ts`;
    const claude = runAgentHook({ hook_event_name: "PreToolUse", cwd: dir, tool_name: "Write", tool_input: { file_path: file, content: BAD } });
    expect(claude.output?.hookSpecificOutput).toMatchObject({ permissionDecision: "deny" });
    const gemini = runAgentHook({ hook_event_name: "BeforeTool", cwd: dir, tool_name: "write_file", tool_input: { file_path: file, content: BAD } });
    expect(gemini.output).toMatchObject({ decision: "deny" });
    const codex = runAgentHook({ hook_event_name: "PreToolUse", cwd: dir, tool_name: "apply_patch", tool_input: { command: `*** Begin Patch\n*** Add File: a.ts\n+${BAD}*** End Patch\n` } });
    expect(Object.keys(codex.output ?? {})).toEqual(["hookSpecificOutput"]);
    const cursor = runAgentHook({ hook_event_name: "preToolUse", conversation_id: "c", workspace_roots: [dir], tool_name: "Write", tool_input: { file_path: file, content: BAD } });
    expect(cursor.output).toMatchObject({ permission: "deny" });
  });

  it("after-the-call events of other agents are not judged: allowed with one line on stderr", () => {
    const dir = project({ "a.ts": BAD });
    for (const payload of [
      { hook_event_name: "AfterTool", cwd: dir, tool_name: "write_file", tool_input: { file_path: `${dir}/a.ts`, content: BAD } },
      { hook_event_name: "afterFileEdit", conversation_id: "c", workspace_roots: [dir], file_path: `${dir}/a.ts`, edits: [{ old_string: "", new_string: BAD }] },
    ]) {
      const run = runAgentHook(payload);
      expect(run).toMatchObject({ status: 0, stdout: "" });
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
    }
  });

  it("--agent wins over the payload's shape", () => {
    const dir = project();
    const run = runAgentHook({ hook_event_name: "PreToolUse", cwd: dir, tool_name: "write_file", tool_input: { file_path: `${dir}/a.ts`, content: BAD } }, ["--agent", "gemini"]);
    expect(run.output).toMatchObject({ decision: "deny" });
  });

  it("an unknown --agent or --event is a usage error (exit 2), nothing on stdout", () => {
    expect(runAgentHook("{}", ["--agent", "copilot"])).toMatchObject({ status: 2, stdout: "" });
    expect(runAgentHook("{}", ["--event", "later"])).toMatchObject({ status: 2, stdout: "" });
  });
});
