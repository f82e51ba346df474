/**
 * `integration-guard daemon`: keeps the full hook warm (rules, zod, parsers, JIT) and answers hook
 * clients (client.ts) over a unix socket in the per-user 0700 runtime dir (paths.ts).
 *
 * Lifetime: exits after IDLE_MS without a request, when the dist/ it runs from changes or goes
 * away (a rebuild, an upgrade, the project removed: checked on every request and every CHECK_MS),
 * when its socket file is removed or taken over by another daemon, or on `daemon --stop`. One
 * daemon per build and user, whichever installation started it (paths.ts): a second one finds the
 * socket answering and exits quietly.
 */
import { readdirSync, renameSync, statSync, unlinkSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { EXIT } from "../core/exit-codes.js";
import { AGENT_NAMES, HOOK_EVENTS } from "../hook/agents.js";
import type { HookIO } from "../hook/io.js";
import { preferRawTransfer } from "../languages/typescript/parse.js";
import { runHook } from "../hook/run.js";
import { probe } from "./control.js";
import { logLine } from "./log.js";
import { type HelperThread, startHelper } from "./helper.js";
import { IdleCollector, REST_MS } from "./idle-gc.js";
import { FingerprintMemo } from "./memo.js";
import { type DaemonKey, daemonKey, logPath, runtimeDir, socketPath, startingPath } from "./paths.js";
import { type DaemonStatus, readBytes, type Request, type Response } from "./protocol.js";
import { answerRaw, encodeRawAnswer, isRawRequest, parseRawRequest, rawRefusal } from "./raw.js";
import { collectKeepingShapes, prepareSpecimens } from "./keep-shapes.js";
import { warmUp } from "./warm.js";

/** The first rest: this long after warm-up, or after the first call that ends a second before the next (Daemon.restAfter). */
const REST_AFTER_WARM_UP_MS = 1_000;

const IDLE_MS = 15 * 60_000;
const CHECK_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;

export async function runDaemon(env: NodeJS.ProcessEnv): Promise<number> {
  const dir = runtimeDir(env);
  if (dir === undefined) {
    process.stderr.write("integration-guard daemon: no safe runtime directory (it must be a 0700 directory owned by this user)\n");
    return EXIT.internal;
  }
  const me = daemonKey();
  const socket = socketPath(dir, me.key);
  if ((await probe(socket)) === "alive") return EXIT.ok; // another daemon serves this build

  // A long-lived process: oxc's raw transfer where Node has it (parse.ts). With it, a check is fast
  // enough for an Edit's two checks to share one thread; the helper thread (a second heap and set
  // of parsers: 20-40 MB resident, started by the first Edit: helper.ts) is only used without it (Node 20).
  const helper = preferRawTransfer() ? undefined : startHelper(dir);
  const daemon = new Daemon(dir, me, socket, { idleMs: Number(env.INTEGRATION_GUARD_DAEMON_IDLE_MS) || IDLE_MS, restMs: Number(env.INTEGRATION_GUARD_DAEMON_REST_MS) || REST_MS }, helper);
  const exited = new Promise<number>((resolve) => daemon.onExit(() => resolve(EXIT.ok)));
  await daemon.listen();
  removeQuietly(startingPath(socket)); // the start is done: clients may start another if this one dies
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(signal, () => daemon.stop(signal));
  try {
    const started = performance.now();
    await warmUp(dir);
    await prepareSpecimens(dir);
    logLine(logPath(dir), { pid: process.pid, warm_ms: (performance.now() - started).toFixed(0) });
    await removeDeadSockets(dir, socket);
  } catch {
    // Warm-up is an optimisation: the first request loads whatever is still cold.
  }
  daemon.warmedUp();
  return exited;
}

class Daemon {
  private readonly server: Server;
  private readonly startedAt = new Date().toISOString();
  private requests = 0;
  /** Hook calls being answered (`--status` and `--stop` do not count: they make no garbage). */
  private hooksInFlight = 0;
  private readonly garbage: IdleCollector;
  private warm = false;
  private readonly memo = new FingerprintMemo();
  private inode = -1;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly checkTimer: NodeJS.Timeout;
  private stopping = false;
  private exited: (() => void) | undefined;

  constructor(
    private readonly dir: string,
    private readonly me: DaemonKey,
    private readonly socket: string,
    /** idleMs: exits after this long without a request; restMs: rests (full collection, helper released) after this long. */
    private readonly times: { idleMs: number; restMs: number },
    /** Checks "before" files while the main thread checks "after" (helper.ts); none from source. */
    private readonly helper: HelperThread | undefined,
  ) {
    this.garbage = new IdleCollector({ restMs: times.restMs, onRest: () => helper?.release(), collectWith: collectKeepingShapes });
    this.server = createServer({ allowHalfOpen: true }, (conn) => void this.serve(conn));
    this.checkTimer = setInterval(() => {
      if (!this.stillCurrent()) this.stop("changed");
    }, CHECK_MS);
    this.touch();
  }

  /**
   * Binds a private name, then renames it over the public one: a stale socket file (a daemon that
   * died) is replaced in one step, and a client never sees a half-made socket.
   */
  async listen(): Promise<void> {
    const temp = join(this.dir, `${process.pid}.tmp.sock`);
    removeQuietly(temp); // left by a crashed process that had this pid
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(temp, () => {
        this.server.off("error", reject);
        resolve();
      });
    });
    renameSync(temp, this.socket);
    this.inode = statSync(this.socket).ino;
  }

  /**
   * The warm-up is over. It left ~35 MB of old
   * garbage that only a full collection frees, so the daemon rests at the first pause of a second
   * after it: Node 24, warm-up then 5 small hook calls, 85 MB resident against 126 MB. It
   * costs the first large requests of a session (~50 ms CPU instead of ~27 for the 1,200-line TS
   * Write: idle-gc.ts, keep-shapes.ts); the daemon usually starts at the session's start
   * (SessionStart), long before them.
   */
  warmedUp(): void {
    this.warm = true;
    this.garbage.collectSoon(() => this.hooksInFlight === 0, this.restAfter());
  }

  /** The first rest comes at the first pause after warm-up (calls during or right after it postpone it), the later ones after REST_MS. */
  private restAfter(): number | undefined {
    return this.warm && this.garbage.rests === 0 ? REST_AFTER_WARM_UP_MS : undefined;
  }

  onExit(callback: () => void): void {
    this.exited = callback;
  }

  private async serve(conn: Socket): Promise<void> {
    const started = performance.now();
    // CPU time too (the process's: main and helper threads, GC): unlike wall time, load on the machine barely moves it.
    const cpuAtStart = process.cpuUsage();
    this.touch();
    const hookRequestsBefore = this.requests;
    // A client that connects and never finishes its request must not hold a connection forever.
    conn.setTimeout(REQUEST_TIMEOUT_MS, () => conn.destroy());
    let body: string | Buffer;
    let outcome: string;
    let raw = false;
    try {
      const bytes = await readBytes(conn);
      raw = isRawRequest(bytes);
      ({ body, outcome } = raw ? await this.respondRaw(bytes) : this.jsonAnswer(await this.respond(JSON.parse(bytes.toString("utf8")) as Request)));
    } catch {
      ({ body, outcome } = raw ? { body: rawRefusal("bad-request"), outcome: "bad-request" } : this.jsonAnswer({ ok: false, error: "bad-request" }));
    }
    conn.end(body);
    // Only hook calls make garbage and count as activity: `daemon --status` (a user, the bench) must not keep the daemon from resting.
    if (this.requests !== hookRequestsBefore) this.garbage.collectSoon(() => this.hooksInFlight === 0, this.restAfter());
    const cpu = process.cpuUsage(cpuAtStart);
    logLine(logPath(this.dir), { pid: process.pid, ms: (performance.now() - started).toFixed(1), cpu_ms: ((cpu.user + cpu.system) / 1000).toFixed(1), result: outcome });
  }

  private jsonAnswer(response: Response): { body: string; outcome: string } {
    const outcome = !response.ok ? response.error : "stdout" in response ? `exit=${response.exitCode}` : "status";
    return { body: JSON.stringify(response), outcome };
  }

  /** The fast client's request (raw.ts): the answer in its framing, or a refusal it falls back on. */
  private async respondRaw(bytes: Buffer): Promise<{ body: Buffer; outcome: string }> {
    const request = parseRawRequest(bytes);
    if (request === undefined) return { body: rawRefusal("bad-request"), outcome: "bad-request" };
    const refused = this.refusal(request.header.key);
    if (refused) return { body: rawRefusal(refused), outcome: refused };
    this.requests++;
    this.hooksInFlight++;
    this.garbage.cancel();
    const answer = await answerRaw(request.header, request.payload, { memo: this.memo, parallel: this.helper }).finally(() => this.hooksInFlight--);
    return { body: encodeRawAnswer(answer), outcome: `exit=${answer.exitCode} raw` };
  }

  /** Why a hook request with this build key is not ours to answer, if it is not. */
  private refusal(key: string): "stale" | "stopping" | undefined {
    if (this.stopping) return "stopping";
    // A client of another build: not ours to answer. Our own dist/ rebuilt or removed since start
    // (it may be another project's installation than the client's): the client starts a daemon
    // from its own dist/.
    if (key !== this.me.key) return "stale";
    if (!this.stillCurrent()) {
      this.stop("changed");
      return "stale";
    }
    return undefined;
  }

  private async respond(request: Request): Promise<Response> {
    if (request?.op === "status") return { ok: true, status: this.status() };
    if (request?.op === "stop") {
      setImmediate(() => this.stop("stop"));
      return { ok: true, status: this.status() };
    }
    if (!isHookRequest(request)) return { ok: false, error: this.stopping ? "stopping" : "bad-request" };
    const refused = this.refusal(request.key);
    if (refused) return { ok: false, error: refused };
    let stdout = "";
    let stderr = "";
    const io: HookIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: request.env, cwd: request.cwd };
    this.requests++;
    this.hooksInFlight++;
    this.garbage.cancel();
    const exitCode = await runHook(request.input, request.options, io, { memo: this.memo, parallel: this.helper }).finally(() => this.hooksInFlight--);
    return { ok: true, stdout, stderr, exitCode };
  }

  private status(): DaemonStatus {
    return {
      pid: process.pid,
      key: this.me.key,
      dist: this.me.dist,
      startedAt: this.startedAt,
      requests: this.requests,
      memoHits: this.memo.hits,
      helperChecks: this.helper?.answered ?? 0,
      helper: this.helper?.state ?? "none",
      helperStarts: this.helper?.starts ?? 0,
      rests: this.garbage.rests,
      warm: this.warm && this.helper?.state !== "starting",
      ...memoryOf(process.memoryUsage()),
    };
  }

  /** Same build on disk, and the socket file is still the one this daemon bound. */
  private stillCurrent(): boolean {
    try {
      return daemonKey().key === this.me.key && this.ownsSocket();
    } catch {
      return false;
    }
  }

  /** The socket file is still the one this daemon bound (not removed, not taken over). */
  private ownsSocket(): boolean {
    try {
      return statSync(this.socket).ino === this.inode;
    } catch {
      return false;
    }
  }

  private touch(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stop("idle"), this.times.idleMs);
  }

  stop(why: string): void {
    if (this.stopping) return;
    this.stopping = true;
    clearTimeout(this.idleTimer);
    clearInterval(this.checkTimer);
    this.helper?.stop();
    logLine(logPath(this.dir), { pid: process.pid, exit: why });
    try {
      // Only our own socket file: after a takeover it belongs to the other daemon.
      if (statSync(this.socket).ino === this.inode) unlinkSync(this.socket);
    } catch {
      // Already gone.
    }
    // In-flight requests finish first; a stuck connection cannot keep the process alive.
    this.server.close(() => this.exited?.());
    setTimeout(() => this.exited?.(), 5_000).unref();
  }
}

function memoryOf({ rss, heapTotal, external }: NodeJS.MemoryUsage): Pick<DaemonStatus, "rssBytes" | "heapBytes" | "externalBytes"> {
  return { rssBytes: rss, heapBytes: heapTotal, externalBytes: external };
}

function isHookRequest(request: Request): request is Extract<Request, { op: "hook" }> {
  if (request?.op !== "hook") return false;
  const { key, input, options, env, cwd } = request;
  if (typeof key !== "string" || typeof input !== "string" || typeof cwd !== "string") return false;
  if (typeof env !== "object" || env === null || Object.values(env).some((v) => typeof v !== "string")) return false;
  if (typeof options !== "object" || options === null || typeof options.failClosed !== "boolean") return false;
  const optional = (v: unknown, allowed?: readonly string[]) => v === undefined || (typeof v === "string" && (!allowed || allowed.includes(v)));
  return optional(options.rules) && optional(options.baseline) && optional(options.agent, AGENT_NAMES) && optional(options.event, HOOK_EVENTS);
}

/** Socket files of daemons that died without cleaning up (older builds, crashes). */
async function removeDeadSockets(dir: string, own: string): Promise<void> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (!name.endsWith(".sock") || path === own) continue;
    if ((await probe(path)) === "dead") removeQuietly(path);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}
