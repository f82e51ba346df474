/**
 * Claude Code 2.1.328, real binary, in a user project registered by `integration-guard install
 * --claude` alone, against a scripted Anthropic Messages API on 127.0.0.1. Each case is one
 * `claude -p` run: the scripted model calls tools, the real client runs our hooks, and the test
 * reads what reached the disk and what the client sent back to the model.
 */
import { describe, expect, it } from "vitest";
import { runClaude } from "./helpers/agents.js";
import { anthropic, textsSentBack } from "./helpers/anthropic.js";
import { expectFinished, expectToldBeforeTurnEnd, expectToldThenLetStop, useBattery } from "./helpers/battery.js";
import { backstopTurns, CLEAN, findingsSentBack, heredoc, SETTINGS, SETTINGS_EDIT, SETTINGS_FILE, TABLE, VIOLATION } from "./helpers/cases.js";
import type { RecordedRequest } from "./helpers/model-server.js";

const battery = useBattery("claude", anthropic);

/** The tool results of one request, by tool_use id. */
function toolResults(request: RecordedRequest | undefined): Map<string, { isError: boolean; text: string }> {
  const results = new Map<string, { isError: boolean; text: string }>();
  const messages = (request?.body as { messages?: Array<{ role: string; content: unknown }> } | undefined)?.messages ?? [];
  for (const message of messages) {
    if (!Array.isArray(message.content)) continue;
    for (const block of message.content as Array<Record<string, unknown>>) {
      if (block.type !== "tool_result") continue;
      const content = block.content;
      const text = typeof content === "string" ? content : Array.isArray(content) ? content.map((part: { text?: string }) => part.text ?? "").join("\n") : "";
      results.set(String(block.tool_use_id), { isError: block.is_error === true, text });
    }
  }
  return results;
}

describe("Claude Code 2.1.328 with `integration-guard install --claude`", () => {
  it("denies a violating Write: nothing on disk, and the model's next request carries the finding", async () => {
    const { project, model } = battery;
    model.script([{ tools: [{ name: "Write", input: { file_path: project.path("src/credentials.ts"), content: VIOLATION } }] }]);
    expectFinished(await runClaude(project, model, "Store the provider credentials."));
    expect(project.exists("src/credentials.ts")).toBe(false);
    const result = toolResults(model.turns[1]).get("toolu_0_0");
    expect(result?.isError).toBe(true);
    expect(findingsSentBack(model, textsSentBack, 1)).toContainEqual({ location: "src/credentials.ts:1", ruleId: TABLE });
  });

  it("lets a clean Write through: the file is on disk as written", async () => {
    const { project, model } = battery;
    model.script([{ tools: [{ name: "Write", input: { file_path: project.path("src/integrations.ts"), content: CLEAN } }] }]);
    expectFinished(await runClaude(project, model, "List the integrations."));
    expect(project.read("src/integrations.ts")).toBe(CLEAN);
    expect(toolResults(model.turns[1]).get("toolu_0_0")?.isError).toBe(false);
    expect(findingsSentBack(model, textsSentBack)).toEqual([]);
  });

  it("denies an Edit that brings the retired table into an existing file, and leaves the file as it was", async () => {
    const { project, model } = battery;
    model.script([
      { tools: [{ name: "Read", input: { file_path: project.path(SETTINGS_FILE) } }] },
      { tools: [{ name: "Edit", input: { file_path: project.path(SETTINGS_FILE), old_string: SETTINGS_EDIT.old, new_string: SETTINGS_EDIT.new } }] },
    ]);
    expectFinished(await runClaude(project, model, "Read the credentials from the settings table."));
    expect(project.read(SETTINGS_FILE)).toBe(SETTINGS);
    expect(toolResults(model.turns[2]).get("toolu_1_0")?.isError).toBe(true);
    expect(findingsSentBack(model, textsSentBack, 2)).toContainEqual({ location: `${SETTINGS_FILE}:2`, ruleId: TABLE });
  });

  it("denies a Bash heredoc that writes the violation (install registers Bash)", async () => {
    const { project, model } = battery;
    model.script([{ tools: [{ name: "Bash", input: { command: heredoc("src/heredoc.ts"), description: "Write the file" } }] }]);
    expectFinished(await runClaude(project, model, "Write it with the shell."));
    expect(project.exists("src/heredoc.ts")).toBe(false);
    expect(toolResults(model.turns[1]).get("toolu_0_0")?.isError).toBe(true);
    expect(findingsSentBack(model, textsSentBack, 1)).toContainEqual({ location: "src/heredoc.ts:1", ruleId: TABLE });
  });

  it("judges parallel tool calls one by one: the clean Write lands, the violating one is denied", async () => {
    const { project, model } = battery;
    model.script([
      {
        tools: [
          { name: "Write", input: { file_path: project.path("src/parallel-clean.ts"), content: CLEAN } },
          { name: "Write", input: { file_path: project.path("src/parallel-bad.ts"), content: VIOLATION } },
        ],
      },
    ]);
    expectFinished(await runClaude(project, model, "Write both files."));
    expect(project.read("src/parallel-clean.ts")).toBe(CLEAN);
    expect(project.exists("src/parallel-bad.ts")).toBe(false);
    const results = toolResults(model.turns[1]);
    expect(results.get("toolu_0_0")?.isError).toBe(false);
    expect(results.get("toolu_0_1")?.isError).toBe(true);
    expect(findingsSentBack(model, textsSentBack, 1)).toEqual([{ location: "src/parallel-bad.ts:1", ruleId: TABLE }]);
  });

  it("tells the model about a write only the backstop can see (python -c) before its turn ends, and lets it stop once fixed", async () => {
    const { project, model } = battery;
    model.script(backstopTurns((command) => ({ name: "Bash", input: { command, description: "Run it" } })));
    expectFinished(await runClaude(project, model, "Write it with Python."));
    expectToldBeforeTurnEnd(battery, textsSentBack);
  });

  it("lets the agent stop, told, when the model never fixes what the backstop reports (no endless loop)", async () => {
    const { project, model } = battery;
    model.script(backstopTurns((command) => ({ name: "Bash", input: { command, description: "Run it" } })).slice(0, 1));
    expectFinished(await runClaude(project, model, "Write it with Python."));
    expectToldThenLetStop(battery, textsSentBack);
  });
});
