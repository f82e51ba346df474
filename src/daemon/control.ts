/** `integration-guard daemon --status` / `--stop`, and the liveness probe the daemon starts with. */
import { createConnection } from "node:net";
import { readMessage, type Request, type Response } from "./protocol.js";

const TIMEOUT_MS = 2_000;

/** alive: a daemon accepts connections; dead: a file nobody listens on; absent: no file. */
export function probe(socket: string): Promise<"alive" | "dead" | "absent"> {
  return new Promise((resolve) => {
    const conn = createConnection(socket);
    const done = (state: "alive" | "dead" | "absent") => {
      clearTimeout(timer);
      conn.destroy();
      resolve(state);
    };
    // Accepting but silent still holds the socket: treat it as alive rather than take it over.
    const timer = setTimeout(() => done("alive"), TIMEOUT_MS);
    conn.on("connect", () => done("alive"));
    conn.on("error", (error: NodeJS.ErrnoException) => done(error.code === "ENOENT" ? "absent" : "dead"));
  });
}

/** Sends one control request; undefined when no daemon answers. */
export function control(socket: string, request: Request): Promise<Response | undefined> {
  return new Promise((resolve) => {
    const conn = createConnection(socket);
    const timer = setTimeout(() => conn.destroy(), TIMEOUT_MS);
    conn.on("connect", () => conn.end(JSON.stringify(request)));
    readMessage(conn).then(
      (message) => resolve(message as Response),
      () => resolve(undefined),
    ).finally(() => clearTimeout(timer));
  });
}
