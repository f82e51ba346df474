/** Runs the built binary (dist/integration-setup.mjs) as a real process; stdin is a pipe, not a TTY. */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// INTEGRATION_SETUP_BIN points at another build of the same entry (e.g. while dist/ is being rebuilt).
export const BIN = process.env.INTEGRATION_SETUP_BIN ?? join(import.meta.dirname, "../../dist/integration-setup.mjs");

// What the CLI keeps between runs (its ledger, docs/integration-setup.md) goes to a temp dir, never
// to the developer's home.
const STATE_DIR = mkdtempSync(join(tmpdir(), "integration-setup-state-"));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The argv the process was started with, to show no secret was in it. */
  argv: string[];
}

/**
 * A clean environment: only what the test gives, plus where programs and modules are found (PATH,
 * and NODE_PATH, where .ci/run puts better-sqlite3 on Node 20), so a developer's own key never leaks in.
 */
export function cleanEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? "", ...(process.env.NODE_PATH ? { NODE_PATH: process.env.NODE_PATH } : {}), ...env };
}

export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<CliResult> {
  const argv = [BIN, ...args];
  const env = cleanEnv({ INTEGRATION_SETUP_STATE_DIR: STATE_DIR, ...options.env });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, argv }));
    child.stdin.end(options.input ?? "");
  });
}
