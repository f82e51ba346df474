/**
 * A user project for one test file: a copy of the installed template (global-setup.ts) in a path
 * with a space, a throwaway HOME (the developer's own agent settings never leak in), and the guard
 * registered by `npx integration-guard install --<agent>` alone, committed as a user would.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { inject } from "vitest";

export interface UserProject {
  /** The project root: `.../my project`. */
  root: string;
  /** The throwaway HOME the client runs with. */
  home: string;
  /** What `integration-guard install` printed (stdout and stderr). */
  installOutput: string;
  path(file: string): string;
  write(file: string, text: string): void;
  read(file: string): string;
  exists(file: string): boolean;
  git(...args: string[]): string;
  /** Puts src/ back as committed (between cases), leaving the registered hooks alone. */
  reset(): void;
  remove(): void;
}

const GIT_IDENTITY = ["-c", "user.name=Test", "-c", "user.email=test@example.com"];

export function makeUserProject(agent: "claude" | "gemini" | "codex"): UserProject {
  const base = mkdtempSync(join(tmpdir(), "ig-agents-"));
  const root = join(base, "my project");
  const home = join(base, "home");
  mkdirSync(home);
  // Symlinks as they are: node_modules/.bin links are relative.
  cpSync(inject("templateProject"), root, { recursive: true, verbatimSymlinks: true });
  const git = (...args: string[]) => execFileSync("git", [...GIT_IDENTITY, ...args], { cwd: root, encoding: "utf8" });
  const install = spawnSync("npx", ["--no", "integration-guard", "install", `--${agent}`], { cwd: root, encoding: "utf8", env: { ...process.env, HOME: home, NO_COLOR: "1" }, timeout: 120_000 });
  if (install.status !== 0) throw new Error(`integration-guard install --${agent} failed (${install.status}):\n${install.stdout}${install.stderr}`);
  git("add", "-A");
  git("commit", "-q", "-m", `integration-guard install --${agent}`);
  const project: UserProject = {
    root,
    home,
    installOutput: `${install.stdout}${install.stderr}`,
    path: (file) => join(root, file),
    write(file, text) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), text);
    },
    read: (file) => readFileSync(join(root, file), "utf8"),
    exists: (file) => existsSync(join(root, file)),
    git,
    reset() {
      git("checkout", "-q", "--", ".");
      git("clean", "-fdq", "--", "src");
    },
    remove: () => rmSync(base, { recursive: true, force: true }),
  };
  return project;
}
