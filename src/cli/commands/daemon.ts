/**
 * `integration-guard daemon [--status|--stop|--start]`: the warm hook daemon (src/daemon/,
 * docs/daemon.md). `integration-guard hook` starts it by itself; `--start` is what `install
 * --claude` registers at session start; running it in the foreground is for debugging.
 */
import { parseArgs } from "node:util";
import { control, probe } from "../../daemon/control.js";
import { daemonKey, runtimeDir, socketPath } from "../../daemon/paths.js";
import { runDaemon } from "../../daemon/server.js";
import { EXIT, type Command } from "../command.js";

const USAGE = "Usage: integration-guard daemon [--status [--json] | --stop | --start]   (runs in the foreground without a flag)\n";

const daemon: Command = async (args) => {
  let values: { status?: boolean; stop?: boolean; start?: boolean; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({ args, options: { status: { type: "boolean" }, json: { type: "boolean" }, stop: { type: "boolean" }, start: { type: "boolean" }, help: { type: "boolean" } }, strict: true }));
  } catch (error) {
    process.stderr.write(`integration-guard daemon: ${(error as Error).message}\n${USAGE}`);
    return EXIT.usage;
  }
  if (values.help) {
    process.stderr.write(USAGE);
    return EXIT.ok;
  }
  if (values.start) return startInBackground();
  if (!values.status && !values.stop) {
    let code: number;
    try {
      code = await runDaemon(process.env);
    } catch (error) {
      // Never the payload: a start-up error (no dist/rules.json, cannot listen) names no user data.
      process.stderr.write(`integration-guard daemon: cannot start: ${(error as Error)?.message ?? String(error)}\n`);
      code = EXIT.internal;
    }
    // Exit now: its timers or a client that never closes its connection must not keep it alive.
    process.exit(code);
  }

  const dir = runtimeDir(process.env);
  if (dir === undefined) {
    process.stderr.write("integration-guard daemon: no safe runtime directory\n");
    return EXIT.internal;
  }
  const socket = socketPath(dir, daemonKey().key);
  const response = await control(socket, { op: values.stop ? "stop" : "status" });
  if (response === undefined || !response.ok || !("status" in response)) {
    // --json: stdout stays empty (no data), the exit code says it.
    (values.json ? process.stderr : process.stdout).write(`not running (${socket})\n`);
    return values.stop ? EXIT.ok : EXIT.findings;
  }
  const s = response.status;
  if (values.json && !values.stop) {
    process.stdout.write(`${JSON.stringify({ ...s, socket })}\n`);
    return EXIT.ok;
  }
  process.stdout.write(values.stop ? `stopped daemon ${s.pid}\n` : `running: pid ${s.pid}, since ${s.startedAt}, ${s.requests} requests, ${s.memoHits} memo hits, ${s.helperChecks} helper checks (helper thread: ${s.helper}), ${s.rests} rests, ${s.warm ? "warm" : "warming up"}, ${(s.rssBytes / 2 ** 20).toFixed(0)} MB resident, socket ${socket}, dist ${s.dist}\n`);
  return EXIT.ok;
};

/**
 * Starts this build's daemon in the background unless one answers (or the daemon is turned off),
 * and returns at once, printing nothing: Claude Code adds a SessionStart hook's stdout to the
 * model's context. The session's first edit then finds the daemon warm instead of paying a cold start.
 */
async function startInBackground(): Promise<number> {
  const { daemonTarget, startDaemon } = await import("../../daemon/client.js");
  const target = daemonTarget(process.env);
  if (target !== undefined && (await probe(target.socket)) !== "alive") await startDaemon(target);
  return EXIT.ok;
}

export default daemon;
