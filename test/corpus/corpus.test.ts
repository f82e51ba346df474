/**
 * Real-looking code from before the migration (legacy/) and after it (clean/), linted through the
 * built CLI. Every expected finding is written in the corpus itself, on its line:
 *   `// expect: rule-id[, rule-id]` (`#` in Python, `--` in SQL).
 * The test demands exactly those (file, line, rule) triples: no missed finding, no extra one.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BIN } from "../helpers/hook.js";

const CORPUS = fileURLToPath(new URL(".", import.meta.url));
const EXPECT = /(?:\/\/|#|--)\s*expect:\s*([a-z0-9, -]+)$/;

function expectedTriples(dir: string): string[] {
  const triples: string[] = [];
  for (const name of readdirSync(join(CORPUS, dir))) {
    const lines = readFileSync(join(CORPUS, dir, name), "utf8").split("\n");
    lines.forEach((line, i) => {
      const ids = EXPECT.exec(line)?.[1];
      for (const id of ids?.split(",") ?? []) if (id.trim()) triples.push(`${dir}/${name}:${i + 1}:${id.trim()}`);
    });
  }
  return triples.sort();
}

function lintTriples(dir: string): { triples: string[]; errors: unknown[] } {
  const run = spawnSync(process.execPath, [BIN, "lint", "--format", "json", join(CORPUS, dir)], { encoding: "utf8", cwd: CORPUS, timeout: 60_000 });
  expect(run.status, run.stderr).not.toBe(2);
  const out = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; file: string; line: number }>; errors: unknown[] };
  const triples = out.findings.map((f) => `${relative(CORPUS, join(CORPUS, f.file)).split("\\").join("/")}:${f.line}:${f.ruleId}`);
  return { triples: [...new Set(triples)].sort(), errors: out.errors };
}

describe("corpus", () => {
  it("legacy code: every violation found, nothing else", () => {
    const { triples, errors } = lintTriples("legacy");
    expect(errors).toEqual([]);
    expect(triples).toEqual(expectedTriples("legacy"));
  });

  it("clean code that talks about integrations a lot: no finding at all", () => {
    const { triples, errors } = lintTriples("clean");
    expect(errors).toEqual([]);
    expect(triples).toEqual([]);
  });
});
