/**
 * Codex CLI 0.169.0, real binary, in a user project registered by `integration-guard install
 * --codex` alone, its hooks trusted the way a user trusts them (recorded in the user's config
 * through Codex's own app server), against a scripted OpenAI Responses API. Codex runs in a network
 * namespace with loopback only.
 */
import { describe, expect, it } from "vitest";
import { type CodexHook, runCodex, trustCodexHooks, writeCodexConfig } from "./helpers/agents.js";
import { expectFinished, expectToldBeforeTurnEnd, expectToldThenLetStop, useBattery } from "./helpers/battery.js";
import { backstopTurns, CLEAN, findingsSentBack, heredoc, SETTINGS, SETTINGS_FILE, TABLE, VIOLATION } from "./helpers/cases.js";
import { openai, textsSentBack } from "./helpers/openai.js";

let trusted: CodexHook[] = [];
const battery = useBattery("codex", openai, {
  socket: true,
  async prepare(project) {
    writeCodexConfig(project);
    trusted = await trustCodexHooks(project);
  },
});

const patch = (body: string) => `*** Begin Patch\n${body}*** End Patch\n`;
const addFile = (file: string, text: string) => patch(`*** Add File: ${file}\n${text.replace(/^/gm, "+").replace(/\+$/, "")}`);
const SETTINGS_PATCH = patch(`*** Update File: ${SETTINGS_FILE}\n@@\n export async function loadSettings(orgId: string) {\n-  return supabase.from("organization_settings").select("*").eq("org_id", orgId);\n+  return supabase.from("cloud_provider_integrations").select("*").eq("org_id", orgId);\n`);

describe("Codex CLI 0.169.0 with `integration-guard install --codex`", () => {
  it("registers hooks that Codex lists, and that are trusted once the user trusts them", () => {
    expect(trusted.map((hook) => hook.eventName)).toContain("preToolUse");
    for (const hook of trusted) expect(hook.trustStatus, hook.key).toBe("trusted");
  });

  it("denies a violating apply_patch: nothing on disk, and the model's next request carries the finding", async () => {
    const { project, model } = battery;
    model.script([{ tools: [{ name: "apply_patch", input: addFile("src/credentials.ts", VIOLATION) }] }]);
    expectFinished(await runCodex(project, model, "Store the provider credentials."));
    expect(project.exists("src/credentials.ts")).toBe(false);
    expect(findingsSentBack(model, textsSentBack, 1)).toContainEqual({ location: "src/credentials.ts:1", ruleId: TABLE });
  });

  it("lets a clean apply_patch through: the file is on disk as written", async () => {
    const { project, model } = battery;
    model.script([{ tools: [{ name: "apply_patch", input: addFile("src/integrations.ts", CLEAN) }] }]);
    expectFinished(await runCodex(project, model, "List the integrations."));
    expect(project.read("src/integrations.ts")).toBe(CLEAN);
    expect(findingsSentBack(model, textsSentBack)).toEqual([]);
  });

  it("denies an apply_patch update that brings the retired table into an existing file, and leaves the file as it was", async () => {
    const { project, model } = battery;
    model.script([{ tools: [{ name: "apply_patch", input: SETTINGS_PATCH }] }]);
    expectFinished(await runCodex(project, model, "Read the credentials from the settings table."));
    expect(project.read(SETTINGS_FILE)).toBe(SETTINGS);
    expect(findingsSentBack(model, textsSentBack, 1)).toContainEqual({ location: `${SETTINGS_FILE}:2`, ruleId: TABLE });
  });

  it("denies a shell heredoc that writes the violation", async () => {
    const { project, model } = battery;
    model.script([{ tools: [{ name: "exec_command", input: { cmd: heredoc("src/heredoc.ts") } }] }]);
    expectFinished(await runCodex(project, model, "Write it with the shell."));
    expect(project.exists("src/heredoc.ts")).toBe(false);
    expect(findingsSentBack(model, textsSentBack, 1)).toContainEqual({ location: "src/heredoc.ts:1", ruleId: TABLE });
  });

  it("denies a shell `apply_patch <<'EOF'` heredoc, which Codex applies as a patch", async () => {
    const { project, model } = battery;
    model.script([{ tools: [{ name: "exec_command", input: { cmd: `apply_patch <<'EOF'\n${addFile("src/patched.ts", VIOLATION)}EOF` } }] }]);
    expectFinished(await runCodex(project, model, "Patch it from the shell."));
    expect(project.exists("src/patched.ts")).toBe(false);
    expect(findingsSentBack(model, textsSentBack, 1)).toContainEqual({ location: "src/patched.ts:1", ruleId: TABLE });
  });

  it("tells the model about a write only the backstop can see (python -c) before its turn ends, and lets it stop once fixed", async () => {
    const { project, model } = battery;
    model.script(backstopTurns((cmd) => ({ name: "exec_command", input: { cmd } })));
    expectFinished(await runCodex(project, model, "Write it with Python."));
    expectToldBeforeTurnEnd(battery, textsSentBack);
  });

  it("lets the agent stop, told, when the model never fixes what the backstop reports (no endless loop)", async () => {
    const { project, model } = battery;
    model.script(backstopTurns((cmd) => ({ name: "exec_command", input: { cmd } })).slice(0, 1));
    expectFinished(await runCodex(project, model, "Write it with Python."));
    expectToldThenLetStop(battery, textsSentBack);
  });
});
