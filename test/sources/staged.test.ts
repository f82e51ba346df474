/**
 * `lint --staged` checks what the index holds, in real git repositories: partial staging,
 * renames, copies, deletions, no commits yet, linked worktrees, odd path names.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, CLEAN_SQL, git, gitRepo, lint, lintJson, tempDir, VIOLATION_SQL, where, write } from "../lint/helpers.js";

const TABLE = "no-cloud-provider-integrations-table";

describe("lint --staged", () => {
  it("checks the staged content, not the working tree (staged violation, cleaned in the worktree)", () => {
    const repo = gitRepo();
    write(repo, "db/q.sql", CLEAN_SQL);
    git(repo, "add", ".");
    git(repo, "commit", "-qm", "init");
    write(repo, "db/q.sql", CLEAN_SQL + VIOLATION_SQL);
    git(repo, "add", "db/q.sql");
    write(repo, "db/q.sql", CLEAN_SQL); // cleaned on disk, not staged
    const out = lintJson(repo, ["--staged"]);
    expect(out.code).toBe(1);
    expect(where(out)).toEqual([`db/q.sql:2 ${TABLE}`]);
    // Plain lint reads the working tree: clean.
    expect(lintJson(repo, []).findings).toEqual([]);
  });

  it("passes when the violation is only in the working tree, not staged", () => {
    const repo = gitRepo();
    write(repo, "q.sql", CLEAN_SQL);
    git(repo, "add", ".");
    git(repo, "commit", "-qm", "init");
    write(repo, "q.sql", CLEAN_SQL + VIOLATION_SQL);
    const out = lintJson(repo, ["--staged"]);
    expect(out.code).toBe(0);
    expect(out.findings).toEqual([]);
    expect(lintJson(repo, []).code).toBe(1);
  });

  it("works before the first commit", () => {
    const repo = gitRepo();
    write(repo, "a.sql", VIOLATION_SQL);
    write(repo, "b.sql", CLEAN_SQL);
    git(repo, "add", ".");
    const out = lintJson(repo, ["--staged"]);
    expect(out.code).toBe(1);
    expect(where(out)).toEqual([`a.sql:1 ${TABLE}`]);
  });

  it("checks renamed and copied files under their new names and ignores deletions", () => {
    const repo = gitRepo();
    const legacy = `-- legacy\n${VIOLATION_SQL}${"SELECT 1;\n".repeat(20)}`;
    write(repo, "old.sql", legacy);
    write(repo, "gone.sql", VIOLATION_SQL);
    git(repo, "add", ".");
    git(repo, "commit", "-qm", "init");
    git(repo, "mv", "old.sql", "renamed.sql");
    git(repo, "rm", "-q", "gone.sql");
    write(repo, "renamed.sql", `${legacy}SELECT 2;\n`);
    write(repo, "copy.sql", legacy);
    git(repo, "add", "-A");
    const status = git(repo, "diff", "--cached", "--name-status", "--find-renames", "--find-copies");
    expect(status).toMatch(/^R\d+\told\.sql\trenamed\.sql$/m);
    expect(status).toMatch(/^D\tgone\.sql$/m);
    const out = lintJson(repo, ["--staged"]);
    expect(out.code).toBe(1);
    expect(where(out)).toEqual([`copy.sql:2 ${TABLE}`, `renamed.sql:2 ${TABLE}`]);
    expect(out.errors).toEqual([]);
  });

  it("checks a copy (C status) under its new name", () => {
    const repo = gitRepo();
    const legacy = `-- legacy\n${VIOLATION_SQL}${"SELECT 1;\n".repeat(20)}`;
    write(repo, "base.sql", legacy);
    git(repo, "add", ".");
    git(repo, "commit", "-qm", "init");
    write(repo, "copy.sql", legacy);
    write(repo, "base.sql", `${legacy}SELECT 2;\n`);
    git(repo, "add", "-A");
    expect(git(repo, "diff", "--cached", "--name-status", "--find-copies")).toMatch(/^C\d+\tbase\.sql\tcopy\.sql$/m);
    expect(where(lintJson(repo, ["--staged"]))).toEqual([`base.sql:2 ${TABLE}`, `copy.sql:2 ${TABLE}`]);
  });

  it("handles spaces, quotes and unicode in paths, and reports paths relative to a subdirectory", () => {
    const repo = gitRepo();
    write(repo, "my dir/ünïcødé q.sql", VIOLATION_SQL);
    write(repo, 'sub/it\'s "quoted".sql', VIOLATION_SQL);
    git(repo, "add", ".");
    expect(where(lintJson(repo, ["--staged"]))).toEqual([`my dir/ünïcødé q.sql:1 ${TABLE}`, `sub/it's "quoted".sql:1 ${TABLE}`]);
    // From a subdirectory: paths relative to it, pathspecs relative to it.
    const sub = lintJson(join(repo, "sub"), ["--staged"]);
    expect(where(sub)).toEqual([`../my dir/ünïcødé q.sql:1 ${TABLE}`, `it's "quoted".sql:1 ${TABLE}`]);
    expect(where(lintJson(join(repo, "sub"), ["--staged", "."]))).toEqual([`it's "quoted".sql:1 ${TABLE}`]);
  });

  it("works in a linked worktree (its own index)", () => {
    const repo = gitRepo();
    write(repo, "q.sql", CLEAN_SQL);
    git(repo, "add", ".");
    git(repo, "commit", "-qm", "init");
    const worktree = join(tempDir(), "wt");
    git(repo, "worktree", "add", "-q", "-b", "feature", worktree);
    write(worktree, "q.sql", VIOLATION_SQL);
    git(worktree, "add", "q.sql");
    expect(where(lintJson(worktree, ["--staged"]))).toEqual([`q.sql:1 ${TABLE}`]);
    expect(lintJson(repo, ["--staged"]).findings).toEqual([]); // the main worktree's index is untouched
  });

  it("skips staged symlinks and files without a language, and reports binary and huge blobs", () => {
    const repo = gitRepo();
    write(repo, "README.md", "cloud_provider_integrations\n");
    write(repo, "blob.sql", new Uint8Array([0x53, 0x45, 0, 0x4c]));
    write(repo, "huge.sql", `${"-- padding padding padding padding\n".repeat(70_000)}${VIOLATION_SQL}`);
    // A symlink's blob is its target path; checked as SQL it would be a parse error in `errors`.
    write(repo, "cloud_provider_integrations.sql", CLEAN_SQL);
    symlinkSync("cloud_provider_integrations.sql", join(repo, "link.sql"));
    git(repo, "add", ".");
    expect(git(repo, "ls-files", "-s", "link.sql")).toMatch(/^120000 /);
    const out = lintJson(repo, ["--staged"]);
    expect(out.code).toBe(0);
    expect(out.findings).toEqual([]);
    expect(out.errors.map((e) => e.file).sort()).toEqual(["blob.sql", "huge.sql"]);
    expect(out.errors.find((e) => e.file === "huge.sql")?.message).toMatch(/2 MB/);
  });

  it("as a real pre-commit hook: blocks a staged violation, including `git commit <path>` (temporary index)", () => {
    const repo = gitRepo();
    write(repo, "a.sql", CLEAN_SQL);
    write(repo, "b.sql", CLEAN_SQL);
    git(repo, "add", ".");
    git(repo, "commit", "-qm", "init");
    const hook = write(repo, ".git/hooks/pre-commit", `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} lint --staged >&2\n`);
    chmodSync(hook, 0o755);
    const commit = (...args: string[]) => spawnSync("git", ["commit", "-qm", "change", ...args], { cwd: repo, encoding: "utf8" });
    const head = () => git(repo, "rev-parse", "HEAD");
    const before = head();

    write(repo, "a.sql", CLEAN_SQL + VIOLATION_SQL);
    git(repo, "add", "a.sql");
    const blocked = commit();
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toContain("a.sql:2:");
    expect(head()).toBe(before);

    // `git commit b.sql` commits b.sql's working-tree content through a temporary index: the hook
    // must see that index (GIT_INDEX_FILE), not the real one where a.sql is staged.
    git(repo, "reset", "-q");
    write(repo, "a.sql", CLEAN_SQL);
    write(repo, "b.sql", CLEAN_SQL + VIOLATION_SQL);
    expect(commit("b.sql").status).not.toBe(0);
    expect(head()).toBe(before);
    write(repo, "b.sql", CLEAN_SQL + "SELECT 2;\n");
    write(repo, "a.sql", VIOLATION_SQL); // unstaged and not part of this commit
    expect(commit("b.sql").status).toBe(0);
    expect(head()).not.toBe(before);
  });

  it("fails with a usage error outside a git repository", () => {
    const dir = tempDir();
    const run = lint(dir, ["--staged"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/git/i);
    expect(run.stdout).toBe("");
  });
});
