/**
 * The built hook and daemon, for real: a dist/ snapshot (test/install/repo.ts), a private runtime
 * dir per test file (INTEGRATION_GUARD_RUNTIME_DIR), daemons started and stopped as processes.
 * Nothing waits on a clock to decide a result: waits poll for a state, then the test asserts it.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect } from "vitest";
import type { DaemonStatus } from "../../src/daemon/protocol.js";
import { BIN, removeRepos } from "../install/repo.js";

export { BIN };

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

const runtimes: string[] = [];
const daemons: ChildProcess[] = [];

afterAll(() => {
  for (const dir of runtimes) {
    // A daemon a client is still starting would miss the --stop: let it come up first.
    waitFor(() => !existsSync(dir) || !readdirSync(dir).some((name) => name.endsWith(".starting") && Date.now() - statSync(join(dir, name)).mtimeMs < 10_000));
    spawnSync(process.execPath, [BIN, "daemon", "--stop"], { env: envFor(dir), timeout: 10_000 });
    rmSync(dir, { recursive: true, force: true });
  }
  // Backstop for daemons a test killed or stopped itself: by pid, never by name.
  for (const child of daemons) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  removeRepos();
});

/** A fresh 0700 runtime dir (mkdtemp makes it 0700), removed after the file's tests. */
export function runtimeDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "ig-rt-"));
  runtimes.push(dir);
  return dir;
}

/** The env of a client using the daemon in `dir`; the idle timeout is a backstop for a failed afterAll. */
export function envFor(dir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...(process.env as Record<string, string>),
    NO_COLOR: "1",
    CLAUDE_PROJECT_DIR: "",
    GEMINI_PROJECT_DIR: "",
    CURSOR_PROJECT_DIR: "",
    INTEGRATION_GUARD_DAEMON: "1",
    INTEGRATION_GUARD_RUNTIME_DIR: dir,
    INTEGRATION_GUARD_DAEMON_IDLE_MS: "120000",
    ...extra,
  };
}

export function hook(stdin: string | object, env: Record<string, string>, options: { args?: string[]; cwd?: string } = {}): Run {
  const result = spawnSync(process.execPath, [BIN, "hook", ...(options.args ?? [])], {
    input: typeof stdin === "string" ? stdin : JSON.stringify(stdin),
    encoding: "utf8",
    timeout: 20_000,
    env,
    cwd: options.cwd,
  });
  return { status: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}

/** The same call with the daemon off: the reference answer. */
export function inProcess(stdin: string | object, env: Record<string, string>, options: { args?: string[]; cwd?: string } = {}): Run {
  return hook(stdin, { ...env, INTEGRATION_GUARD_DAEMON: "0" }, options);
}

export type Client = (stdin: string | object, env: Record<string, string>, options?: { args?: string[]; cwd?: string }) => Run;

/**
 * `stdin` through `client` (the Node hook command, the fast client) with the daemon of `dir`, and
 * in-process for reference; `answered`: how many hook requests the daemon took meanwhile.
 */
export function againstInProcess(dir: string, client: Client, stdin: string | object, env: Record<string, string>, options: { args?: string[]; cwd?: string } = {}) {
  const before = status(dir)!.requests;
  const answer = client(stdin, env, options);
  const answered = status(dir)!.requests - before;
  return { answer, answered, reference: inProcess(stdin, env, options) };
}

export type Status = DaemonStatus;

/** `daemon --status`, parsed; undefined when no daemon answers. */
export function status(dir: string): Status | undefined {
  const run = spawnSync(process.execPath, [BIN, "daemon", "--status", "--json"], { env: envFor(dir), encoding: "utf8", timeout: 10_000 });
  return run.status === 0 ? (JSON.parse(run.stdout) as Status) : undefined;
}

/** Polls until `ready()` holds (or ~20 s pass); the caller asserts the state it needs. */
export function waitFor<T>(ready: () => T | undefined | false): T | undefined {
  for (let i = 0; i < 200; i++) {
    const value = ready();
    if (value) return value;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
  return undefined;
}

/** A fresh runtime dir with a daemon started in it, and a client env that uses it (a test file's beforeAll). */
export function runningDaemon(): { dir: string; env: Record<string, string> } {
  const dir = runtimeDir();
  expect(startDaemon(dir).status).toBeDefined();
  return { dir, env: envFor(dir) };
}

/** Starts a daemon as our child (so the test knows its pid) and waits until it answers. */
export function startDaemon(dir: string, extraEnv: Record<string, string> = {}): { child: ChildProcess; status: Status | undefined } {
  const child = spawn(process.execPath, [BIN, "daemon"], { env: envFor(dir, extraEnv), stdio: "ignore" });
  daemons.push(child);
  return { child, status: waitFor(() => status(dir)) };
}

export function socketFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith(".sock"));
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export const BAD_TS = 'const { data } = await supabase.from("cloud_provider_integrations").select("*");\n';
export const TABLE = "no-cloud-provider-integrations-table";

export function claude(tool_name: string, tool_input: object, cwd?: string): object {
  return { session_id: "s", transcript_path: "/dev/null", ...(cwd === undefined ? {} : { cwd }), hook_event_name: "PreToolUse", tool_name, tool_input };
}

/** `file:line  rule-id:` lines of a Claude Code deny reason. */
export function denials(run: Run): string[] {
  if (!run.stdout.trim()) return [];
  const out = JSON.parse(run.stdout) as { hookSpecificOutput?: { permissionDecision?: string; permissionDecisionReason?: string } };
  if (out.hookSpecificOutput?.permissionDecision !== "deny") return [];
  return [...(out.hookSpecificOutput.permissionDecisionReason ?? "").matchAll(/^(\S+:\d+)\s+([a-z0-9-]+):/gm)].map((m) => `${m[1]} ${m[2]}`);
}
