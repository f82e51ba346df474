// Shared by the latency benchmarks: time one spawn, take a median, wait for a warm daemon.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname } from "node:path";

/** One process run, start to exit, with its stdout; throws when it fails. */
export function time(cmd, args, stdin, env = process.env) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { input: stdin, encoding: "utf8", env });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/** Waits until the daemon of `hook` (in `env`'s runtime dir) says its warm-up is over. */
export function waitForWarmDaemon(hook, env, tries = 300) {
  for (let i = 0; i < tries; i++) {
    const status = spawnSync(process.execPath, [hook, "daemon", "--status"], { env, encoding: "utf8" });
    if (status.status === 0 && /, warm,/.test(status.stdout)) return;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
  throw new Error("the daemon did not start, or did not finish warming up");
}

/**
 * The command `install` registers, as a contender: `sh -c CHOOSER integration-guard <dist>/integration-guard hook`
 * (src/install/hook-command.ts: the fast client where perl is, else node). Its `node` is this Node.
 */
export function installedCommand(hook, env) {
  const source = readFileSync(new URL("../src/install/hook-command.ts", import.meta.url), "utf8");
  const chooser = /export const CHOOSER = '([^']*)';/.exec(source)?.[1];
  if (!chooser) throw new Error("src/install/hook-command.ts: CHOOSER not found");
  const installedEnv = { ...env, PATH: `${dirname(process.execPath)}:${env.PATH ?? ""}` };
  const fast = spawnSync("perl", ["-e", "0"]).status === 0;
  return {
    label: fast ? "the fast client (perl)" : "node (no perl on PATH)",
    run: (stdin) => time("/bin/sh", ["-c", chooser, "integration-guard", hook.replace(/\.cjs$/, ""), "hook"], stdin, installedEnv),
  };
}
