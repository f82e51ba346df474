/**
 * Cursor through the built hook: preToolUse write / edit / shell tools and beforeShellExecution,
 * answered with {"permission": "deny", "agent_message", "user_message"}.
 */
import { describe, expect, it } from "vitest";
import { findingsIn, runAgentHook, SAVE, TABLE, WRITE } from "../helpers/agent-hook.js";
import { project } from "../helpers/hook.js";

const BAD = 'await supabase.from("cloud_provider_integrations").select("*");';

function cursor(extra: object, root: string, args: string[] = []) {
  const payload = { conversation_id: "c1", generation_id: "g1", hook_event_name: "preToolUse", workspace_roots: [root], cursor_version: "2.1.0", ...extra };
  return runAgentHook(payload, args);
}

function expectCursorDeny(run: ReturnType<typeof cursor>) {
  expect(run.status).toBe(0);
  expect(Object.keys(run.output ?? {}).sort()).toEqual(["agent_message", "permission", "user_message"]);
  expect(run.output!.permission).toBe("deny");
  expect(typeof run.output!.user_message).toBe("string");
}

describe("cursor hooks", () => {
  it("a Write tool: denied in Cursor's exact shape, paths relative to the workspace root", () => {
    const dir = project();
    const run = cursor({ tool_name: "Write", tool_input: { file_path: `${dir}/src/a.ts`, content: `const a = 1;\n${BAD}\n` } }, dir);
    expectCursorDeny(run);
    expect(findingsIn(run.output!.agent_message)).toEqual([{ location: "src/a.ts:2", ruleId: TABLE }]);
  });

  it("edit tools by several names and field spellings, rebuilt from disk", () => {
    const dir = project({ "lib/x.ts": "export const rows = () => api.list();\n" });
    for (const [tool_name, input] of [
      ["Edit", { file_path: `${dir}/lib/x.ts`, old_string: "api.list()", new_string: 'supabase.from("organizations").update({ integration_aws_status: "OK" })' }],
      ["StrReplace", { path: "lib/x.ts", old_str: "api.list()", new_str: 'supabase.from("organizations").update({ integration_aws_status: "OK" })' }],
    ] as const) {
      const run = cursor({ tool_name, tool_input: input, cwd: dir }, dir);
      expectCursorDeny(run);
      expect(findingsIn(run.output!.agent_message)).toEqual([{ location: "lib/x.ts:1", ruleId: WRITE }]);
    }
  });

  it("an edit_file sketch with binary content is not parsed, as with every other source", () => {
    const dir = project({ "lib/x.ts": "export const n = 1;\n" });
    const run = cursor({ tool_name: "edit_file", tool_input: { target_file: "lib/x.ts", code_edit: `\u0000${BAD}\n` }, cwd: dir }, dir);
    expect(run).toMatchObject({ status: 0, stdout: "" });
    expect(run.stderr).toMatch(/lib\/x\.ts: binary content/);
  });

  it("an edit_file sketch is judged against the file on disk: what the file already has is not new", () => {
    const legacy = `export const old = async () => { ${BAD} };\n`;
    const dir = project({ "lib/x.ts": legacy });
    const shown = cursor({ tool_name: "edit_file", tool_input: { target_file: "lib/x.ts", code_edit: `// ... existing code ...\n${legacy}export const n = 2;\n` }, cwd: dir }, dir);
    expect(shown).toMatchObject({ status: 0, stdout: "" });
    const added = cursor({ tool_name: "edit_file", tool_input: { target_file: "lib/x.ts", code_edit: `// ... existing code ...\nexport async function saveIntegrationStatus() {}\n` }, cwd: dir }, dir);
    expectCursorDeny(added);
    expect(findingsIn(added.output!.agent_message)).toEqual([{ location: "lib/x.ts:2", ruleId: SAVE }]);
  });

  it("tool_input sent as a JSON string is read too", () => {
    const dir = project();
    const run = cursor({ tool_name: "Write", tool_input: JSON.stringify({ file_path: `${dir}/a.ts`, content: BAD }) }, dir);
    expectCursorDeny(run);
  });

  it("Shell tool and beforeShellExecution go through the shell extractor", () => {
    const dir = project();
    const command = `cat > a.ts <<'EOF'\n${BAD}\nEOF`;
    expectCursorDeny(cursor({ tool_name: "Shell", tool_input: { command } }, dir));
    const before = cursor({ hook_event_name: "beforeShellExecution", command, cwd: dir }, dir);
    expectCursorDeny(before);
    expect(findingsIn(before.output!.agent_message)).toEqual([{ location: "a.ts:1", ruleId: TABLE }]);
  });

  it("unknown tools and clean edits are allowed with no output", () => {
    const dir = project();
    expect(cursor({ tool_name: "Read", tool_input: { file_path: `${dir}/a.ts` } }, dir)).toMatchObject({ status: 0, stdout: "" });
    expect(cursor({ tool_name: "Write", tool_input: { file_path: `${dir}/a.ts`, content: "export const ok = 1;\n" } }, dir)).toMatchObject({ status: 0, stdout: "" });
  });

  it("--agent cursor with --fail-closed denies an unreadable payload in Cursor's shape", () => {
    const run = runAgentHook("[1, 2", ["--agent", "cursor", "--fail-closed"]);
    expectCursorDeny(run);
  });
});
