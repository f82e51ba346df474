/**
 * Oversized input through the built hook: a text over the document limit (2 MB) that holds a
 * rule's word is checked by the language's token-level scan, never allowed unchecked; a payload
 * over the hook's own stdin cap is read to its end and denied when it could hold a violation.
 */
import { describe, expect, it } from "vitest";
import { findingsIn, reasonOf, runAgentHook, TABLE } from "../helpers/agent-hook.js";
import { payload, project } from "../helpers/hook.js";

const MB = 1024 * 1024;

/** `line(i)` repeated until the text is over `bytes`, then `last`; returns the text and the line of `last`. */
function big(line: (i: number) => string, bytes: number, last: string): { text: string; line: number } {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const l = line(i);
    parts.push(l);
    size += l.length;
  }
  return { text: `${parts.join("")}${last}`, line: parts.length + 1 };
}

function decision(run: ReturnType<typeof runAgentHook>): unknown {
  return (run.output?.hookSpecificOutput as Record<string, unknown> | undefined)?.permissionDecision;
}

describe("a text over the document limit", () => {
  it("a 2.5 MB TypeScript Write with a violation at its end is denied at that line", () => {
    const dir = project();
    const { text, line } = big((i) => `export const f${i} = (x: string) => api.get(x); // cloud_provider_integrations is gone\n`, 2.5 * MB, 'await supabase.from("cloud_provider_integrations").select("*");\n');
    const run = runAgentHook(payload("Write", { file_path: `${dir}/src/big.ts`, content: text }, dir));
    expect(decision(run)).toBe("deny");
    expect(findingsIn(reasonOf(run.output))).toEqual([{ location: `src/big.ts:${line}`, ruleId: TABLE }]);
    expect(run.stderr).toMatch(/token-level scan/);
  });

  it("Python and SQL too (Gemini write_file), and the words in comments and strings alone are allowed", () => {
    const dir = project();
    const py = big((i) => `def f_${i}(x):\n    log("cloud_provider_integrations")  # cloud_provider_integrations\n`, 2.2 * MB, 'rows = client.table("cloud_provider_integrations").select("*").execute()\n');
    const gemini = (file: string, content: string) =>
      runAgentHook({ session_id: "s", cwd: dir, hook_event_name: "BeforeTool", tool_name: "write_file", tool_input: { file_path: `${dir}/${file}`, content } });
    const pyRun = gemini("app/big.py", py.text);
    expect(pyRun.output?.decision).toBe("deny");
    expect(findingsIn(reasonOf(pyRun.output))).toEqual([{ location: `app/big.py:${py.line * 2 - 1}`, ruleId: TABLE }]);
    const sql = big((i) => `select id from organizations where id = ${i}; -- not cloud_provider_integrations\n`, 2.2 * MB, "delete from cloud_provider_integrations;\n");
    expect(findingsIn(reasonOf(gemini("db/big.sql", sql.text).output))).toEqual([{ location: `db/big.sql:${sql.line}`, ruleId: TABLE }]);
    const clean = big((i) => `def f_${i}(x):\n    return "cloud_provider_integrations"  # mention\n`, 2.2 * MB, "x = 1\n");
    expect(gemini("app/clean.py", clean.text)).toMatchObject({ status: 0, stdout: "" });
  });

  it("an Edit of a 3 MB legacy file: the violations it has stay old, the one added at the end is new", () => {
    const { text } = big((i) => `export const f${i} = () => supabase.from("cloud_provider_integrations").select("id${i}");\n`, 3 * MB, "export const end = 1;\n");
    const dir = project({ "src/legacy.ts": text });
    const keep = runAgentHook(payload("Edit", { file_path: `${dir}/src/legacy.ts`, old_string: "export const end = 1;", new_string: "export const end = 2;" }, dir));
    expect(keep).toMatchObject({ status: 0, stdout: "" });
    const add = runAgentHook(payload("Edit", { file_path: `${dir}/src/legacy.ts`, old_string: "export const end = 1;", new_string: 'export const end = () => supabase.from("cloud_provider_integrations").delete();' }, dir));
    expect(decision(add)).toBe("deny");
    expect(findingsIn(reasonOf(add.output)).map((f) => f.ruleId)).toEqual([TABLE]);
  });

  it("a Bash heredoc of 2.5 MB is judged the same way", () => {
    const dir = project();
    const { text, line } = big((i) => `export const f${i} = 1; // cloud_provider_integrations\n`, 2.5 * MB, 'await supabase.from("cloud_provider_integrations").select("*");\n');
    const run = runAgentHook(payload("Bash", { command: `cat > big.ts <<'EOF'\n${text}EOF` }, dir));
    expect(findingsIn(reasonOf(run.output))).toEqual([{ location: `big.ts:${line}`, ruleId: TABLE }]);
  });
});

describe("a payload over the hook's stdin cap", () => {
  it("is read to its end: denied when it holds a rule's word (even only at its end), allowed with a note when it cannot match", () => {
    const dir = project();
    const filler = "export const x = 1;\n".repeat((65 * MB) / 20);
    const bad = runAgentHook(payload("Write", { file_path: `${dir}/a.ts`, content: `${filler}supabase.from("cloud_provider_integrations");\n` }, dir));
    expect(decision(bad)).toBe("deny");
    const clean = runAgentHook(payload("Write", { file_path: `${dir}/a.ts`, content: filler }, dir));
    expect(clean).toMatchObject({ status: 0, stdout: "" });
    expect(clean.stderr).toMatch(/larger than/);
  });
});
