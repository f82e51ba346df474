/**
 * OpenAI Codex CLI through the built hook: apply_patch (add, update with hunks, delete, move) is
 * rebuilt from disk and judged; the answer is Claude's deny shape and nothing more.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findingsIn, reasonOf, runAgentHook, SAVE, TABLE } from "../helpers/agent-hook.js";
import { project } from "../helpers/hook.js";

const BAD_TS = 'return supabase.from("cloud_provider_integrations").select("*");';

function codex(tool_name: string, tool_input: object, cwd: string, args: string[] = []) {
  const payload = { session_id: "s", turn_id: "t1", transcript_path: null, cwd, hook_event_name: "PreToolUse", model: "gpt-5", tool_name, tool_input, tool_use_id: "c1" };
  return runAgentHook(payload, args);
}

function patch(...sections: string[]): string {
  return ["*** Begin Patch", ...sections, "*** End Patch", ""].join("\n");
}

const SOURCE = ["export const a = 1;", "", "export function load(orgId: string) {", "  return api.get(orgId);", "}", ""].join("\n");

describe("codex apply_patch", () => {
  it("denies an Update whose hunk adds the retired table, at its line in the rebuilt file, in the exact Codex shape", () => {
    const dir = project({ "src/load.ts": SOURCE });
    const run = codex("apply_patch", { command: patch("*** Update File: src/load.ts", "@@ export function load(orgId: string) {", "-  return api.get(orgId);", `+  ${BAD_TS}`) }, dir);
    expect(run.status).toBe(0);
    expect(Object.keys(run.output ?? {})).toEqual(["hookSpecificOutput"]);
    expect(Object.keys(run.output!.hookSpecificOutput as object).sort()).toEqual(["hookEventName", "permissionDecision", "permissionDecisionReason"]);
    expect(run.output!.hookSpecificOutput).toMatchObject({ hookEventName: "PreToolUse", permissionDecision: "deny" });
    expect(findingsIn(reasonOf(run.output))).toEqual([{ location: "src/load.ts:4", ruleId: TABLE }]);
  });

  it("denies an Add File, and says nothing for a Delete File of a legacy file", () => {
    const dir = project({ "src/legacy.ts": `export const x = () => { ${BAD_TS} };\n` });
    const add = codex("apply_patch", { command: patch("*** Add File: app/store.py", "+import os", '+rows = client.table("cloud_provider_integrations").select("*").execute()') }, dir);
    expect(findingsIn(reasonOf(add.output))).toEqual([{ location: "app/store.py:2", ruleId: TABLE }]);
    const del = codex("apply_patch", { command: patch("*** Delete File: src/legacy.ts") }, dir);
    expect(del).toMatchObject({ status: 0, stdout: "" });
  });

  it("a Move of a legacy file keeps its old violations (not introduced); a new one in the moved file is denied", () => {
    const legacy = `export function old() {\n  ${BAD_TS}\n}\n`;
    const dir = project({ "src/old.ts": legacy });
    const moveOnly = codex("apply_patch", { command: patch("*** Update File: src/old.ts", "*** Move to: src/new.ts", "@@", " export function old() {") }, dir);
    expect(moveOnly).toMatchObject({ status: 0, stdout: "" });
    const moveAndAdd = codex(
      "apply_patch",
      { command: patch("*** Update File: src/old.ts", "*** Move to: src/new.ts", "@@", "+export async function saveIntegrationStatus() {}", " export function old() {") },
      dir,
    );
    expect(findingsIn(reasonOf(moveAndAdd.output))).toEqual([{ location: "src/new.ts:1", ruleId: SAVE }]);
  });

  it("a hunk that does not match the file is judged on its own lines", () => {
    const dir = project({ "src/load.ts": SOURCE });
    const run = codex("apply_patch", { command: patch("*** Update File: src/load.ts", "@@", "-  return nothing.like.this();", `+  ${BAD_TS}`) }, dir);
    expect(findingsIn(reasonOf(run.output))).toEqual([{ location: "src/load.ts:1", ruleId: TABLE }]);
  });

  it("reads a patch wrapped in an apply_patch heredoc", () => {
    const dir = project();
    const wrapped = `apply_patch <<'EOF'\n${patch("*** Add File: a.ts", `+${BAD_TS}`)}EOF\n`;
    expect(findingsIn(reasonOf(codex("apply_patch", { command: wrapped }, dir).output))).toEqual([{ location: "a.ts:1", ruleId: TABLE }]);
  });

  it("a shell command that is an apply_patch / applypatch heredoc (Codex applies it as a patch) is checked as one", () => {
    const dir = project({ "pkg/src/load.ts": SOURCE });
    const update = patch("*** Update File: src/load.ts", "@@ export function load(orgId: string) {", "-  return api.get(orgId);", `+  ${BAD_TS}`);
    const expected = [{ location: "pkg/src/load.ts:4", ruleId: TABLE }];
    // Run from pkg/, paths are shown relative to it (no project dir in these payloads).
    const fromPkg = [{ location: "src/load.ts:4", ruleId: TABLE }];
    // As Codex sends it: tool_name Bash or exec_command, a string or an argv.
    expect(findingsIn(reasonOf(codex("Bash", { command: `cd pkg && apply_patch <<'EOF'\n${update}EOF` }, dir).output))).toEqual(expected);
    expect(findingsIn(reasonOf(codex("exec_command", { cmd: `applypatch <<"PATCH"\n${update}PATCH\n` }, join(dir, "pkg")).output))).toEqual(fromPkg);
    expect(findingsIn(reasonOf(codex("Bash", { command: ["bash", "-lc", `cd "pkg" && apply_patch <<'EOF'\n${update}EOF`] }, dir).output))).toEqual(expected);
    expect(findingsIn(reasonOf(codex("Bash", { command: ["apply_patch", update] }, join(dir, "pkg")).output))).toEqual(fromPkg);
    // A hunk that only touches the file's other lines, and a Delete: allowed.
    const clean = patch("*** Update File: src/load.ts", "@@", "-export const a = 1;", "+export const a = 2;");
    expect(codex("Bash", { command: `cd pkg && apply_patch <<'EOF'\n${clean}EOF` }, dir)).toMatchObject({ status: 0, stdout: "" });
    expect(codex("Bash", { command: `apply_patch <<'EOF'\n${patch("*** Delete File: pkg/src/load.ts")}EOF` }, dir)).toMatchObject({ status: 0, stdout: "" });
  });

  it("warnings never reach stdout (Codex rejects unknown fields): stderr only", () => {
    const dir = project();
    const run = codex("apply_patch", { command: patch("*** Add File: a.ts", "+await saveCloudIntegrationStatus(orgId);") }, dir);
    expect(run).toMatchObject({ status: 0, stdout: "" });
    expect(run.stderr).toMatch(new RegExp(`a\\.ts:1 ${SAVE}`));
  });

  it("Bash with a string or an argv command goes through the shell extractor", () => {
    const dir = project();
    const heredoc = `cat > a.ts <<'EOF'\n${BAD_TS}\nEOF`;
    expect(findingsIn(reasonOf(codex("Bash", { command: heredoc }, dir).output))).toEqual([{ location: "a.ts:1", ruleId: TABLE }]);
    expect(findingsIn(reasonOf(codex("shell", { command: ["bash", "-lc", heredoc] }, dir).output))).toEqual([{ location: "a.ts:1", ruleId: TABLE }]);
  });

  it("allows an unreadable patch with one line on stderr, and --fail-closed denies it in Codex's shape", () => {
    const dir = project();
    const run = codex("apply_patch", { command: "*** Begin Patch\n*** Frobnicate File: x.ts\n*** End Patch" }, dir);
    expect(run).toMatchObject({ status: 0, stdout: "" });
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    const closed = runAgentHook("{not json", ["--agent", "codex", "--fail-closed"]);
    expect(Object.keys(closed.output!)).toEqual(["hookSpecificOutput"]);
    expect(closed.output!.hookSpecificOutput).toMatchObject({ hookEventName: "PreToolUse", permissionDecision: "deny" });
  });

  it("leaves the patched files untouched", async () => {
    const dir = project({ "src/load.ts": SOURCE });
    codex("apply_patch", { command: patch("*** Update File: src/load.ts", "@@", "-  return api.get(orgId);", `+  ${BAD_TS}`) }, dir);
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(join(dir, "src/load.ts"), "utf8")).toBe(SOURCE);
  });
});
