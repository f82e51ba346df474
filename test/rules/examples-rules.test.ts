/**
 * The example team rules (examples/rules/): each loads with the repository's rule loader, and
 * every one of its examples holds against the engine: a valid example gets no finding of that
 * rule, an invalid one gets findings on exactly the lines it lists. Run one `it` per rule, so a
 * failure names the rule and the example (kind, index, file) that broke.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runRuleExamples } from "../../src/engine/rule-examples.js";
import { loadRuleDirectory, parseRuleText } from "../../src/rules/load.js";
import type { Rule } from "../../src/rules/schema.js";

const EXAMPLES_DIR = fileURLToPath(new URL("../../examples/rules", import.meta.url));
const DOCS = fileURLToPath(new URL("../../docs/rules.md", import.meta.url));
const { rules, files } = await loadRuleDirectory(EXAMPLES_DIR);

describe("examples/rules: the files themselves", () => {
  it("holds at least six rules, and between them every general matcher kind", () => {
    expect(rules.length).toBeGreaterThanOrEqual(6);
    const kinds = new Set(rules.flatMap((r) => r.match.map((m) => m.kind)));
    for (const kind of ["import", "call", "member", "jsx-attribute", "string", "pattern"] as const) expect(kinds, kind).toContain(kind);
  });

  it("names every file after its rule id, and lists every rule in examples/rules/README.md", () => {
    const readme = readFileSync(`${EXAMPLES_DIR}/README.md`, "utf8");
    for (const rule of rules) {
      expect(files.get(rule.id)).toMatch(new RegExp(`/${rule.id}\\.ya?ml$`));
      expect(readme, rule.id).toContain(`(${rule.id}.yaml)`);
    }
  });

  // An invalid example without `lines` would pass with a finding anywhere: these must say where.
  it("gives every example a realistic path and every invalid example its lines", () => {
    for (const rule of rules) {
      for (const example of [...rule.examples.valid, ...rule.examples.invalid]) {
        expect(example.file, `${rule.id}: an example without file`).toMatch(/^[a-z]+\/[\w./-]+\.(tsx?|jsx?|py)$/);
      }
      for (const [i, example] of rule.examples.invalid.entries()) {
        expect(example.lines?.length, `${rule.id}: invalid example ${i} has no lines`).toBeGreaterThan(0);
        const lineCount = example.code.split("\n").length;
        for (const line of example.lines ?? []) expect(line, `${rule.id}: invalid example ${i}`).toBeLessThanOrEqual(lineCount);
      }
      expect(rule.examples.invalid.length, rule.id).toBeGreaterThanOrEqual(4);
      expect(rule.examples.valid.length, rule.id).toBeGreaterThanOrEqual(3);
    }
  });
});

describe("examples/rules: every example holds", () => {
  for (const rule of rules) {
    it(rule.id, async () => {
      const report = await runRuleExamples(rule);
      expect(report.failures).toEqual([]);
      expect(report.examples).toBe(rule.examples.valid.length + rule.examples.invalid.length);
    });
  }
});

/**
 * docs/rules.md teaches by YAML: every block that is a whole rule must load, and every block
 * that is a `match:` list must be valid matchers, so the docs never show a field the schema
 * refuses. Whole rules with examples are run like the example files.
 */
describe("docs/rules.md: its YAML is valid rule data", () => {
  const blocks = [...readFileSync(DOCS, "utf8").matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);

  it("has YAML blocks to check", () => expect(blocks.length).toBeGreaterThanOrEqual(10));

  blocks.forEach((block, i) => {
    const text = wholeRule(block);
    const id = /^id: ([a-z0-9-]+)/m.exec(block)?.[1] ?? "matchers";
    if (text === undefined) return;
    it(`block ${i + 1} (${id})`, async () => {
      const parsed = await parseRuleText(`docs/rules.md#${i + 1}.yaml`, text);
      expect(parsed.ok ? [] : parsed.problems).toEqual([]);
      const rule = (parsed as { rule: Rule }).rule;
      if (block.includes("\nexamples:")) expect((await runRuleExamples(rule)).failures).toEqual([]);
    });
  });
});

/** A YAML block as a whole rule file: itself when it is one, wrapped when it is a `match:` list. */
function wholeRule(block: string): string | undefined {
  if (/^id: /m.test(block)) return block;
  if (!/^match:\n/m.test(block) || /^(project|packs|rules|\$)/m.test(block)) return undefined;
  return [
    "id: docs-snippet",
    "severity: block",
    "languages: [typescript, javascript, python]",
    'message: "docs snippet"',
    'help: "docs snippet"',
    block.slice(block.indexOf("match:")).trimEnd(),
    "examples:",
    "  valid: [{ code: \"x\" }]",
    "  invalid: [{ code: \"x\" }]",
    "",
  ].join("\n");
}
