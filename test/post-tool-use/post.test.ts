/**
 * Claude Code PostToolUse: the backstop after a call ran. The file on disk is judged against the
 * "before" rebuilt from the call; an introduced violation answers {"decision": "block", "reason"}
 * plus hookSpecificOutput.additionalContext. Files here are written as the tool left them.
 */
import { describe, expect, it } from "vitest";
import { findingsIn, reasonOf, runAgentHook, SAVE, TABLE } from "../helpers/agent-hook.js";
import { project } from "../helpers/hook.js";

const BAD = 'await supabase.from("cloud_provider_integrations").select("*");';
const LEGACY = `export const old = async () => { ${BAD} };\n`;

function post(tool_name: string, tool_input: object, cwd: string, tool_response: object = {}, args: string[] = []) {
  const payload = { session_id: "s", transcript_path: "/dev/null", cwd, permission_mode: "default", hook_event_name: "PostToolUse", tool_name, tool_input, tool_response, tool_use_id: "t" };
  return runAgentHook(payload, args);
}

function expectBlock(run: ReturnType<typeof post>) {
  expect(run.status).toBe(0);
  expect(run.output).toMatchObject({ decision: "block", hookSpecificOutput: { hookEventName: "PostToolUse" } });
  expect(typeof run.output!.reason).toBe("string");
  expect((run.output!.hookSpecificOutput as { additionalContext: string }).additionalContext).toContain(run.output!.reason as string);
}

describe("PostToolUse backstop", () => {
  it("Edit: the edit undone on the file as it is now gives the before; a new violation blocks at its file line", () => {
    const dir = project({ "lib/x.ts": `${LEGACY}export const n = () => {\n  ${BAD}\n};\n` });
    const run = post("Edit", { file_path: `${dir}/lib/x.ts`, old_string: "  return 1;", new_string: `  ${BAD}` }, dir);
    expectBlock(run);
    expect(findingsIn(reasonOf(run.output))).toEqual([{ location: "lib/x.ts:3", ruleId: TABLE }]);
  });

  it("Edit of an unrelated line in a legacy file: nothing to say", () => {
    const dir = project({ "lib/x.ts": `${LEGACY}export const n = 2;\n` });
    expect(post("Edit", { file_path: `${dir}/lib/x.ts`, old_string: "export const n = 1;", new_string: "export const n = 2;" }, dir)).toMatchObject({ status: 0, stdout: "" });
  });

  it("tool_response.originalFile is the before when the tool reports it", () => {
    const dir = project({ "lib/x.ts": `${LEGACY}export const n = 2;\n` });
    const run = post("Write", { file_path: `${dir}/lib/x.ts`, content: "" }, dir, { type: "update", filePath: `${dir}/lib/x.ts`, originalFile: "export const n = 1;\n" });
    expectBlock(run);
    expect(findingsIn(reasonOf(run.output))).toEqual([{ location: "lib/x.ts:1", ruleId: TABLE }]);
  });

  it("Edit whose new_string is gone from the file since: only the lines the call wrote are judged", () => {
    const dir = project({ "lib/x.ts": `${LEGACY}export const changedSince = 1;\n` });
    const clean = post("Edit", { file_path: `${dir}/lib/x.ts`, old_string: "a", new_string: "export const n = 2;" }, dir);
    expect(clean).toMatchObject({ status: 0, stdout: "" });
    const bad = post("Edit", { file_path: `${dir}/lib/x.ts`, old_string: "a", new_string: "export async function saveIntegrationStatus() {}" }, dir);
    expectBlock(bad);
    expect(findingsIn(reasonOf(bad.output))).toEqual([{ location: "lib/x.ts:1", ruleId: SAVE }]);
  });

  it("Bash: what the command wrote is judged, not what the file held before", () => {
    const dir = project({ "lib/legacy.ts": `${LEGACY}export const two = 2;\n` });
    const clean = post("Bash", { command: `cat >> lib/legacy.ts <<'EOF'\nexport const two = 2;\nEOF` }, dir, { stdout: "", stderr: "" });
    expect(clean).toMatchObject({ status: 0, stdout: "" });
    const bad = post("Bash", { command: `cat > lib/new.ts <<'EOF'\n${BAD}\nEOF` }, dir);
    expectBlock(bad);
    expect(findingsIn(reasonOf(bad.output))).toEqual([{ location: "lib/new.ts:1", ruleId: TABLE }]);
  });

  it("--event post turns a payload without hook_event_name into the after-the-call check", () => {
    const dir = project({ "a.ts": `${BAD}\n` });
    const run = runAgentHook({ cwd: dir, tool_name: "Write", tool_input: { file_path: `${dir}/a.ts`, content: `${BAD}\n` } }, ["--event", "post"]);
    expectBlock(run);
  });

  it("NotebookEdit: the cell the call wrote is judged, the notebook's other cells are not new", () => {
    const cell = (id: string, source: string) => ({ id, cell_type: "code", source: [source], metadata: {}, outputs: [], execution_count: null });
    const nb = (cells: object[]) => JSON.stringify({ cells, metadata: { kernelspec: { language: "python" } }, nbformat: 4, nbformat_minor: 5 });
    const old = 'rows = client.table("cloud_provider_integrations").select("*").execute()';
    const dir = project({ "a.ipynb": nb([cell("c1", old), cell("c2", "x = 1")]) });
    expect(post("NotebookEdit", { notebook_path: `${dir}/a.ipynb`, cell_id: "c2", new_source: "x = 1" }, dir)).toMatchObject({ status: 0, stdout: "" });
    const bad = project({ "a.ipynb": nb([cell("c1", "x = 1"), cell("c2", old)]) });
    const run = post("NotebookEdit", { notebook_path: `${bad}/a.ipynb`, cell_id: "c2", new_source: old }, bad);
    expectBlock(run);
    expect(findingsIn(reasonOf(run.output)).map((f) => f.ruleId)).toEqual([TABLE]);
    expect(reasonOf(run.output)).toMatch(/a\.ipynb:2 \(cell c2, line 1\)/);
  });

  it("a file missing after the call is allowed with one line on stderr", () => {
    const dir = project();
    const run = post("Write", { file_path: `${dir}/gone.ts`, content: BAD }, dir);
    expect(run).toMatchObject({ status: 0, stdout: "" });
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });
});
