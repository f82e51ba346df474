/** The files shipped for other installers agree with what `install` writes, and they work. */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { claudeHooksFor } from "../../src/install/claude-settings.js";
import { samples } from "../../src/doctor/samples.js";
import { PACKAGE_ROOT, removeRepos } from "./repo.js";

afterAll(removeRepos);

const CHECKOUT = join(import.meta.dirname, "..", "..");
const json = (path: string) => JSON.parse(readFileSync(join(CHECKOUT, path), "utf8"));

describe("shipped hook configurations", () => {
  it("this repository's .claude/settings.json registers the built binary like install does", () => {
    const script = "${CLAUDE_PROJECT_DIR}/dist/integration-guard.cjs";
    expect(json(".claude/settings.json")).toEqual({ hooks: claudeHooksFor(script) });
  });

  it("the plugin's hooks/hooks.json registers the same hook under ${CLAUDE_PLUGIN_ROOT}, and plugin.json matches the package", () => {
    const script = "${CLAUDE_PLUGIN_ROOT}/dist/integration-guard.cjs";
    expect(json("hooks/hooks.json").hooks).toEqual(claudeHooksFor(script));
    const plugin = json(".claude-plugin/plugin.json");
    expect(plugin.name).toBe("integration-guard");
    expect(plugin.version).toBe(json("package.json").version);
    expect(json("package.json").files).toEqual(expect.arrayContaining(["hooks", ".claude-plugin", ".pre-commit-hooks.yaml"]));
  });

  it("the plugin's command, run as Claude Code would with ${CLAUDE_PLUGIN_ROOT} substituted, denies the sample write", () => {
    const hook = json("hooks/hooks.json").hooks.PreToolUse[0].hooks[0];
    const sampleDir = mkdtempSync(join(tmpdir(), "ig-plugin-"));
    try {
      const [deny] = samples(sampleDir, sampleDir);
      const args = (hook.args as string[]).map((arg) => arg.replace("${CLAUDE_PLUGIN_ROOT}", PACKAGE_ROOT));
      const run = spawnSync(hook.command, args, { input: JSON.stringify(deny!.payload), encoding: "utf8" });
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout).hookSpecificOutput.permissionDecision).toBe("deny");
    } finally {
      rmSync(sampleDir, { recursive: true, force: true });
    }
  });

  it(".pre-commit-hooks.yaml declares the integration-guard hook for the pre-commit framework", () => {
    const hooks = parse(readFileSync(join(CHECKOUT, ".pre-commit-hooks.yaml"), "utf8"));
    expect(hooks).toEqual([
      expect.objectContaining({ id: "integration-guard", entry: "integration-guard lint --staged", language: "node", pass_filenames: false }),
    ]);
  });
});
