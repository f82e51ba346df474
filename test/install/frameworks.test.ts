/**
 * The commit-time check through the real hook managers users have, installed from the registry:
 * - the pre-commit framework (Debian's `pre-commit`, which .ci/run installs), from this repository's
 *   .pre-commit-hooks.yaml, as a user's `.pre-commit-config.yaml` pointing at a clone of it;
 * - husky and lint-staged at their current majors, with the packed package installed into a fresh
 *   project with `--ignore-scripts` and registered by `integration-guard install`.
 * In each, a commit staging a violation is refused (the rule ids are in the output) and a clean
 * commit goes through. Slow (npm installs), so every test here has its own long timeout.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const CHECKOUT = join(import.meta.dirname, "..", "..");
const HUSKY = "husky@9";
const LINT_STAGED = "lint-staged@17";
/** lint-staged 17's engines field. */
const LINT_STAGED_NODE = [22, 22, 1];
const MINUTES = 60_000;

const VIOLATION = JSON.parse(readFileSync(join(CHECKOUT, "examples/payloads/write-violation.json"), "utf8")).tool_input.content as string;
const CLEAN = JSON.parse(readFileSync(join(CHECKOUT, "examples/payloads/write-clean.json"), "utf8")).tool_input.content as string;
const VIOLATED_RULES = ["no-service-role-client-for-integrations", "no-integration-status-write"];

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** npm reads its cache first: the registry is reached only for what the cache lacks. */
const ENV = {
  ...process.env,
  NO_COLOR: "1",
  npm_config_prefer_offline: "true",
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
  GIT_AUTHOR_NAME: "test",
  GIT_AUTHOR_EMAIL: "test@example.invalid",
  GIT_COMMITTER_NAME: "test",
  GIT_COMMITTER_EMAIL: "test@example.invalid",
};

function run(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = ENV): { status: number | null; output: string } {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", timeout: 15 * MINUTES });
  return { status: result.status, output: `${result.stdout}${result.stderr}${result.error ? String(result.error) : ""}` };
}

function mustRun(cwd: string, command: string, args: string[], env?: NodeJS.ProcessEnv): string {
  const result = run(cwd, command, args, env);
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${result.status}):\n${result.output}`);
  return result.output;
}

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

function newGitRepo(prefix: string): string {
  const root = tempDir(prefix);
  mustRun(root, "git", ["init", "--quiet", "--initial-branch=main"]);
  return root;
}

const commitCount = (root: string): number => Number(run(root, "git", ["rev-list", "--count", "--all"]).output.trim() || 0);

/**
 * Stages a violation and expects the commit refused, naming the rules; then unstages it, stages a
 * clean file and expects that commit to go through.
 */
function expectViolationRefusedAndCleanCommitted(root: string, env?: NodeJS.ProcessEnv): void {
  const before = commitCount(root);
  write(root, "src/lib/new-status.ts", VIOLATION);
  mustRun(root, "git", ["add", "src/lib/new-status.ts"]);
  const refused = run(root, "git", ["commit", "-m", "violation"], env);
  expect(refused.status, refused.output).not.toBe(0);
  for (const rule of VIOLATED_RULES) expect(refused.output).toContain(rule);
  expect(refused.output).toContain("src/lib/new-status.ts");
  expect(commitCount(root)).toBe(before);

  mustRun(root, "git", ["rm", "--cached", "--quiet", "src/lib/new-status.ts"]);
  rmSync(join(root, "src/lib/new-status.ts"));
  // A new file each time: the same content again would leave nothing to commit.
  const clean = `src/lib/status-${before}.ts`;
  write(root, clean, CLEAN);
  mustRun(root, "git", ["add", clean]);
  const committed = run(root, "git", ["commit", "-m", "clean"], env);
  expect(committed.status, committed.output).toBe(0);
  expect(commitCount(root)).toBe(before + 1);
}

/** A git repository holding this checkout's files as they are now (tracked and new, not ignored). */
function cloneOfThisRepository(): { path: string; sha: string } {
  const path = newGitRepo("ig-guard-clone-");
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: CHECKOUT, encoding: "utf8" })
    .split("\0")
    .filter((file) => file !== "" && existsSync(join(CHECKOUT, file)));
  for (const file of files) cpSync(join(CHECKOUT, file), join(path, file), { recursive: true });
  mustRun(path, "git", ["add", "-A"]);
  mustRun(path, "git", ["commit", "--quiet", "--no-verify", "-m", "snapshot"]);
  return { path, sha: mustRun(path, "git", ["rev-parse", "HEAD"]).trim() };
}

const preCommitVersion = run(CHECKOUT, "pre-commit", ["--version"]);
const hasPreCommit = preCommitVersion.status === 0;
if (!hasPreCommit) {
  process.stderr.write("SKIPPED: the pre-commit framework tests: `pre-commit` is not installed (.ci/run installs Debian's with apt-get)\n");
}

describe.skipIf(!hasPreCommit)(`the pre-commit framework (${preCommitVersion.output.trim()})`, () => {
  it(
    "installs the hook from a clone of this repository's manifest; refuses a staged violation, passes a clean commit",
    () => {
      const guard = cloneOfThisRepository();
      const app = newGitRepo("ig-pre-commit-app-");
      write(app, ".pre-commit-config.yaml", `repos:\n  - repo: ${guard.path}\n    rev: ${guard.sha}\n    hooks:\n      - id: integration-guard\n`);
      // Its own cache, so the hook environment is built from this clone, not reused from another run.
      const env = { ...ENV, PRE_COMMIT_HOME: tempDir("ig-pre-commit-home-") };
      mustRun(app, "pre-commit", ["install"], env);
      mustRun(app, "pre-commit", ["install-hooks"], env);
      expectViolationRefusedAndCleanCommitted(app, env);
    },
    30 * MINUTES,
  );
});

const [major, minor, patch] = process.versions.node.split(".").map(Number) as [number, number, number];
const lintStagedRuns = major * 1e6 + minor * 1e3 + patch >= LINT_STAGED_NODE[0]! * 1e6 + LINT_STAGED_NODE[1]! * 1e3 + LINT_STAGED_NODE[2]!;

describe("husky and lint-staged, with the packed package installed without scripts", () => {
  let project: string;
  const guard = (...args: string[]) => mustRun(project, process.execPath, [join(project, "node_modules/integration-guard/dist/integration-guard.cjs"), ...args]);

  it(
    `husky (${HUSKY}): install --git adds the check to .husky/pre-commit, which refuses a violation`,
    () => {
      const packed = tempDir("ig-packed-");
      // --ignore-scripts: pack the dist/ this test run uses, without rebuilding it under other tests.
      const tarball = mustRun(CHECKOUT, "npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", packed]).trim().split("\n").pop()!;
      project = newGitRepo("ig-husky-");
      write(project, "package.json", `${JSON.stringify({ name: "app", private: true }, null, 2)}\n`);
      const packages = [join(packed, tarball), HUSKY, ...(lintStagedRuns ? [LINT_STAGED] : [])];
      mustRun(project, "npm", ["install", "--ignore-scripts", "--save-dev", ...packages]);
      mustRun(project, "npx", ["--no-install", "husky", "init"]);
      // husky init's sample hook runs `npm test`, which this project does not have.
      write(project, ".husky/pre-commit", "");
      guard("install", "--git");
      expect(readFileSync(join(project, ".husky/pre-commit"), "utf8")).toContain("lint --staged");
      expectViolationRefusedAndCleanCommitted(project);
    },
    15 * MINUTES,
  );

  it.skipIf(!lintStagedRuns)(
    `lint-staged (${LINT_STAGED}, run by husky): install --lint-staged adds the check, which refuses a violation`,
    () => {
      guard("uninstall", "--git");
      write(project, ".husky/pre-commit", "lint-staged\n");
      guard("install", "--lint-staged");
      expect(JSON.stringify(JSON.parse(readFileSync(join(project, "package.json"), "utf8"))["lint-staged"])).toContain("integration-guard lint");
      expectViolationRefusedAndCleanCommitted(project);
    },
    5 * MINUTES,
  );
  if (!lintStagedRuns) process.stderr.write(`SKIPPED: ${LINT_STAGED} needs Node >= ${LINT_STAGED_NODE.join(".")}; this is ${process.versions.node}\n`);
});
