/**
 * The built hook, spawned as a process with real PreToolUse payloads against real files.
 * Asserts decisions, rule ids and file:line, never message wording (except the required first line).
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, isDeny, payload, project, reasonFindings, runHook } from "../helpers/hook.js";

const TABLE = "no-cloud-provider-integrations-table";
const WRITE = "no-integration-status-write";
const SAVE = "no-save-integration-status-function";
const SERVICE = "no-service-role-client-for-integrations";
const ORIGINAL_FIRST_LINE = "❌ BLOCKED: Don't use cloud_provider_integrations table. Use API which stores in BigQuery. See /integration-setup";

const LEGACY = `import { createServiceRoleClient } from "@/lib/supabase/server";

export async function listMembers(orgId: string) {
  const admin = await createServiceRoleClient();
  return admin.from("org_members").select("*").eq("org_id", orgId);
}

export async function loadLegacy(orgId: string) {
  return supabase.from("cloud_provider_integrations").select("*").eq("org_id", orgId);
}
`;

describe("Write", () => {
  it("denies a new file that uses the retired table, first line in the original format", () => {
    const dir = project();
    const run = runHook(payload("Write", { file_path: join(dir, "src/a.ts"), content: `const x = 1;\nawait supabase.from("cloud_provider_integrations").select("*");\n` }, dir));
    expect(run.status).toBe(0);
    expect(isDeny(run)).toBe(true);
    expect(run.output!.hookSpecificOutput.permissionDecisionReason!.split("\n")[0]).toBe(ORIGINAL_FIRST_LINE);
    expect(reasonFindings(run)).toEqual([{ location: "src/a.ts:2", ruleId: TABLE }]);
  });

  it("says nothing about a clean file", () => {
    const dir = project();
    const run = runHook(payload("Write", { file_path: join(dir, "src/ok.ts"), content: "export const members = () => supabase.from('org_members').select('*');\n" }, dir));
    expect(run).toMatchObject({ status: 0, stdout: "" });
  });

  it("denies every rule form it introduces, each at its line", () => {
    const dir = project();
    const content = [
      "const admin = await createServiceRoleClient();", // 1
      "export async function saveIntegrationStatus(orgId: string) {", // 2
      "  await admin.from('organizations').update({ integration_openai_status: 'VALID' }).eq('id', orgId);", // 3
      "}", // 4
    ].join("\n");
    const run = runHook(payload("Write", { file_path: join(dir, "lib/save.ts"), content }, dir));
    expect(isDeny(run)).toBe(true);
    const found = reasonFindings(run);
    expect(found).toContainEqual({ location: "lib/save.ts:2", ruleId: SAVE });
    expect(found).toContainEqual({ location: "lib/save.ts:3", ruleId: WRITE });
    expect(found).toContainEqual({ location: "lib/save.ts:3", ruleId: SERVICE });
  });

  it("rewriting a legacy file with the same violations is not introducing them", () => {
    const dir = project({ "lib/legacy.ts": LEGACY });
    const run = runHook(payload("Write", { file_path: join(dir, "lib/legacy.ts"), content: `// touched\n${LEGACY}` }, dir));
    expect(run.stdout).toBe("");
  });

  it("warn-level findings go to the model as additionalContext, not a deny", () => {
    const dir = project();
    const run = runHook(payload("Write", { file_path: join(dir, "a.ts"), content: "await saveCloudIntegrationStatus(orgId, 'VALID');\n" }, dir));
    expect(run.status).toBe(0);
    expect(run.output?.hookSpecificOutput.permissionDecision).toBeUndefined();
    expect(run.output?.hookSpecificOutput.additionalContext).toBeTruthy();
    expect(reasonFindings(run)).toEqual([{ location: "a.ts:1", ruleId: SAVE }]);
  });

  it("never blocks markdown or other docs", () => {
    const dir = project();
    const run = runHook(payload("Write", { file_path: join(dir, "docs/x.md"), content: 'supabase.from("cloud_provider_integrations")' }, dir));
    expect(run).toMatchObject({ status: 0, stdout: "" });
    expect(run.stderr).toMatch(/not a code file/);
  });
});

describe("Edit", () => {
  it("allows an unrelated edit to a legacy file", () => {
    const dir = project({ "lib/legacy.ts": LEGACY });
    const run = runHook(payload("Edit", { file_path: join(dir, "lib/legacy.ts"), old_string: "export async function listMembers", new_string: "/** Members. */\nexport async function listMembers" }, dir));
    expect(run).toMatchObject({ status: 0, stdout: "" });
  });

  it("denies an edit that makes an unchanged line violate", () => {
    const file = `const TABLE = "org_members";\nexport const load = () => supabase.from(TABLE).select("*");\n`;
    const dir = project({ "lib/load.ts": file });
    const run = runHook(payload("Edit", { file_path: join(dir, "lib/load.ts"), old_string: '"org_members"', new_string: '"cloud_provider_integrations"' }, dir));
    expect(isDeny(run)).toBe(true);
    expect(reasonFindings(run)).toEqual([{ location: "lib/load.ts:2", ruleId: TABLE }]);
  });

  it("allows an edit that removes a violation", () => {
    const dir = project({ "lib/legacy.ts": LEGACY });
    const run = runHook(payload("Edit", { file_path: join(dir, "lib/legacy.ts"), old_string: 'supabase.from("cloud_provider_integrations").select("*")', new_string: "getIntegrations(orgId)" }, dir));
    expect(run).toMatchObject({ status: 0, stdout: "" });
  });

  it("replace_all and `$&` in new_string are applied literally", () => {
    const dir = project({ "a.ts": "const a = 'x';\nconst b = 'x';\n" });
    const run = runHook(payload("Edit", { file_path: join(dir, "a.ts"), old_string: "'x'", new_string: "'$&'", replace_all: true }, dir));
    expect(run).toMatchObject({ status: 0, stdout: "" });
    const deny = runHook(payload("Edit", { file_path: join(dir, "a.ts"), old_string: "const b = 'x';", new_string: "const b = 'x';\nsupabase.from(`cloud_provider_integrations`).delete();", replace_all: true }, dir));
    expect(reasonFindings(deny)).toEqual([{ location: "a.ts:3", ruleId: TABLE }]);
  });

  it("judges the new fragment alone when the file is missing", () => {
    const dir = project();
    const run = runHook(payload("Edit", { file_path: join(dir, "gone.ts"), old_string: "x", new_string: 'db.from("cloud_provider_integrations").select()' }, dir));
    expect(isDeny(run)).toBe(true);
    expect(run.stderr).toMatch(/does not exist/);
  });

  it("judges the new fragment alone when old_string is not in the file", () => {
    const dir = project({ "a.ts": "export const a = 1;\n" });
    const clean = runHook(payload("Edit", { file_path: join(dir, "a.ts"), old_string: "nope", new_string: "export const b = 2;" }, dir));
    expect(clean).toMatchObject({ status: 0, stdout: "" });
    const bad = runHook(payload("Edit", { file_path: join(dir, "a.ts"), old_string: "nope", new_string: "function saveIntegrationStatus() {}" }, dir));
    expect(reasonFindings(bad).map((f) => f.ruleId)).toEqual([SAVE]);
  });
});

describe("MultiEdit", () => {
  it("applies edits in order and blocks what they introduce together", () => {
    const dir = project({ "lib/q.ts": `const T = "org_members";\nconst X = 1;\nexport const q = () => supabase.from(T).select();\n` });
    const run = runHook(
      payload("MultiEdit", {
        file_path: join(dir, "lib/q.ts"),
        edits: [
          { old_string: 'const T = "org_members";', new_string: 'const T = "placeholder";' },
          { old_string: '"placeholder"', new_string: '"cloud_provider_integrations"' },
        ],
      }, dir),
    );
    expect(reasonFindings(run)).toEqual([{ location: "lib/q.ts:3", ruleId: TABLE }]);
  });

  it("allows edits that only touch unrelated code of a legacy file", () => {
    const dir = project({ "lib/legacy.ts": LEGACY });
    const run = runHook(payload("MultiEdit", { file_path: join(dir, "lib/legacy.ts"), edits: [{ old_string: "listMembers", new_string: "listOrgMembers" }, { old_string: '"*"', new_string: '"id"' }] }, dir));
    expect(run).toMatchObject({ status: 0, stdout: "" });
  });
});

describe("NotebookEdit", () => {
  const notebook = (language: string, cells: Array<{ id: string; cell_type: string; source: string[] }>) =>
    JSON.stringify({ cells: cells.map((c) => ({ ...c, metadata: {}, outputs: [], execution_count: null })), metadata: { kernelspec: { language, name: language, display_name: language } }, nbformat: 4, nbformat_minor: 5 });

  it("rebuilds the code cells and denies an introduced violation, naming the cell", () => {
    const dir = project({ "nb.ipynb": notebook("typescript", [{ id: "a1", cell_type: "code", source: ['const T = "cloud_provider_integrations";\n'] }, { id: "b2", cell_type: "code", source: ["console.log(1);\n"] }]) });
    const run = runHook(payload("NotebookEdit", { notebook_path: join(dir, "nb.ipynb"), cell_id: "b2", new_source: "const { data } = await supabase.from(T).select('*');", edit_mode: "replace" }, dir));
    expect(isDeny(run)).toBe(true);
    expect(reasonFindings(run).map((f) => f.ruleId)).toEqual([TABLE]);
    expect(run.output!.hookSpecificOutput.permissionDecisionReason).toMatch(/cell b2/);
  });

  it("never blocks a markdown cell", () => {
    const dir = project({ "nb.ipynb": notebook("typescript", [{ id: "a1", cell_type: "code", source: ["1"] }]) });
    const run = runHook(payload("NotebookEdit", { notebook_path: join(dir, "nb.ipynb"), cell_id: "a1", cell_type: "markdown", new_source: 'supabase.from("cloud_provider_integrations")', edit_mode: "insert" }, dir));
    expect(run).toMatchObject({ status: 0, stdout: "" });
  });

  it("allows a malformed notebook with a note", () => {
    const dir = project({ "nb.ipynb": "{not json" });
    const run = runHook(payload("NotebookEdit", { notebook_path: join(dir, "nb.ipynb"), new_source: "saveIntegrationStatus()" }, dir));
    expect(run).toMatchObject({ status: 0, stdout: "" });
    expect(run.stderr).toMatch(/not valid JSON/);
  });
});

describe("input the hook cannot judge: allowed with one line on stderr, never a crash", () => {
  const cases: Array<[string, string | object]> = [
    ["malformed JSON", "{ this is not json"],
    ["empty stdin", ""],
    ["a JSON array", "[1,2,3]"],
    ["no tool_name", { tool_input: {} }],
    ["an unknown tool", { tool_name: "mcp__db__query", tool_input: { sql: "select * from cloud_provider_integrations" } }],
    ["Write without content", { tool_name: "Write", tool_input: { file_path: "/tmp/x.ts" } }],
    ["Edit with a number for old_string", { tool_name: "Edit", tool_input: { file_path: "/tmp/x.ts", old_string: 1, new_string: "" } }],
  ];
  for (const [name, input] of cases) {
    it(name, () => {
      const run = runHook(input);
      expect(run).toMatchObject({ status: 0, stdout: "" });
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toMatch(/^integration-guard: /);
    });
  }

  it("binary content", () => {
    const dir = project();
    const run = runHook(payload("Write", { file_path: join(dir, "a.ts"), content: "supabase.from('cloud_provider_integrations')\u0000\u0001" }, dir));
    expect(run).toMatchObject({ status: 0, stdout: "" });
    expect(run.stderr).toMatch(/binary/);
  });

  it("a binary file on disk", () => {
    const dir = project({ "a.ts": "\u0000\u0001\u0002" });
    const run = runHook(payload("Edit", { file_path: join(dir, "a.ts"), old_string: "\u0001", new_string: "function saveIntegrationStatus() {}" }, dir));
    expect(run).toMatchObject({ status: 0, stdout: "" });
    expect(run.stderr).toMatch(/binary/);
  });

  it("huge input: over 2 MB, scanned instead of parsed, so the violation at its end is denied (test/hook/oversize.test.ts)", () => {
    const dir = project();
    const content = `${"// filler line\n".repeat(200_000)}supabase.from("cloud_provider_integrations");\n`;
    const run = runHook(payload("Write", { file_path: join(dir, "big.ts"), content }, dir));
    expect(isDeny(run)).toBe(true);
    expect(reasonFindings(run)).toEqual([{ location: "big.ts:200001", ruleId: "no-cloud-provider-integrations-table" }]);
    expect(run.stderr).toMatch(/larger than/);
  });

  it("a stdin that never ends: the hook gives up, says so, and exits on its own", async () => {
    const child = spawn(process.execPath, [BIN, "hook", "--fail-closed"], { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, INTEGRATION_GUARD_DAEMON: "0" } });
    child.stdin.write('{"tool_name": "Write", "tool_input": {"file_path": "a.ts", "content": "');
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const status = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    child.stdin.destroy();
    expect(status).toBe(0);
    expect(stderr).toMatch(/no end of input/);
    expect(JSON.parse(stdout).hookSpecificOutput.permissionDecision).toBe("deny");
  });

  it("--fail-closed turns what it cannot check into a deny", () => {
    const run = runHook("{ nope", { args: ["--fail-closed"] });
    expect(run.status).toBe(0);
    expect(isDeny(run)).toBe(true);
  });

  it("a bad flag is a usage error (exit 2), not a silent allow", () => {
    const run = runHook({}, { args: ["--nope"] });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
  });

  it("unparsable code is still checked, with a note", () => {
    const dir = project();
    const content = 'function broken( {\nconst rows = await supabase.from("cloud_provider_integrations").select("*");\n';
    const run = runHook(payload("Write", { file_path: join(dir, "broken.ts"), content }, dir));
    expect(reasonFindings(run)).toEqual([{ location: "broken.ts:2", ruleId: TABLE }]);
    expect(run.stderr).toMatch(/did not parse/);
  });
});

describe("dogfooding", () => {
  it("this repository registers the built hook for Write|Edit|MultiEdit|NotebookEdit|Bash with a timeout in seconds", () => {
    const settings = JSON.parse(readFileSync(new URL("../../.claude/settings.json", import.meta.url), "utf8"));
    const entries = settings.hooks.PreToolUse as Array<{ matcher: string; hooks: Array<{ command: string; args?: string[]; timeout: number }> }>;
    const entry = entries.find((e) => e.matcher === "Write|Edit|MultiEdit|NotebookEdit|Bash");
    expect(entry).toBeDefined();
    const text = JSON.stringify(entry);
    expect(text).toContain("${CLAUDE_PROJECT_DIR}");
    expect(text).toContain("dist/integration-guard\"");
    expect(text).not.toContain("npx");
    expect(entry!.hooks[0]!.timeout).toBeLessThanOrEqual(60);
  });
});

describe("a hook started in a directory that was deleted", () => {
  it("still judges the payload (its paths are absolute), in-process and through the daemon's client, and never crashes", () => {
    const dir = project();
    const gone = mkdtempSync(join(tmpdir(), "ig-gone-"));
    const input = JSON.stringify(payload("Write", { file_path: join(dir, "src/a.ts"), content: `await supabase.from("cloud_provider_integrations").select("*");\n` }, dir));
    for (const daemon of ["0", "1"]) {
      // The shell enters the folder, removes it, then starts the hook there.
      const run = spawnSync("/bin/sh", ["-c", `cd "$1" && rmdir "$1" && exec "$2" "$3" hook`, "sh", gone, process.execPath, BIN], {
        input,
        encoding: "utf8",
        env: { ...process.env, INTEGRATION_GUARD_DAEMON: daemon },
        timeout: 20_000,
      });
      mkdirSync(gone);
      expect(run.status).toBe(0);
      const result = { status: run.status, stdout: run.stdout, stderr: run.stderr, output: run.stdout ? JSON.parse(run.stdout) : undefined };
      expect(isDeny(result)).toBe(true);
      expect(reasonFindings(result)).toEqual([{ location: "src/a.ts:1", ruleId: "no-cloud-provider-integrations-table" }]);
    }
  });
});

describe("the bin's old name", () => {
  it("dist/integration-guard.mjs (registered by earlier builds) still runs the hook and denies", () => {
    const dir = project();
    const input = JSON.stringify(payload("Write", { file_path: join(dir, "src/a.ts"), content: `await supabase.from("cloud_provider_integrations").select("*");\n` }, dir));
    const old = spawnSync(process.execPath, [BIN.replace(/\.cjs$/, ".mjs"), "hook"], { input, encoding: "utf8", env: { ...process.env, INTEGRATION_GUARD_DAEMON: "0" } });
    expect(old.status).toBe(0);
    const run = { status: old.status, stdout: old.stdout, stderr: old.stderr, output: JSON.parse(old.stdout) };
    expect(isDeny(run)).toBe(true);
    expect(reasonFindings(run)).toEqual([{ location: "src/a.ts:1", ruleId: TABLE }]);
  });
});

describe("--baseline", () => {
  it("a finding recorded in the lint baseline does not block; a new one still does", () => {
    const dir = project({ "lib/a.ts": 'export const q = () => supabase.from("org_members").select();\n' });
    // A baseline that accepts one table finding in lib/a.ts, written by lint itself.
    writeFileSync(join(dir, "lib/a.ts"), 'export const q = () => supabase.from("cloud_provider_integrations").select();\n');
    const update = spawnSync(process.execPath, [BIN, "lint", "--update-baseline", "--baseline", "baseline.json", "lib"], { cwd: dir, encoding: "utf8" });
    expect(update.status, update.stderr).toBe(0);
    writeFileSync(join(dir, "lib/a.ts"), 'export const q = () => supabase.from("org_members").select();\n');
    const edit = (newString: string) =>
      runHook(payload("Edit", { file_path: join(dir, "lib/a.ts"), old_string: '"org_members"', new_string: newString }, dir), {
        args: ["--baseline", "baseline.json"],
        env: { CLAUDE_PROJECT_DIR: dir },
      });
    expect(edit('"cloud_provider_integrations"')).toMatchObject({ status: 0, stdout: "" });
    const other = runHook(payload("Write", { file_path: join(dir, "lib/b.ts"), content: 'supabase.from("cloud_provider_integrations");\n' }, dir), {
      args: ["--baseline", "baseline.json"],
      env: { CLAUDE_PROJECT_DIR: dir },
    });
    expect(reasonFindings(other)).toEqual([{ location: "lib/b.ts:1", ruleId: TABLE }]);
  });
});
