/**
 * Property-based: whatever arrives on stdin, the built hook exits 0 and prints either nothing or
 * exactly one JSON object in the PreToolUse format. Each case spawns the real process, so the
 * run counts are modest; failures print the shrunk payload.
 */
import fc from "fast-check";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { payload, project, runHook } from "../helpers/hook.js";

function expectWellFormed(stdin: string, args: string[] = []): void {
  const run = runHook(stdin, { args });
  expect(run.status).toBe(0);
  if (run.stdout === "") return;
  expect(run.stdout.endsWith("\n")).toBe(true);
  const output = JSON.parse(run.stdout) as { hookSpecificOutput?: Record<string, unknown> };
  expect(Object.keys(output)).toEqual(["hookSpecificOutput"]);
  const specific = output.hookSpecificOutput!;
  expect(specific.hookEventName).toBe("PreToolUse");
  if ("permissionDecision" in specific) {
    expect(specific.permissionDecision).toBe("deny");
    expect(typeof specific.permissionDecisionReason).toBe("string");
  } else {
    expect(typeof specific.additionalContext).toBe("string");
  }
}

const dir = project({
  "lib/legacy.ts": 'const T = "org_members";\nexport const q = () => supabase.from(T).select("id");\n',
  "nb.ipynb": JSON.stringify({ cells: [{ id: "c1", cell_type: "code", source: ["x = 1\n"], metadata: {}, outputs: [] }], metadata: {} }),
});

const snippets = fc.constantFrom(
  'supabase.from("cloud_provider_integrations").select()',
  "await db.from('organizations').update({ integration_openai_status: 'VALID' })",
  "export function saveIntegrationStatus() {}",
  "const T = `cloud_provider_integrations`;",
  "function (",
  "{{{",
  "\u0000",
  "$&$'$`",
  "",
);
const text = fc.oneof(fc.string(), snippets, fc.array(snippets).map((parts) => parts.join("\n")));
const filePath = fc.constantFrom(join(dir, "lib/legacy.ts"), join(dir, "new.ts"), join(dir, "x.md"), join(dir, "nb.ipynb"), "relative/a.tsx", "", "/", join(dir, "lib"));
const toolInput = fc.oneof(
  fc.record({ file_path: filePath, content: text }, { requiredKeys: [] }),
  fc.record({ file_path: filePath, old_string: text, new_string: text, replace_all: fc.boolean() }, { requiredKeys: [] }),
  fc.record({ file_path: filePath, edits: fc.array(fc.record({ old_string: text, new_string: text })) }, { requiredKeys: [] }),
  fc.record({ notebook_path: filePath, new_source: text, cell_id: fc.constantFrom("c1", "zz"), edit_mode: fc.constantFrom("replace", "insert", "delete", "bogus") }, { requiredKeys: [] }),
  fc.anything(),
);
const toolName = fc.oneof(fc.constantFrom("Write", "Edit", "MultiEdit", "NotebookEdit", "Bash", "Read"), fc.string());

describe("hook fuzzing", { timeout: 180_000 }, () => {
  it("random structured payloads", () => {
    fc.assert(
      fc.property(toolName, toolInput, (name, input) => expectWellFormed(JSON.stringify(payload(name, input, dir)))),
      { numRuns: 60 },
    );
  });

  it("mutated payload text (truncated, spliced, garbage)", () => {
    const valid = JSON.stringify(payload("Write", { file_path: join(dir, "a.ts"), content: 'supabase.from("cloud_provider_integrations")' }, dir));
    const mutated = fc.oneof(
      fc.nat({ max: valid.length }).map((n) => valid.slice(0, n)),
      fc.tuple(fc.nat({ max: valid.length }), fc.string()).map(([n, s]) => valid.slice(0, n) + s + valid.slice(n)),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString("latin1")),
      fc.json(),
    );
    fc.assert(fc.property(mutated, (stdin) => expectWellFormed(stdin)), { numRuns: 40 });
  });

  it("with --fail-closed, still one JSON object or nothing", () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json()), (stdin) => expectWellFormed(stdin, ["--fail-closed"])), { numRuns: 20 });
  });
});
