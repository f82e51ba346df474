/**
 * `lint [paths|globs]` over real directory trees: .gitignore at every level, skipped directories,
 * binary, huge and unreadable files, explicit files, globs, and the worker pool on a large tree.
 */
import { spawnSync } from "node:child_process";
import { chmodSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, CLEAN_SQL, git, gitRepo, lint, lintJson, tempDir, VIOLATION_SQL, where, write } from "../lint/helpers.js";

const TABLE = "no-cloud-provider-integrations-table";

describe("lint over a tree", () => {
  it("honours .gitignore at every level and .git/info/exclude, and skips dependencies and build output", () => {
    const repo = gitRepo();
    write(repo, ".gitignore", "generated/\n*.local.sql\n");
    write(repo, "pkg/.gitignore", "fixtures/\n!keep.local.sql\n");
    write(repo, ".git/info/exclude", "scratch.sql\n");
    for (const file of [
      "src/a.sql",
      "pkg/src/b.sql",
      "pkg/keep.local.sql",
      "generated/x.sql",
      "x.local.sql",
      "pkg/fixtures/y.sql",
      "scratch.sql",
      "node_modules/dep/z.sql",
      "pkg/node_modules/dep/z.sql",
      "dist/out.sql",
      "build/out.sql",
      ".next/out.sql",
      "out/out.sql",
      "coverage/out.sql",
    ]) {
      write(repo, file, VIOLATION_SQL);
    }
    write(repo, "docs/notes.md", VIOLATION_SQL); // no language: not checked
    const out = lintJson(repo);
    expect(out.code).toBe(1);
    expect(where(out)).toEqual([`pkg/keep.local.sql:1 ${TABLE}`, `pkg/src/b.sql:1 ${TABLE}`, `src/a.sql:1 ${TABLE}`]);
    // A subdirectory still honours the root .gitignore.
    expect(where(lintJson(join(repo, "pkg")))).toEqual([`keep.local.sql:1 ${TABLE}`, `src/b.sql:1 ${TABLE}`]);
    expect(where(lintJson(repo, ["pkg"]))).toEqual([`pkg/keep.local.sql:1 ${TABLE}`, `pkg/src/b.sql:1 ${TABLE}`]);
  });

  it("checks a file named explicitly even when ignored, and filters globs", () => {
    const repo = gitRepo();
    write(repo, ".gitignore", "generated/\n");
    write(repo, "generated/x.sql", VIOLATION_SQL);
    write(repo, "src/a.sql", VIOLATION_SQL);
    write(repo, "src/deep/b.sql", VIOLATION_SQL);
    write(repo, "other/c.sql", VIOLATION_SQL);
    expect(where(lintJson(repo, ["generated/x.sql"]))).toEqual([`generated/x.sql:1 ${TABLE}`]);
    expect(where(lintJson(repo, ["src/**/*.sql"]))).toEqual([`src/a.sql:1 ${TABLE}`, `src/deep/b.sql:1 ${TABLE}`]);
    expect(where(lintJson(repo, ["**/b.sql", "other"]))).toEqual([`other/c.sql:1 ${TABLE}`, `src/deep/b.sql:1 ${TABLE}`]);
  });

  it("works outside a git repository", () => {
    const dir = tempDir();
    write(dir, ".gitignore", "ignored.sql\n");
    write(dir, "ignored.sql", VIOLATION_SQL);
    write(dir, "a.sql", VIOLATION_SQL);
    expect(where(lintJson(dir))).toEqual([`a.sql:1 ${TABLE}`]);
  });

  it("reports binary, huge and unreadable files in errors without stopping", () => {
    const dir = tempDir();
    write(dir, "a.sql", VIOLATION_SQL);
    write(dir, "video.ts", new Uint8Array([0x47, 0x40, 0x00, 0x10, 0x00, 0x00]));
    write(dir, "huge.sql", `${CLEAN_SQL}${"-- padding padding padding padding\n".repeat(70_000)}${VIOLATION_SQL}`);
    const locked = write(dir, "locked.sql", VIOLATION_SQL);
    chmodSync(locked, 0o000);
    const out = lintJson(dir);
    expect(out.code).toBe(1);
    expect(where(out).filter((w) => !w.startsWith("locked.sql"))).toEqual([`a.sql:1 ${TABLE}`]);
    const errors = new Map(out.errors.map((e) => [e.file, e.message]));
    expect(errors.get("video.ts")).toMatch(/binary/);
    expect(errors.get("huge.sql")).toMatch(/2 MB/);
    // root reads any file: the unreadable case only exists for other users.
    if (process.getuid?.() !== 0) expect(errors.get("locked.sql")).toMatch(/EACCES/);
    // Text format: the errors go to stderr, the findings to stdout.
    const text = lint(dir);
    expect(text.stderr).toContain("huge.sql");
    expect(text.stdout).not.toContain("huge.sql");
    chmodSync(locked, 0o644);
  });

  it("a FIFO named on the command line is reported, never read (reading one would wait forever)", () => {
    const dir = tempDir();
    write(dir, "a.sql", VIOLATION_SQL);
    expect(spawnSync("mkfifo", [join(dir, "pipe.sql")]).status).toBe(0);
    const out = lintJson(dir, ["pipe.sql", "a.sql"]);
    expect(out.code).toBe(1);
    expect(where(out)).toEqual([`a.sql:1 ${TABLE}`]);
    expect(out.errors.map((e) => e.file)).toEqual(["pipe.sql"]);
  });

  it("checks a file that does not parse with error recovery and reports it in errors (JSON) and on stderr (text)", () => {
    const dir = tempDir();
    write(dir, "bad.ts", `export const a = await supabase.from("cloud_provider_integrations").select("*");\nfunction broken( {\n`);
    const out = lintJson(dir);
    expect(where(out)).toEqual([`bad.ts:1 ${TABLE}`]);
    expect(out.errors).toEqual([{ file: "bad.ts", message: expect.stringMatching(/did not parse/) }]);
    expect(out.errors[0]!.message.startsWith("bad.ts")).toBe(false);
    const text = lint(dir);
    expect(text.stderr).toMatch(/bad\.ts: did not parse/);
  });

  it("fails with a usage error for a path that does not exist", () => {
    const dir = tempDir();
    const run = lint(dir, ["nope"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("nope");
  });

  it("gives the same result with worker threads as in one thread on a large tree", () => {
    const repo = gitRepo();
    for (let i = 0; i < 260; i++) write(repo, `src/m${String(i).padStart(3, "0")}.sql`, i % 13 === 0 ? CLEAN_SQL + VIOLATION_SQL : CLEAN_SQL);
    write(repo, "src/bin.sql", new Uint8Array([0, 1, 2]));
    git(repo, "add", ".");
    const single = lintJson(repo, ["--jobs", "1"]);
    const pooled = lintJson(repo, ["--jobs", "2"]);
    const auto = lintJson(repo);
    expect(single.findings).toHaveLength(20);
    expect(pooled.stdout).toBe(single.stdout);
    expect(auto.stdout).toBe(single.stdout);
    expect(pooled.errors.map((e) => e.file)).toEqual(["src/bin.sql"]);
    // stderr is a pipe here: no progress bar.
    expect(auto.stderr).toBe("");
    // On a terminal the bar shows on stderr (script(1) gives the child a pty).
    if (spawnSync("script", ["--version"]).status === 0) {
      const tty = spawnSync("script", ["-qec", `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} lint --format json`, "/dev/null"], {
        cwd: repo,
        encoding: "utf8",
      });
      expect(tty.stdout).toMatch(/\] 261\/261 files/);
    }
    // The staged path goes through the same pool.
    expect(lintJson(repo, ["--staged", "--jobs", "2"]).stdout).toBe(single.stdout);
  });
});
