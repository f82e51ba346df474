/**
 * A file too large to parse (over MAX_DOCUMENT_BYTES) still answers to team rules: each place a
 * rule's word appears is a finding of that rule (engine/check.ts tooLargeForFacts), so padding a
 * file past the limit is no way around them; and the hook blocks only the words a call adds.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MAX_DOCUMENT_BYTES } from "../../src/core/limits.js";
import { checkDocument } from "../../src/engine/check.js";
import { compileRules } from "../../src/rules/compile.js";
import { loadRuleDirectory } from "../../src/rules/load.js";
import { BIN } from "../install/repo.js";

const EXAMPLES_DIR = fileURLToPath(new URL("../../examples/rules", import.meta.url));
const rules = compileRules((await loadRuleDirectory(EXAMPLES_DIR)).rules.map(({ examples, ...rule }) => rule));

/** Plain declarations past the parse limit: no rule's word in them. */
const padding = (lines = Math.ceil(MAX_DOCUMENT_BYTES / 24) + 10) => Array.from({ length: lines }, (_, i) => `export const v${i} = ${i};\n`).join("");

describe("team rules on a file too large to parse", () => {
  it("reports each place a rule's word appears, with the rule's id and position", async () => {
    const pad = padding();
    const lines = pad.split("\n").length - 1;
    const text = `${pad}import OpenAI from "openai";\nexport const client = new OpenAI();\n`;
    expect(text.length).toBeGreaterThan(MAX_DOCUMENT_BYTES);
    const { findings } = await checkDocument({ path: "src/features/chat/big.ts", text, language: "typescript" }, rules);
    const openai = findings.filter((f) => f.ruleId === "no-direct-openai");
    expect(openai.map((f) => [f.line, f.column])).toEqual([
      [lines + 1, 8],
      [lines + 1, 21],
      [lines + 2, 27],
    ]);
    expect(openai.every((f) => f.severity === "block")).toBe(true);
  });

  it("reports nothing when no rule's word is there", async () => {
    const text = `${padding()}export const done = true;\n`;
    const { findings } = await checkDocument({ path: "src/features/chat/big.ts", text, language: "typescript" }, rules);
    expect(findings).toEqual([]);
  });

  it("respects the rule's ignore globs", async () => {
    const text = `${padding()}export const client = new OpenAI();\n`;
    const { findings } = await checkDocument({ path: "src/gateway/big.ts", text, language: "typescript" }, rules, { projectRoot: process.cwd() });
    expect(findings.filter((f) => f.ruleId === "no-direct-openai")).toEqual([]);
  });

  it("the hook denies a padded Write that adds the word, and allows an Edit that adds none to a file that has it", () => {
    const dir = mkdtempSync(join(tmpdir(), "ig-oversized-"));
    spawnSync("git", ["init", "-q"], { cwd: dir });
    const hook = (payload: object) =>
      spawnSync(process.execPath, [BIN, "hook", "--rules", EXAMPLES_DIR], { input: JSON.stringify(payload), encoding: "utf8", env: { ...process.env, INTEGRATION_GUARD_DAEMON: "0" } });
    const file = join(dir, "src", "big.ts");
    const content = `${padding()}export const client = new OpenAI();\n`;
    const write = hook({ hook_event_name: "PreToolUse", cwd: dir, tool_name: "Write", tool_input: { file_path: file, content } });
    expect(write.stdout).toContain('"deny"');
    expect(write.stdout).toContain("no-direct-openai");

    spawnSync("mkdir", ["-p", join(dir, "src")]);
    writeFileSync(file, content);
    const edit = hook({ hook_event_name: "PreToolUse", cwd: dir, tool_name: "Edit", tool_input: { file_path: file, old_string: "export const v1 = 1;", new_string: "export const v1 = 2;" } });
    expect(edit.status).toBe(0);
    expect(edit.stdout).not.toContain('"deny"');
  });
});
