/**
 * One daemon per user for identical builds: the socket is named by the build key (a hash of
 * dist/'s content written at build time), not by the path the package was installed at. Two
 * installations of the same build in two folders share one daemon; a different build gets its own.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { project } from "../helpers/hook.js";
import { PACKAGE_ROOT } from "../install/repo.js";
import { BAD_TS, claude, denials, envFor, runtimeDir, socketFiles, TABLE, waitFor } from "./helpers.js";

const installs: string[] = [];
const dir = runtimeDir();

/** A copy of the built package in its own temp folder, as `npm install` in another project leaves it. */
function install(): string {
  const root = mkdtempSync(join(tmpdir(), "ig-install-"));
  cpSync(PACKAGE_ROOT, root, { recursive: true });
  installs.push(root);
  return join(root, "dist", "integration-guard.cjs");
}

afterAll(() => {
  for (const root of installs) {
    spawnSync(process.execPath, [join(root, "dist", "integration-guard.cjs"), "daemon", "--stop"], { env: envFor(dir), timeout: 10_000 });
    rmSync(root, { recursive: true, force: true });
  }
});

const run = (bin: string, args: string[], input = "") => spawnSync(process.execPath, [bin, ...args], { input, encoding: "utf8", env: envFor(dir), timeout: 20_000 });

function daemonOf(bin: string): { pid: number; requests: number; dist: string } | undefined {
  const r = run(bin, ["daemon", "--status", "--json"]);
  return r.status === 0 ? (JSON.parse(r.stdout) as { pid: number; requests: number; dist: string }) : undefined;
}

function write(bin: string) {
  const p = project();
  const payload = claude("Write", { file_path: join(p, "src/new.ts"), content: `const ok = 1;\n${BAD_TS}` }, p);
  return denials({ ...run(bin, ["hook"], JSON.stringify(payload)), status: 0 });
}

describe("a daemon shared by identical builds", () => {
  it("two installations of the same build use one daemon; a different build gets its own", () => {
    const first = install();
    const second = install();
    expect(write(first)).toEqual([`src/new.ts:2 ${TABLE}`]); // starts the daemon, from the first install
    const daemon = waitFor(() => daemonOf(first));
    expect(daemon).toBeDefined();
    // The second installation finds the same daemon, and it answers its calls.
    expect(daemonOf(second)?.pid).toBe(daemon!.pid);
    const before = daemonOf(second)!.requests;
    expect(write(second)).toEqual([`src/new.ts:2 ${TABLE}`]);
    expect(daemonOf(first)!.requests).toBe(before + 1);
    expect(socketFiles(dir)).toHaveLength(1);

    // Another build (its dist/ content differs, so its build key does): never that daemon.
    const other = install();
    writeFileSync(join(other, "..", "build-key"), `${"ef".repeat(16)}\n`);
    expect(daemonOf(other)).toBeUndefined();
    expect(write(other)).toEqual([`src/new.ts:2 ${TABLE}`]); // in-process, and starts its own daemon
    const own = waitFor(() => daemonOf(other));
    expect(own?.pid).not.toBe(daemon!.pid);
    expect(daemonOf(first)?.pid).toBe(daemon!.pid);
    expect(socketFiles(dir)).toHaveLength(2);
  });
});
