import { describe, expect, it } from "vitest";
import { addEntry, CLAUDE_ENTRIES, isGuardHook, matcherMatches, removeEntry } from "../../src/install/claude-settings.js";

describe("matcherMatches (Claude Code's rules)", () => {
  it.each([
    ["Write|Edit|MultiEdit|NotebookEdit", "NotebookEdit", true],
    ["Edit", "MultiEdit", false],
    ["Edit", "Edit", true],
    ["Write|Edit", "NotebookEdit", false],
    ["Edit.*", "NotebookEdit", true],
    ["Edit.*", "Write", false],
    ["^(Write|Edit)$", "MultiEdit", false],
    ["*", "Write", true],
    ["", "Write", true],
    [undefined, "Write", true],
    ["[", "Write", false],
  ])("%j selects %s: %s", (matcher, tool, expected) => {
    expect(matcherMatches(matcher, tool)).toBe(expected);
  });
});

describe("isGuardHook", () => {
  it.each([
    [{ type: "command", command: "node", args: ["${CLAUDE_PROJECT_DIR}/dist/integration-guard.cjs", "hook"] }, true],
    [{ type: "command", command: "npx integration-guard hook" }, true],
    [{ type: "command", command: 'node "$CLAUDE_PROJECT_DIR/node_modules/integration-guard/dist/integration-guard.cjs" hook --fail-closed' }, true],
    [{ type: "command", command: "integration-guard lint --staged" }, false],
    [{ type: "command", command: "./hooks/other-guard.sh hook" }, false],
    [{ type: "prompt", prompt: "integration-guard hook" }, false],
  ])("%j: %s", (hook, expected) => {
    expect(isGuardHook(hook)).toBe(expected);
  });
});

describe("addEntry / removeEntry over every entry", () => {
  it("round-trips an object with other events and keeps key order", () => {
    const other = { type: "command", command: "x" };
    const settings = { a: 1, hooks: { Stop: [{ hooks: [other] }], PreToolUse: [{ matcher: "Bash", hooks: [other] }] }, z: 2 };
    let added: unknown = settings;
    for (const entry of CLAUDE_ENTRIES) {
      const step = addEntry(added, "${CLAUDE_PROJECT_DIR}/dist/integration-guard.cjs", entry);
      expect(step.change).toBe("added");
      added = step.settings;
    }
    const hooks = (added as { hooks: Record<string, Array<{ matcher?: string }>> }).hooks;
    expect(Object.keys(hooks)).toEqual(["Stop", "PreToolUse", "PostToolUse", "SubagentStop", "SessionStart"]);
    expect(hooks.PreToolUse!.at(-1)!.matcher).toBe("Write|Edit|MultiEdit|NotebookEdit|Bash");
    for (const tool of ["Write", "Edit", "MultiEdit", "NotebookEdit", "Bash", "mcp__filesystem__write_file"]) expect(matcherMatches(hooks.PostToolUse!.at(-1)!.matcher, tool)).toBe(true);
    expect(matcherMatches(hooks.PostToolUse!.at(-1)!.matcher, "BashOutput")).toBe(false);
    let removed: unknown = added;
    let count = 0;
    for (const entry of [...CLAUDE_ENTRIES].reverse()) {
      const step = removeEntry(removed, entry);
      count += step.removed;
      removed = step.settings;
    }
    expect(count).toBe(CLAUDE_ENTRIES.length);
    expect(JSON.stringify(removed)).toBe(JSON.stringify(settings));
  });
});
