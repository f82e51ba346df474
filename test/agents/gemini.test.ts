/**
 * Gemini CLI BeforeTool through the built hook: write_file, replace and run_shell_command, answered
 * with a top-level {"decision": "deny", "reason"}.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findingsIn, reasonOf, runAgentHook, SAVE, TABLE } from "../helpers/agent-hook.js";
import { project } from "../helpers/hook.js";
import { BIN } from "../install/repo.js";

const BAD = 'await supabase.from("cloud_provider_integrations").select("*");';

function gemini(tool_name: string, tool_input: object, cwd: string, args: string[] = []) {
  const payload = { session_id: "s", transcript_path: "/tmp/t.json", cwd, hook_event_name: "BeforeTool", timestamp: "2026-01-01T00:00:00Z", tool_name, tool_input };
  return runAgentHook(payload, args);
}

describe("gemini BeforeTool", () => {
  it("write_file: denied with exactly {decision, reason}", () => {
    const dir = project();
    const run = gemini("write_file", { file_path: `${dir}/src/a.ts`, content: `const a = 1;\n${BAD}\n` }, dir);
    expect(run.status).toBe(0);
    expect(Object.keys(run.output ?? {}).sort()).toEqual(["decision", "reason"]);
    expect(run.output!.decision).toBe("deny");
    expect(findingsIn(reasonOf(run.output))).toEqual([{ location: "src/a.ts:2", ruleId: TABLE }]);
  });

  it("replace: rebuilt from disk; only what the edit introduces counts", () => {
    const legacy = `export const old = () => { ${BAD} };\nexport const n = 1;\n`;
    const dir = project({ "lib/x.ts": legacy });
    const clean = gemini("replace", { file_path: `${dir}/lib/x.ts`, old_string: "export const n = 1;", new_string: "export const n = 2;" }, dir);
    expect(clean).toMatchObject({ status: 0, stdout: "" });
    const bad = gemini("replace", { file_path: `${dir}/lib/x.ts`, old_string: "export const n = 1;", new_string: "export async function saveIntegrationStatus() {}" }, dir);
    expect(bad.output?.decision).toBe("deny");
    expect(findingsIn(reasonOf(bad.output))).toEqual([{ location: "lib/x.ts:2", ruleId: SAVE }]);
  });

  it("replace with allow_multiple: true (0.61), or expected_replacements N (older), replaces every occurrence", () => {
    // The first occurrence is in a comment; only the second, in code, makes a violation.
    const dir = project({ "lib/y.ts": "// TODO: api.list()\nexport const load = () => api.list();\n" });
    const edit = { file_path: `${dir}/lib/y.ts`, old_string: "api.list()", new_string: 'supabase.from("cloud_provider_integrations").select()' };
    expect(gemini("replace", edit, dir)).toMatchObject({ status: 0, stdout: "" });
    expect(gemini("replace", { ...edit, allow_multiple: false }, dir)).toMatchObject({ status: 0, stdout: "" });
    expect(findingsIn(reasonOf(gemini("replace", { ...edit, allow_multiple: true }, dir).output))).toEqual([{ location: "lib/y.ts:2", ruleId: TABLE }]);
    expect(findingsIn(reasonOf(gemini("replace", { ...edit, expected_replacements: 2 }, dir).output))).toEqual([{ location: "lib/y.ts:2", ruleId: TABLE }]);
  });

  it("run_shell_command: the shell extractor, relative to dir_path", () => {
    const dir = project();
    const run = gemini("run_shell_command", { command: `cat > a.py <<'EOF'\nclient.table("cloud_provider_integrations").select("*")\nEOF`, dir_path: "svc" }, dir);
    expect(findingsIn(reasonOf(run.output))).toEqual([{ location: "svc/a.py:1", ruleId: TABLE }]);
    expect(gemini("run_shell_command", { command: "ls -la" }, dir)).toMatchObject({ status: 0, stdout: "" });
  });

  it("warnings go to the model as hookSpecificOutput.additionalContext, never a decision", () => {
    const dir = project();
    const run = gemini("write_file", { file_path: `${dir}/a.ts`, content: "await saveCloudIntegrationStatus(orgId);\n" }, dir);
    expect(run.output?.decision).toBeUndefined();
    expect(run.output?.hookSpecificOutput).toMatchObject({ hookEventName: "BeforeTool" });
    expect(findingsIn(reasonOf(run.output))).toEqual([{ location: "a.ts:1", ruleId: SAVE }]);
  });

  it("other tools are allowed with one line on stderr; --fail-closed denies in Gemini's shape", () => {
    const dir = project();
    const run = gemini("read_file", { file_path: `${dir}/a.ts` }, dir);
    expect(run).toMatchObject({ status: 0, stdout: "" });
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    const closed = runAgentHook("", ["--agent", "gemini", "--fail-closed"]);
    expect(Object.keys(closed.output!).sort()).toEqual(["decision", "reason"]);
    expect(closed.output!.decision).toBe("deny");
  });
});

describe("gemini with --baseline", () => {
  it("the baseline and the findings are both relative to GEMINI_PROJECT_DIR, wherever the call runs", () => {
    const dir = project({ "lib/a.ts": `export const q = () => { ${BAD} };\n` });
    // lint records the existing violation, from the project root.
    const update = spawnSync(process.execPath, [BIN, "lint", "--update-baseline", "--baseline", "baseline.json", "lib"], { cwd: dir, encoding: "utf8" });
    expect(update.status, update.stderr).toBe(0);
    writeFileSync(join(dir, "lib/a.ts"), "export const q = () => {};\n");
    mkdirSync(join(dir, "svc"));
    // The agent works in a subfolder; --fail-closed would turn a baseline not found into a deny.
    const write = (file: string) =>
      runAgentHook(
        { session_id: "s", cwd: join(dir, "svc"), hook_event_name: "BeforeTool", tool_name: "write_file", tool_input: { file_path: join(dir, file), content: `export const q = () => { ${BAD} };\n` } },
        ["--baseline", "baseline.json", "--fail-closed"],
        { GEMINI_PROJECT_DIR: dir },
      );
    expect(write("lib/a.ts")).toMatchObject({ status: 0, stdout: "" }); // recorded in the baseline
    expect(findingsIn(reasonOf(write("lib/b.ts").output))).toEqual([{ location: "lib/b.ts:1", ruleId: TABLE }]);
  });
});
