/**
 * One project root for rule globs and resolved imports (src/languages/project-root.ts): the git
 * work tree a file is in (a `.git` folder or file), else the caller's fallback. Real folders.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gitWorkTreeRoot, projectPath, projectRootOf } from "../../src/languages/project-root.js";

const base = realpathSync(mkdtempSync(join(tmpdir(), "ig-project-root-")));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe("project root", () => {
  it("the nearest folder with .git (a folder, or a worktree's .git file), from a file whose folder need not exist", () => {
    const repo = join(base, "repo");
    mkdirSync(join(repo, ".git"), { recursive: true });
    // A package.json below the work tree root does not make a root of its own.
    mkdirSync(join(repo, "packages", "web"), { recursive: true });
    writeFileSync(join(repo, "packages", "web", "package.json"), "{}");
    expect(projectRootOf(join(repo, "packages", "web", "src", "new", "a.ts"))).toBe(repo);
    expect(gitWorkTreeRoot(join(repo, "packages", "web"))).toBe(repo);

    const worktree = join(base, "worktree");
    mkdirSync(join(worktree, "src"), { recursive: true });
    writeFileSync(join(worktree, ".git"), "gitdir: /elsewhere/.git/worktrees/w\n");
    expect(projectRootOf(join(worktree, "src", "b.py"))).toBe(worktree);
  });

  it("outside any work tree: the caller's fallback, by default the process's cwd", () => {
    const loose = join(base, "loose");
    mkdirSync(loose);
    writeFileSync(join(loose, "package.json"), "{}");
    // The temp folder has no .git above it (as the Python import tests also assume).
    expect(gitWorkTreeRoot(loose)).toBeUndefined();
    expect(projectRootOf(join(loose, "a.ts"), "/fallback")).toBe("/fallback");
    expect(projectRootOf(join(loose, "a.ts"))).toBe(process.cwd());
  });

  it("project paths use / whatever the platform", () => {
    expect(projectPath(join(base, "repo"), join(base, "repo", "src", "db", "q.ts"))).toBe("src/db/q.ts");
  });
});
