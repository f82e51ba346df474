/**
 * Correctness never depends on the daemon: whatever happens to it (killed mid-request, a stale
 * socket file, a broken or silent peer, a rebuild, an unsafe runtime dir, switched off), the hook
 * still answers, in-process, with the same deny.
 */
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer, type Server, type Socket } from "node:net";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { project } from "../helpers/hook.js";
import { rawTransferSupported } from "oxc-parser";
import { PACKAGE_ROOT } from "../install/repo.js";
import { BAD_TS, BIN, claude, denials, envFor, hook, isRunning, runtimeDir, socketFiles, startDaemon, status, TABLE, waitFor, type Run } from "./helpers.js";

const call = () => {
  const p = project();
  return claude("Write", { file_path: join(p, "src/new.ts"), content: `const ok = 1;\n${BAD_TS}` }, p);
};
const DENY = [`src/new.ts:2 ${TABLE}`];

/** The socket path clients of this build use in `dir`, left free: a client starts a daemon, which is then stopped. */
function freeSocket(dir: string): string {
  hook(call(), envFor(dir));
  expect(waitFor(() => status(dir))).toBeDefined();
  const socket = join(dir, socketFiles(dir)[0]!);
  spawnSyncDaemon(dir, ["--stop"]);
  expect(waitFor(() => !existsSync(socket))).toBe(true);
  return socket;
}

const peers: Server[] = [];
const peerConnections: Socket[] = [];
afterEach(async () => {
  // Connections first: a half-open one would keep close() waiting.
  for (const conn of peerConnections.splice(0)) conn.destroy();
  for (const peer of peers.splice(0)) await new Promise((resolve) => peer.close(resolve));
});

/** A peer on the daemon's socket path that is not a working daemon. */
async function fakePeer(path: string, onConnection: (conn: Socket) => void): Promise<void> {
  const server = createServer({ allowHalfOpen: true }, (conn) => {
    peerConnections.push(conn);
    conn.on("error", () => {});
    onConnection(conn);
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  peers.push(server);
}

function hookAsync(stdin: object, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, "hook"], { env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(JSON.stringify(stdin));
  });
}

describe("fallback to in-process", () => {
  it("no daemon yet: answers in-process, then starts one that answers the next call", () => {
    const dir = runtimeDir();
    expect(denials(hook(call(), envFor(dir)))).toEqual(DENY);
    const started = waitFor(() => status(dir));
    expect(started).toBeDefined();
    expect(denials(hook(call(), envFor(dir)))).toEqual(DENY);
    expect(status(dir)!.requests).toBe(started!.requests + 1);
  });

  it("daemon killed mid-request: the client still denies", async () => {
    const dir = runtimeDir();
    const { child, status: up } = startDaemon(dir);
    expect(up).toBeDefined();
    // Stopped, the daemon's socket still accepts (the kernel queues the connection) but nothing
    // answers; the kill then cuts the connection, whether the client got in before or after it.
    child.kill("SIGSTOP");
    const pending = hookAsync(call(), envFor(dir));
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill("SIGKILL");
    const run = await pending;
    expect(run.status).toBe(0);
    expect(denials(run)).toEqual(DENY);
  });

  it("a peer that accepts and hangs up without answering: denies in-process", async () => {
    const dir = runtimeDir();
    const socket = freeSocket(dir);
    await fakePeer(socket, (conn) => conn.destroy());
    const run = await hookAsync(call(), envFor(dir));
    expect(denials(run)).toEqual(DENY);
  });

  it("a peer that accepts and never answers: the client gives up (answer timeout) and denies in-process", async () => {
    const dir = runtimeDir();
    const socket = freeSocket(dir);
    await fakePeer(socket, (conn) => conn.on("data", () => {}));
    const run = await hookAsync(call(), envFor(dir));
    expect(run.status).toBe(0);
    expect(denials(run)).toEqual(DENY);
  });

  it("a peer that answers garbage: denies in-process", async () => {
    const dir = runtimeDir();
    const socket = freeSocket(dir);
    await fakePeer(socket, (conn) => {
      conn.on("data", () => {});
      conn.on("end", () => conn.end('{"ok":true,"stdout":42}'));
    });
    const run = await hookAsync(call(), envFor(dir));
    expect(denials(run)).toEqual(DENY);
  });

  it("a stale socket file (its daemon died): the client denies in-process and a new daemon takes the name", () => {
    const dir = runtimeDir();
    const { child, status: first } = startDaemon(dir);
    expect(first).toBeDefined();
    const socket = join(dir, socketFiles(dir)[0]!);
    child.kill("SIGKILL"); // the kernel closes its listening socket at once; the file stays
    expect(existsSync(socket)).toBe(true);
    expect(denials(hook(call(), envFor(dir)))).toEqual(DENY);
    const second = waitFor(() => status(dir));
    expect(second?.pid).not.toBe(first!.pid);
    expect(denials(hook(call(), envFor(dir)))).toEqual(DENY);
    expect(status(dir)!.requests).toBe(second!.requests + 1);
  });

  it("a rebuild (a new dist/build-key): clients use a new daemon, the old one exits by itself", () => {
    const dir = runtimeDir();
    // Started by a client, so not this process's child: its exit is visible without reaping it.
    hook(call(), envFor(dir));
    const old = waitFor(() => status(dir));
    expect(old).toBeDefined();
    // What scripts/build.mjs writes when dist/'s content changed.
    writeFileSync(join(dirname(BIN), "build-key"), `${"ab".repeat(16)}\n`);
    expect(denials(hook(call(), envFor(dir)))).toEqual(DENY);
    // The old daemon gets no more requests (new socket name); its periodic check sees the rebuild.
    expect(waitFor(() => !isRunning(old!.pid))).toBe(true);
    const fresh = waitFor(() => status(dir));
    expect(fresh?.pid).not.toBe(old!.pid);
  });
});

describe("switched off, or unsafe", () => {
  it("INTEGRATION_GUARD_DAEMON=0 and --no-daemon never touch the runtime dir nor start a daemon", () => {
    const parent = runtimeDir();
    const dir = join(parent, "not-yet");
    expect(denials(hook(call(), envFor(dir, { INTEGRATION_GUARD_DAEMON: "0" })))).toEqual(DENY);
    expect(denials(hook(call(), envFor(dir), { args: ["--no-daemon"] }))).toEqual(DENY);
    // The client makes the runtime dir before it connects or spawns: its absence proves neither happened.
    expect(existsSync(dir)).toBe(false);
    // The contrast: with the daemon on, the same call makes it.
    expect(denials(hook(call(), envFor(dir)))).toEqual(DENY);
    expect(existsSync(dir)).toBe(true);
    expect(waitFor(() => status(dir))).toBeDefined();
  });

  it("a runtime dir others can enter is never used, by the client or the daemon", () => {
    const dir = runtimeDir();
    chmodSync(dir, 0o755);
    expect(denials(hook(call(), envFor(dir)))).toEqual(DENY);
    const daemon = spawnSyncDaemon(dir);
    expect(daemon.status).toBe(2);
    expect(daemon.stderr).toContain("no safe runtime directory");
    expect(socketFiles(dir)).toEqual([]);
  });

  it("the socket and log are private to the user", () => {
    const dir = runtimeDir();
    expect(startDaemon(dir).status).toBeDefined();
    expect(denials(hook(call(), envFor(dir)))).toEqual(DENY);
    expect(statMode(dir)).toBe(0o700);
    expect(statMode(join(dir, "daemon.log")) & 0o077).toBe(0);
    expect(readFileSync(join(dir, "daemon.log"), "utf8")).toMatch(/result=exit=0/);
  });
});

function spawnSyncDaemon(dir: string, args: string[] = []) {
  // A daemon that refuses to start returns at once; with --stop this returns once it answered.
  return spawnSync(process.execPath, [BIN, "daemon", ...args], { env: envFor(dir), encoding: "utf8", timeout: 20_000 });
}

function statMode(path: string): number {
  return statSync(path).mode & 0o777;
}

describe("parallel calls", () => {
  it("several clients at once, with and without a daemon, all deny the same", async () => {
    const dir = runtimeDir();
    const cold = await Promise.all([1, 2, 3, 4].map(() => hookAsync(call(), envFor(dir))));
    for (const run of cold) expect(denials(run)).toEqual(DENY);
    expect(waitFor(() => status(dir))).toBeDefined();
    const warm = await Promise.all([1, 2, 3, 4].map(() => hookAsync(call(), envFor(dir))));
    for (const run of warm) expect(denials(run)).toEqual(DENY);
  });
});

describe("a broken helper thread", () => {
  it("a helper that fails every check: the daemon checks the file itself, with the same answer", () => {
    // A copy of the package whose helper thread says it is warm, then throws on each request (its own build, its own daemon).
    const pkg = mkdtempSync(join(tmpdir(), "ig-broken-helper-"));
    cpSync(PACKAGE_ROOT, pkg, { recursive: true });
    writeFileSync(join(pkg, "dist", "daemon-helper.mjs"), 'import { parentPort } from "node:worker_threads";\nparentPort.postMessage({ ready: true });\nparentPort.on("message", () => { throw new Error("boom"); });\n');
    writeFileSync(join(pkg, "dist", "build-key"), `${"cd".repeat(16)}\n`); // as a build of that content would
    const bin = join(pkg, "dist", "integration-guard.cjs");
    const dir = runtimeDir();
    const run = (args: string[], input = "", env = envFor(dir)) => spawnSync(process.execPath, [bin, ...args], { input, encoding: "utf8", env, timeout: 20_000 });
    const requests = () => Number(/(\d+) requests/.exec(run(["daemon", "--status"]).stdout)?.[1] ?? -1);
    try {
      const p = project({ "src/legacy.ts": `${BAD_TS}export const n = 1;\n` });
      const edit = JSON.stringify(claude("Edit", { file_path: join(p, "src/legacy.ts"), old_string: "export const n = 1;", new_string: "export async function saveIntegrationStatus() {}" }, p));
      const helper = () => JSON.parse(run(["daemon", "--status", "--json"]).stdout || "{}").helper as string | undefined;
      run(["hook"], edit); // starts this copy's daemon
      expect(waitFor(() => requests() >= 0)).toBe(true);
      if (!rawTransferSupported()) {
        // The first Edit starts the helper thread (Node 20 only); another file's, so the daemon's memo cannot answer the next one's "before".
        const other = project({ "src/legacy.ts": `${BAD_TS}export const m = 1;\n` });
        run(["hook"], JSON.stringify(claude("Edit", { file_path: join(other, "src/legacy.ts"), old_string: "export const m = 1;", new_string: "export const m = 2;" }, other)));
        expect(waitFor(() => helper() === "ready")).toBe(true);
      }
      const before = requests();
      const viaDaemon = run(["hook"], edit);
      expect(requests()).toBe(before + 1); // the daemon answered (not the client's in-process fallback)
      expect(run(["daemon", "--status"]).stdout).toMatch(/ 0 helper checks/);
      expect(helper()).toBe(rawTransferSupported() ? "none" : "gone"); // it was asked, and failed
      expect(denials(viaDaemon)).toEqual(["src/legacy.ts:2 no-save-integration-status-function"]);
      const reference = run(["hook"], edit, { ...envFor(dir), INTEGRATION_GUARD_DAEMON: "0" });
      expect({ ...viaDaemon, pid: 0 }).toEqual({ ...reference, pid: 0 });
    } finally {
      run(["daemon", "--stop"]);
      rmSync(pkg, { recursive: true, force: true });
    }
  });
});
