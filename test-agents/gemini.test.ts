/**
 * Gemini CLI 0.61.0, real binary, in a user project registered by `integration-guard install
 * --gemini` alone, against a scripted Gemini API (streamGenerateContent over SSE) on 127.0.0.1.
 */
import { describe, expect, it } from "vitest";
import { runGemini } from "./helpers/agents.js";
import { expectFinished, expectToldBeforeTurnEnd, expectToldThenLetStop, useBattery } from "./helpers/battery.js";
import { backstopTurns, CLEAN, findingsSentBack, heredoc, PREFERENCES, PREFERENCES_EDIT, PREFERENCES_FILE, SETTINGS, SETTINGS_EDIT, SETTINGS_FILE, TABLE, VIOLATION } from "./helpers/cases.js";
import { gemini, textsSentBack } from "./helpers/gemini.js";
import type { ClientRun } from "./helpers/run.js";

const battery = useBattery("gemini", gemini);

/** Gemini CLI warns on stderr when a hook command fails (and then lets the call go ahead). */
function expectNoHookFailure(run: ClientRun): void {
  expect(run.stderr.match(/Hook\(s\) \[[^\]]*\] failed[^\n]*/)?.[0]).toBeUndefined();
}

describe("Gemini CLI 0.61.0 with `integration-guard install --gemini`", () => {
  it("denies a violating write_file: nothing on disk, and the model's next request carries the finding", async () => {
    const { project, model } = battery;
    model.script([{ tools: [{ name: "write_file", input: { file_path: project.path("src/credentials.ts"), content: VIOLATION } }] }]);
    const run = await runGemini(project, model, "Store the provider credentials.");
    expectFinished(run);
    expectNoHookFailure(run);
    expect(project.exists("src/credentials.ts")).toBe(false);
    expect(findingsSentBack(model, textsSentBack, 1)).toContainEqual({ location: "src/credentials.ts:1", ruleId: TABLE });
  });

  it("lets a clean write_file through: the file is on disk as written", async () => {
    const { project, model } = battery;
    model.script([{ tools: [{ name: "write_file", input: { file_path: project.path("src/integrations.ts"), content: CLEAN } }] }]);
    const run = await runGemini(project, model, "List the integrations.");
    expectFinished(run);
    expectNoHookFailure(run);
    expect(project.read("src/integrations.ts")).toBe(CLEAN);
    expect(findingsSentBack(model, textsSentBack)).toEqual([]);
  });

  it("denies a replace that brings the retired table into an existing file, and leaves the file as it was", async () => {
    const { project, model } = battery;
    model.script([{ tools: [{ name: "replace", input: { file_path: project.path(SETTINGS_FILE), old_string: SETTINGS_EDIT.old, new_string: SETTINGS_EDIT.new, instruction: "Read the credentials from the integrations table." } }] }]);
    const run = await runGemini(project, model, "Read the credentials from the settings table.");
    expectFinished(run);
    expect(project.read(SETTINGS_FILE)).toBe(SETTINGS);
    expect(findingsSentBack(model, textsSentBack, 1)).toContainEqual({ location: `${SETTINGS_FILE}:2`, ruleId: TABLE });
  });

  it("denies a replace with allow_multiple whose violation is only in a later occurrence", async () => {
    const { project, model } = battery;
    const edit = { file_path: project.path(PREFERENCES_FILE), old_string: PREFERENCES_EDIT.old, new_string: PREFERENCES_EDIT.new, allow_multiple: true, instruction: "Rename the table everywhere." };
    model.script([{ tools: [{ name: "replace", input: edit }] }]);
    const run = await runGemini(project, model, "Rename the table everywhere.");
    expectFinished(run);
    expect(project.read(PREFERENCES_FILE)).toBe(PREFERENCES);
    expect(findingsSentBack(model, textsSentBack, 1)).toContainEqual({ location: `${PREFERENCES_FILE}:3`, ruleId: TABLE });
  });

  it("denies a run_shell_command heredoc that writes the violation", async () => {
    const { project, model } = battery;
    model.script([{ tools: [{ name: "run_shell_command", input: { command: heredoc("src/heredoc.ts") } }] }]);
    const run = await runGemini(project, model, "Write it with the shell.");
    expectFinished(run);
    expect(project.exists("src/heredoc.ts")).toBe(false);
    expect(findingsSentBack(model, textsSentBack, 1)).toContainEqual({ location: "src/heredoc.ts:1", ruleId: TABLE });
  });

  it("tells the model about a write only the backstop can see (python -c) before its turn ends, and lets it stop once fixed", async () => {
    const { project, model } = battery;
    model.script(backstopTurns((command) => ({ name: "run_shell_command", input: { command } })));
    expectFinished(await runGemini(project, model, "Write it with Python."));
    expectToldBeforeTurnEnd(battery, textsSentBack);
  });

  it("lets the agent stop, told, when the model never fixes what the backstop reports (no endless loop)", async () => {
    const { project, model } = battery;
    model.script(backstopTurns((command) => ({ name: "run_shell_command", input: { command } })).slice(0, 1));
    expectFinished(await runGemini(project, model, "Write it with Python."));
    expectToldThenLetStop(battery, textsSentBack);
  });
});
