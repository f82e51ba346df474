#!/usr/bin/env node
/**
 * Runs a command in the network namespace this process was started in (`unshare -rn node
 * netns-forward.mjs SOCKET -- command args...`): brings loopback up, forwards 127.0.0.1:<port 0>
 * to the stand-in model's Unix socket (the file system is shared across namespaces; the network
 * is not), replaces `__PORT__` in the arguments with that port, and exits with the command's status.
 * Codex tries other hosts at start; with loopback only, those calls fail at once.
 */
import { execFileSync, spawn } from "node:child_process";
import { connect, createServer } from "node:net";

const [socketPath, separator, command, ...args] = process.argv.slice(2);
if (!socketPath || separator !== "--" || !command) {
  process.stderr.write("usage: netns-forward.mjs SOCKET -- command [args...]\n");
  process.exit(2);
}
execFileSync("ip", ["link", "set", "lo", "up"]);
const forwarder = createServer((client) => {
  const upstream = connect(socketPath);
  client.pipe(upstream).pipe(client);
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on("error", close);
  upstream.on("error", close);
});
forwarder.listen(0, "127.0.0.1", () => {
  const port = String(forwarder.address().port);
  const child = spawn(command, args.map((a) => a.replaceAll("__PORT__", port)), { stdio: "inherit" });
  child.on("exit", (status, signal) => {
    forwarder.close();
    process.exit(status ?? (signal ? 128 : 1));
  });
});
