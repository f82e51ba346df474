/** Where the project is, and where the guard's binary lives relative to it. */
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** `git <args>` in cwd: trimmed stdout, or undefined when git fails (not a repo, unset key...). */
export async function git(cwd: string, ...args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await run("git", args, { cwd, encoding: "utf8" });
    return stdout.trim();
  } catch {
    return undefined;
  }
}

/** The repository root (where Claude Code is started and git hooks run), or cwd outside git. */
export async function projectRoot(cwd: string): Promise<string> {
  return resolve((await git(cwd, "rev-parse", "--show-toplevel")) ?? cwd);
}

export const BIN_IN_PACKAGE = "dist/integration-guard.cjs";
export const BIN_IN_DEPENDENCY = `node_modules/integration-guard/${BIN_IN_PACKAGE}`;

/**
 * The guard's entry script relative to the project root: this repository's own dist/ when run
 * here, else the project's dependency. A global or npx copy is refused: its path is machine
 * specific (and npx's cache is temporary), so a committed settings file would break for others.
 */
export function guardScript(root: string): string | undefined {
  if (packageName(root) === "integration-guard") return BIN_IN_PACKAGE;
  if (existsSync(join(root, "node_modules", "integration-guard", "package.json"))) return BIN_IN_DEPENDENCY;
  return undefined;
}

function packageName(root: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name?: string }).name;
  } catch {
    return undefined;
  }
}

export const NOT_INSTALLED =
  "integration-guard is not a dependency of this project. Run `npm install --save-dev integration-guard` " +
  "(the hooks call node_modules/integration-guard/dist/integration-guard.cjs, never npx), then install again.";
