import { describe, expect, it } from "vitest";
import { addGuard, isGuardHook, matcherMatches, removeGuard } from "../../src/install/claude-settings.js";

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

describe("addGuard / removeGuard", () => {
  it("round-trips an object with other events and keeps key order", () => {
    const settings = { a: 1, hooks: { Stop: [], PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: "x" }] }], PostToolUse: [] }, z: 2 };
    const added = addGuard(settings, "${CLAUDE_PROJECT_DIR}/dist/integration-guard.cjs");
    expect(added.change).toBe("added");
    const removed = removeGuard(added.settings);
    expect(removed.removed).toBe(1);
    expect(JSON.stringify(removed.settings)).toBe(JSON.stringify(settings));
  });
});
