/**
 * The hook's side of the daemon: ask the warm daemon for the answer, and start one for the next
 * call when none is running. Any failure (no daemon, stale socket, refused, timed out, cut off,
 * garbled) is reported as such and the caller runs the hook in-process: correctness never
 * depends on the daemon. Loads node:net only; node:child_process only when it starts a daemon.
 */
import { createConnection } from "node:net";
import { join } from "node:path";
import { closeSync, openSync, statSync, utimesSync } from "node:fs";
import { daemonDisabled, daemonKey, runtimeDir, socketPath, startingPath } from "./paths.js";
import { readMessage, type Request, type Response } from "./protocol.js";

const CONNECT_TIMEOUT_MS = 2_000;
/** Agents give a hook ~10 s; a stuck daemon must leave time for the in-process run. */
const ANSWER_TIMEOUT_MS = 8_000;

export interface DaemonTarget {
  dir: string;
  socket: string;
  dist: string;
  key: string;
}

export type Answer =
  | { kind: "answered"; stdout: string; stderr: string; exitCode: number }
  /** Nothing listening (no socket file, a stale one, a daemon of another build): start one. */
  | { kind: "absent" }
  /** A daemon is there but did not answer in time or in shape: do not start another. */
  | { kind: "failed" };

/** The daemon this process may use, or undefined (disabled, unsafe runtime dir, no dist/). */
export function daemonTarget(env: NodeJS.ProcessEnv): DaemonTarget | undefined {
  if (daemonDisabled(env)) return undefined;
  const dir = runtimeDir(env);
  if (dir === undefined) return undefined;
  try {
    const { dist, key } = daemonKey();
    return { dir, socket: socketPath(dir, key), dist, key };
  } catch {
    return undefined;
  }
}

export function askDaemon(target: DaemonTarget, request: Request): Promise<Answer> {
  return new Promise((resolve) => {
    const socket = createConnection(target.socket);
    let settled = false;
    const settle = (answer: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(answerTimer);
      socket.destroy();
      resolve(answer);
    };
    const connectTimer = setTimeout(() => settle({ kind: "failed" }), CONNECT_TIMEOUT_MS);
    const answerTimer = setTimeout(() => settle({ kind: "failed" }), ANSWER_TIMEOUT_MS);
    socket.on("error", (error: NodeJS.ErrnoException) => {
      settle(error.code === "ENOENT" || error.code === "ECONNREFUSED" ? { kind: "absent" } : { kind: "failed" });
    });
    socket.on("connect", () => {
      clearTimeout(connectTimer);
      socket.end(JSON.stringify(request));
    });
    readMessage(socket).then(
      (message) => settle(answerOf(message as Response)),
      () => settle({ kind: "failed" }),
    );
  });
}

function answerOf(response: Response): Answer {
  if (typeof response !== "object" || response === null || !response.ok) {
    return { kind: (response as { error?: unknown } | null)?.error === "stale" ? "absent" : "failed" };
  }
  if (!("stdout" in response) || typeof response.stdout !== "string" || typeof response.stderr !== "string" || typeof response.exitCode !== "number") {
    return { kind: "failed" };
  }
  return { kind: "answered", stdout: response.stdout, stderr: response.stderr, exitCode: response.exitCode };
}

/**
 * Environment the daemon starts with: where it lives, nothing else. It serves every project of
 * this user for 15 minutes, so it must not hold one session's variables (tokens, keys); each
 * request brings the few variables the hook reads (src/hook/io.ts).
 */
const DAEMON_ENV_KEYS = ["PATH", "HOME", "TMPDIR", "XDG_RUNTIME_DIR", "XDG_STATE_HOME", "INTEGRATION_GUARD_RUNTIME_DIR", "INTEGRATION_GUARD_STATE_DIR", "INTEGRATION_GUARD_DAEMON_IDLE_MS", "INTEGRATION_GUARD_DAEMON_REST_MS"];

/**
 * V8 flags for the daemon:
 * - `--max-semi-space-size=64`: a young generation large enough for one large request's AST and
 *   facts, which all die with the request.
 * - `--expose-gc`: gc(), so the daemon collects that garbage between requests (idle-gc.ts) and
 *   after warm-up, not during the next check.
 * - `--liftoff-only`: WebAssembly (libpg-query, tree-sitter-bash) compiled by the baseline compiler
 *   only. Optimised code left most of libpg-query's 130 MB memory resident (Node 24: +170 MB after
 *   21 parses of a migration, +14 MB with --liftoff-only; Node 20, 22, 26: +45-60 MB, +15 MB), for
 *   ~0.4 ms more per SQL file.
 * - `--no-maglev`: no mid-tier JIT (Node 20 has none by default). Hot code goes from the baseline
 *   compiler straight to TurboFan, as on Node 20. Measured on Node 24 (/proc/PID/smaps after 100
 *   mixed requests and 30 s idle): Maglev's compiler zones and code held 15-20 MB, most of it in
 *   malloc's main arena. Requests in a session cost the same CPU with or without it (daemon log,
 *   cpu_ms: ~8-12 ms per 1,200-line TS Write, ~15-25 ms per 1,000-line Python one).
 */
const DAEMON_FLAGS = ["--max-semi-space-size=64", "--expose-gc", "--liftoff-only", "--no-maglev"];

/**
 * glibc's malloc, told to give memory back (ignored by other libcs):
 * - `MALLOC_ARENA_MAX=2`: glibc gives each thread that allocates its own arena, and keeps what was
 *   freed in them; V8's compiler and GC threads leave ~10 MB resident that way. Measured on Node 24
 *   after 15 mixed requests: 100 MB resident with one arena, 109-114 MB with glibc's default. One
 *   arena also slowed large requests (its lock, shared with V8's threads); two did not.
 * - `MALLOC_MMAP_THRESHOLD_=65536`: blocks of 64 KB and more (V8's large zones, oxc's buffers) are
 *   mapped on their own and unmapped when freed. By default glibc raises that threshold as such
 *   blocks are freed, so later ones stay in the arena after the request that needed them.
 * - `MALLOC_TRIM_THRESHOLD_=131072`: free memory at the arena's top goes back to the system past
 *   128 KB (the default rises with the threshold above, up to 64 MB).
 * With `--no-maglev`, measured on Node 22, 24 and 26 (100 mixed requests, 30 s idle): 86-87 MB
 * resident, against 95-108 MB with neither.
 */
const DAEMON_MALLOC_ENV = { MALLOC_ARENA_MAX: "2", MALLOC_MMAP_THRESHOLD_: "65536", MALLOC_TRIM_THRESHOLD_: "131072" };

/** How long a start in progress stops other clients from starting one too. */
const STARTING_MS = 10_000;

/** Starts a detached daemon for the next call; never throws, never waits for it. */
export async function startDaemon(target: DaemonTarget): Promise<void> {
  try {
    // Agents run hooks for parallel tool calls: one start at a time, not one daemon per call.
    if (!claimStart(startingPath(target.socket))) return;
    const { spawn } = await import("node:child_process");
    const env: NodeJS.ProcessEnv = { ...DAEMON_MALLOC_ENV };
    for (const key of DAEMON_ENV_KEYS) if (process.env[key] !== undefined) env[key] = process.env[key];
    const child = spawn(process.execPath, [...DAEMON_FLAGS, join(target.dist, "integration-guard.cjs"), "daemon"], {
      cwd: target.dir, // not the project: the daemon must not keep any project directory busy
      detached: true,
      stdio: "ignore",
      env,
    });
    child.on("error", () => {});
    child.unref();
  } catch {
    // No daemon this time: the next call runs in-process again.
  }
}

/** Creates the "starting" marker; false while another client's start is recent. */
function claimStart(marker: string): boolean {
  try {
    closeSync(openSync(marker, "wx", 0o600));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") return false;
    // A marker left by a start that failed expires.
    if (Date.now() - statSync(marker).mtimeMs < STARTING_MS) return false;
    const now = new Date();
    utimesSync(marker, now, now);
    return true;
  }
}
