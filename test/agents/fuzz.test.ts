/**
 * Property-based, every agent: random and mutated payloads (shell commands, patches, edits) through
 * the built hook => exit 0, and stdout is empty or exactly one JSON object in that agent's format.
 * Each case spawns the real process, so run counts are modest; failures print the shrunk payload.
 */
import fc from "fast-check";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runAgentHook } from "../helpers/agent-hook.js";
import { project } from "../helpers/hook.js";

type Output = Record<string, unknown>;
const isString = (v: unknown) => typeof v === "string";

/** The only shapes each agent may receive. */
const FORMATS: Record<string, (o: Output) => boolean> = {
  claude: (o) => {
    const s = o.hookSpecificOutput as Output | undefined;
    if (Object.keys(o).join() !== "hookSpecificOutput" || s?.hookEventName !== "PreToolUse") return false;
    return s.permissionDecision === "deny" ? isString(s.permissionDecisionReason) : isString(s.additionalContext) && !("permissionDecision" in s);
  },
  "claude-post": (o) => {
    const s = o.hookSpecificOutput as Output | undefined;
    const keysOk = Object.keys(o).every((k) => ["decision", "reason", "hookSpecificOutput"].includes(k));
    const blockOk = o.decision === undefined || (o.decision === "block" && isString(o.reason));
    return keysOk && blockOk && (s === undefined || (s.hookEventName === "PostToolUse" && isString(s.additionalContext))) && (s !== undefined || o.decision === "block");
  },
  codex: (o) => {
    const s = o.hookSpecificOutput as Output | undefined;
    return Object.keys(o).join() === "hookSpecificOutput" && Object.keys(s ?? {}).sort().join() === "hookEventName,permissionDecision,permissionDecisionReason" && s!.permissionDecision === "deny" && isString(s!.permissionDecisionReason);
  },
  gemini: (o) =>
    (Object.keys(o).sort().join() === "decision,reason" && o.decision === "deny" && isString(o.reason)) ||
    (Object.keys(o).join() === "hookSpecificOutput" && (o.hookSpecificOutput as Output).hookEventName === "BeforeTool" && isString((o.hookSpecificOutput as Output).additionalContext)),
  cursor: (o) => Object.keys(o).sort().join() === "agent_message,permission,user_message" && o.permission === "deny" && isString(o.agent_message) && isString(o.user_message),
};

function expectAgentFormat(format: string, stdin: string, args: string[]): void {
  const run = runAgentHook(stdin, args);
  expect(run.status, run.stderr).toBe(0);
  if (run.stdout === "") return;
  expect(run.stdout.endsWith("\n")).toBe(true);
  expect(run.stdout.trim().includes("\n")).toBe(false);
  const output = JSON.parse(run.stdout) as Output;
  expect(FORMATS[format]!(output), run.stdout).toBe(true);
}

const dir = project({
  "lib/legacy.ts": 'export const q = () => supabase.from("cloud_provider_integrations").select("id");\n',
  "db/q.sql": "select 1;\n",
  "app/x.py": "x = 1\n",
});

const code = fc.constantFrom(
  'supabase.from("cloud_provider_integrations").select()',
  "await db.from('organizations').update({ integration_openai_status: 'VALID' })",
  "export function saveIntegrationStatus() {}",
  "DELETE FROM cloud_provider_integrations;",
  'client.table("cloud_provider_integrations")',
  "function (",
  "\u0000",
  "",
);
const shellPiece = fc.constantFrom(
  "cat > lib/a.ts <<'EOF'\n",
  "cat >> lib/legacy.ts <<EOF\n",
  "EOF\n",
  "tee -a db/q.sql <<< ",
  "echo ",
  "printf '%s\\n' ",
  " > new.ts",
  " | tee app/y.py",
  "psql -c ",
  "psql -f db/q.sql",
  "cd lib && ",
  "bash -c ",
  '"',
  "'",
  "$(",
  ")",
  "`",
  "${P}",
  " && ",
  "; ",
  "\n",
  "\\",
  "<<-X\n\tX\n",
  "> \"$OUT\"",
);
const command = fc.oneof(
  fc.string(),
  fc.array(fc.oneof(shellPiece, code), { maxLength: 12 }).map((parts) => parts.join("")),
);
const patchLine = fc.oneof(
  fc.constantFrom("*** Begin Patch", "*** End Patch", "*** Add File: lib/n.ts", "*** Update File: lib/legacy.ts", "*** Delete File: lib/legacy.ts", "*** Move to: lib/m.ts", "@@", "@@ export const q", "*** End of File", "*** Update File: /etc/passwd"),
  code.map((c) => `+${c}`),
  code.map((c) => `-${c}`),
  code.map((c) => ` ${c}`),
  fc.string(),
);
const patch = fc.array(patchLine, { maxLength: 10 }).map((lines) => ["*** Begin Patch", ...lines, "*** End Patch"].join("\n"));
const path = fc.constantFrom(join(dir, "lib/legacy.ts"), join(dir, "new.ts"), "relative/a.py", join(dir, "x.md"), "", "/", join(dir, "lib"), join(dir, "db/q.sql"));
const text = fc.oneof(fc.string(), code, fc.array(code).map((c) => c.join("\n")));

function structured(agent: string): fc.Arbitrary<object> {
  const input = fc.oneof(
    fc.record({ command }, { requiredKeys: [] }),
    fc.record({ file_path: path, content: text }, { requiredKeys: [] }),
    fc.record({ file_path: path, old_string: text, new_string: text }, { requiredKeys: [] }),
    fc.anything(),
  );
  switch (agent) {
    case "codex":
      return fc.record({ hook_event_name: fc.constant("PreToolUse"), turn_id: fc.constant("t"), cwd: fc.constantFrom(dir, ""), tool_name: fc.constantFrom("apply_patch", "Bash", "shell"), tool_input: fc.oneof(patch.map((p) => ({ command: p })), command.map((c) => ({ command: c })), fc.anything()) });
    case "gemini":
      return fc.record({ hook_event_name: fc.constant("BeforeTool"), cwd: fc.constant(dir), tool_name: fc.constantFrom("write_file", "replace", "run_shell_command", "read_file"), tool_input: input });
    case "cursor":
      return fc.record(
        { hook_event_name: fc.constantFrom("preToolUse", "beforeShellExecution"), conversation_id: fc.constant("c"), workspace_roots: fc.oneof(fc.constant([dir]), fc.anything()), tool_name: fc.constantFrom("Write", "Edit", "StrReplace", "Shell", "edit_file", "Delete"), tool_input: fc.oneof(input, input.map((i) => JSON.stringify(i))), command },
        { requiredKeys: ["hook_event_name"] },
      );
    default:
      return fc.record({ hook_event_name: fc.constant(agent === "claude-post" ? "PostToolUse" : "PreToolUse"), cwd: fc.constant(dir), tool_name: fc.constantFrom("Write", "Edit", "MultiEdit", "NotebookEdit", "Bash"), tool_input: input, tool_response: fc.anything() });
  }
}

const AGENTS: Array<[format: string, args: string[]]> = [
  ["claude", ["--agent", "claude"]],
  ["claude-post", ["--event", "post"]],
  ["codex", ["--agent", "codex"]],
  ["gemini", ["--agent", "gemini"]],
  ["cursor", ["--agent", "cursor"]],
];

describe("every agent, fuzzed", { timeout: 300_000 }, () => {
  it.each(AGENTS)("%s: random structured payloads", (format, args) => {
    fc.assert(fc.property(structured(format), (p) => expectAgentFormat(format, JSON.stringify(p), args)), { numRuns: 18 });
  });

  it.each(AGENTS)("%s: mutated payload text, with --fail-closed", (format, args) => {
    fc.assert(
      fc.property(structured(format), fc.nat(), fc.string(), (p, cut, junk) => {
        const valid = JSON.stringify(p);
        const at = cut % (valid.length + 1);
        expectAgentFormat(format, valid.slice(0, at) + junk + valid.slice(at), [...args, "--fail-closed"]);
      }),
      { numRuns: 8 },
    );
  });
});
