/** `integration-guard lint` flags and exit codes: usage errors are clear and exit 2, never a crash. */
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lint, lintJson, ROOT, tempDir, VIOLATION_SQL, where, write } from "./helpers.js";

describe("lint command line", () => {
  it.each([
    [["--bogus"], /--bogus/],
    [["--format", "xml"], /xml/],
    [["--format"], /format/],
    [["--jobs", "0"], /--jobs/],
    [["--jobs", "many"], /--jobs/],
    [["--update-baseline"], /--baseline/],
    [["--rules", "no-such-dir"], /no-such-dir/],
  ])("%j is a usage error (exit 2, message on stderr, nothing on stdout)", (args, message) => {
    const dir = tempDir();
    write(dir, "a.sql", VIOLATION_SQL);
    const run = lint(dir, args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/internal error:|\.mjs:\d+/);
    expect(run.stdout).toBe("");
  });

  it("--help prints usage on stderr and exits 0", () => {
    const run = lint(tempDir(), ["--help"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("--staged");
    expect(run.stdout).toBe("");
  });

  it("--rules DIR replaces the built-in rules", () => {
    const dir = tempDir();
    write(dir, "a.sql", VIOLATION_SQL + "UPDATE organizations SET integration_openai_status = $1;\n");
    const rules = join(dir, "my-rules");
    mkdirSync(rules);
    copyFileSync(join(ROOT, "rules", "no-integration-status-write.yaml"), join(rules, "only.yaml"));
    expect(where(lintJson(dir, ["--rules", rules]))).toEqual(["a.sql:2 no-integration-status-write"]);
    expect(where(lintJson(dir))).toEqual(["a.sql:1 no-cloud-provider-integrations-table", "a.sql:2 no-integration-status-write"]);
  });
});
