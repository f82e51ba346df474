/**
 * Test helpers for lint: real temp directories, real git repositories, and the built binary
 * (dist/integration-guard.cjs) spawned the way a user or a pre-commit hook runs it.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
// IG_BIN: a private copy of dist/ while others rebuild the shared checkout (default: dist/).
export const BIN = process.env.IG_BIN ?? join(ROOT, "dist", "integration-guard.cjs");

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function lint(cwd: string, args: readonly string[] = [], env: NodeJS.ProcessEnv = {}): Run {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`node scripts/build.mjs\` first`);
  const result = spawnSync(process.execPath, [BIN, "lint", ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "", ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface JsonOutput {
  findings: Array<{ ruleId: string; severity: string; file: string; line: number; column: number; endLine: number; endColumn: number; message: string }>;
  errors: Array<{ file: string; message: string }>;
}

export function lintJson(cwd: string, args: readonly string[] = []): JsonOutput & Run {
  const run = lint(cwd, ["--format", "json", ...args]);
  let parsed: JsonOutput;
  try {
    parsed = JSON.parse(run.stdout) as JsonOutput;
  } catch {
    throw new Error(`lint did not print JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
  return { ...run, ...parsed };
}

/** `file:line ruleId` of every finding, sorted: what most assertions compare. */
export function where(out: JsonOutput): string[] {
  return out.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`).sort();
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = "ig-lint-"): string {
  // realpath: macOS /var -> /private/var would otherwise break relative paths.
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  made.push(dir);
  return dir;
}

export function write(dir: string, rel: string, content: string | Uint8Array): string {
  const file = join(dir, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export function gitRepo(): string {
  const dir = tempDir("ig-git-");
  git(dir, "init", "-q", "-b", "main");
  git(dir, "config", "user.email", "test@example.com");
  git(dir, "config", "user.name", "Test");
  git(dir, "config", "commit.gpgsign", "false");
  return dir;
}

/** SQL that the built-in rules flag (no-cloud-provider-integrations-table), one statement per line. */
export const VIOLATION_SQL = "SELECT provider FROM cloud_provider_integrations WHERE org_id = $1;\n";
export const CLEAN_SQL = "SELECT id, name FROM organizations WHERE id = $1;\n";
