/**
 * Real Python parses: every construct in valid-syntax.ts gives no syntax note, and the adapter
 * still finds what it should inside the shapes that used to fail (a fixture with a bare yield,
 * a parenthesized `with`). The grammar in src/languages/python/grammar/ is generated: the
 * committed parser must be what the grammar file produces.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { extractPython } from "../../../src/languages/python/index.js";
import { VALID_PYTHON } from "./valid-syntax.js";

describe("valid Python 3.12 gives no syntax note", () => {
  for (const [name, text] of Object.entries(VALID_PYTHON)) {
    it(name, () => {
      expect(extractPython(text).parseErrors).toEqual([]);
    });
  }

  it("a syntax error is still reported", () => {
    expect(extractPython("def f(:\n    pass\n").parseErrors).toHaveLength(1);
  });
});

describe("facts inside shapes that used to be syntax errors", () => {
  it("a pytest fixture with a bare yield: the query after the yield is read", () => {
    const text = "@pytest.fixture\ndef org(sb):\n    yield\n    sb.table('cloud_provider_integrations').delete().execute()\n";
    const result = extractPython(text);
    expect(result.parseErrors).toEqual([]);
    const table = result.facts.find((f) => f.kind === "table");
    expect(table).toMatchObject({ name: ["cloud_provider_integrations"], access: "write", span: { start: text.indexOf("'cloud") } });
  });

  it("a parenthesized with: the names after `as` shadow outer constants", () => {
    const text = "T = 'cloud_provider_integrations'\nwith (open('a') as T, open('b') as U):\n    sb.table(T).select('*')\n";
    const result = extractPython(text);
    expect(result.parseErrors).toEqual([]);
    // T is rebound by the with statement: not the constant any more.
    expect(result.facts.find((f) => f.kind === "table")).toMatchObject({ name: ["\u0000"] });
  });

  it("a decorator call is a call (a function-call fact at its name)", () => {
    const text = "@save_integration_status(org)\ndef f():\n    pass\n";
    const calls = extractPython(text).facts.filter((f) => f.kind === "function-call");
    expect(calls).toContainEqual(expect.objectContaining({ name: "save_integration_status", span: { start: 1, end: 24 } }));
  });
});

describe("the committed parser is generated from the committed grammar", () => {
  it("lezer-generator output matches src/languages/python/grammar/parser.ts", () => {
    const root = fileURLToPath(new URL("../../../", import.meta.url));
    const grammar = join(root, "src/languages/python/grammar");
    const out = mkdtempSync(join(tmpdir(), "ig-grammar-"));
    try {
      const bin = join(root, "node_modules/.bin/lezer-generator");
      execFileSync(bin, ["--typeScript", join(grammar, "python.grammar"), "-o", join(out, "parser.ts")], { stdio: "pipe", timeout: 120_000 });
      expect(readFileSync(join(out, "parser.ts"), "utf8")).toBe(readFileSync(join(grammar, "parser.ts"), "utf8"));
      expect(readFileSync(join(out, "parser.terms.ts"), "utf8")).toBe(readFileSync(join(grammar, "parser.terms.ts"), "utf8"));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 180_000);
});
