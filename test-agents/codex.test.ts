/**
 * Codex CLI 0.169.0, real binary, in a user project registered by `integration-guard install
 * --codex` alone, its hooks trusted the way a user trusts them (recorded in the user's config
 * through Codex's own app server), against a scripted OpenAI Responses API. Codex runs in a network
 * namespace with loopback only.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type CodexHook, runCodex, trustCodexHooks, writeCodexConfig } from "./helpers/agents.js";
import { allSentBack, CLEAN, findingsSentBack, heredoc, pythonWrite, SETTINGS, SETTINGS_FILE, TABLE, toldAbout, VIOLATION } from "./helpers/cases.js";
import { type ModelServer, startModelServer } from "./helpers/model-server.js";
import { openai, textsSentBack } from "./helpers/openai.js";
import { makeUserProject, type UserProject } from "./helpers/project.js";
import type { ClientRun } from "./helpers/run.js";

let project: UserProject;
let model: ModelServer & { socket: string };
let socketDir: string;
let trusted: CodexHook[];

beforeAll(async () => {
  project = makeUserProject("codex");
  writeCodexConfig(project);
  trusted = await trustCodexHooks(project);
  socketDir = mkdtempSync(join(tmpdir(), "ig-codex-model-"));
  const socket = join(socketDir, "model.sock");
  model = { ...(await startModelServer(openai, { socket })), socket };
});
afterEach(() => project.reset());
afterAll(async () => {
  await model?.close();
  project?.remove();
  if (socketDir) rmSync(socketDir, { recursive: true, force: true });
});

function expectFinished(run: ClientRun): void {
  expect(run.signal, run.stderr).toBeNull();
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
}

const patch = (body: string) => `*** Begin Patch\n${body}*** End Patch\n`;
const addFile = (file: string, text: string) => patch(`*** Add File: ${file}\n${text.replace(/^/gm, "+").replace(/\+$/, "")}`);
const SETTINGS_PATCH = patch(`*** Update File: ${SETTINGS_FILE}\n@@\n export async function loadSettings(orgId: string) {\n-  return supabase.from("organization_settings").select("*").eq("org_id", orgId);\n+  return supabase.from("cloud_provider_integrations").select("*").eq("org_id", orgId);\n`);

describe("Codex CLI 0.169.0 with `integration-guard install --codex`", () => {
  it("registers hooks that Codex lists, and that are trusted once the user trusts them", () => {
    expect(trusted.map((hook) => hook.eventName)).toContain("preToolUse");
    for (const hook of trusted) expect(hook.trustStatus, hook.key).toBe("trusted");
  });

  it("denies a violating apply_patch: nothing on disk, and the model's next request carries the finding", async () => {
    model.script([{ tools: [{ name: "apply_patch", input: addFile("src/credentials.ts", VIOLATION) }] }]);
    expectFinished(await runCodex(project, model, "Store the provider credentials."));
    expect(project.exists("src/credentials.ts")).toBe(false);
    expect(findingsSentBack(model, textsSentBack, 1)).toContainEqual({ location: "src/credentials.ts:1", ruleId: TABLE });
  });

  it("lets a clean apply_patch through: the file is on disk as written", async () => {
    model.script([{ tools: [{ name: "apply_patch", input: addFile("src/integrations.ts", CLEAN) }] }]);
    expectFinished(await runCodex(project, model, "List the integrations."));
    expect(project.read("src/integrations.ts")).toBe(CLEAN);
    expect(findingsSentBack(model, textsSentBack)).toEqual([]);
  });

  it("denies an apply_patch update that brings the retired table into an existing file, and leaves the file as it was", async () => {
    model.script([{ tools: [{ name: "apply_patch", input: SETTINGS_PATCH }] }]);
    expectFinished(await runCodex(project, model, "Read the credentials from the settings table."));
    expect(project.read(SETTINGS_FILE)).toBe(SETTINGS);
    expect(findingsSentBack(model, textsSentBack, 1)).toContainEqual({ location: `${SETTINGS_FILE}:2`, ruleId: TABLE });
  });

  it("denies a shell heredoc that writes the violation", async () => {
    model.script([{ tools: [{ name: "exec_command", input: { cmd: heredoc("src/heredoc.ts") } }] }]);
    expectFinished(await runCodex(project, model, "Write it with the shell."));
    expect(project.exists("src/heredoc.ts")).toBe(false);
    expect(findingsSentBack(model, textsSentBack, 1)).toContainEqual({ location: "src/heredoc.ts:1", ruleId: TABLE });
  });

  it("denies a shell `apply_patch <<'EOF'` heredoc, which Codex applies as a patch", async () => {
    model.script([{ tools: [{ name: "exec_command", input: { cmd: `apply_patch <<'EOF'\n${addFile("src/patched.ts", VIOLATION)}EOF` } }] }]);
    expectFinished(await runCodex(project, model, "Patch it from the shell."));
    expect(project.exists("src/patched.ts")).toBe(false);
    expect(findingsSentBack(model, textsSentBack, 1)).toContainEqual({ location: "src/patched.ts:1", ruleId: TABLE });
  });

  it("tells the model about a write only the backstop can see (python -c) before its turn ends, and lets it stop once fixed", async () => {
    model.script([
      { tools: [{ name: "exec_command", input: { cmd: pythonWrite("src/backstop.ts") } }] },
      { text: "Finished." },
      { tools: [{ name: "exec_command", input: { cmd: "rm src/backstop.ts" } }] },
      { text: "Removed the direct table access." },
    ]);
    expectFinished(await runCodex(project, model, "Write it with Python."));
    expect(toldAbout(allSentBack(model, textsSentBack, 1), "src/backstop.ts")).toEqual({ file: true, rule: true });
    expect(project.exists("src/backstop.ts")).toBe(false);
    expect(model.turns.length).toBeGreaterThanOrEqual(4);
  });
});
