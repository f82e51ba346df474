/**
 * The client <-> daemon wire format: one request per connection, written then half-closed; one
 * response, then the daemon closes. Small on purpose (loaded by the hook client).
 *
 * Two framings of a request:
 * - JSON (the Node hook client, control requests): the whole request is one JSON value; so is the answer.
 * - Raw (the fast client, dist/integration-guard.pl: it has no JSON library): `RAW_PREFIX`, one
 *   line of JSON header (RawHeader), then the hook payload's bytes as they came on its stdin. The
 *   answer is a line `<exit code> <stdout bytes> <stderr bytes>`, then stdout's bytes, then
 *   stderr's; or `ERR <reason>` on a line, after which the client runs the Node hook instead.
 */
import type { Socket } from "node:net";
import type { HookOptions } from "../hook/options.js";
import type { HookEnv } from "../hook/io.js";

export type Request =
  | {
      op: "hook";
      /** The client's daemon key (paths.ts): a daemon with another key refuses the request. */
      key: string;
      input: string;
      options: HookOptions;
      env: HookEnv;
      cwd: string;
    }
  | { op: "status" }
  | { op: "stop" };

export type Response =
  | { ok: true; stdout: string; stderr: string; exitCode: number }
  | { ok: true; status: DaemonStatus }
  | { ok: false; error: "stale" | "bad-request" | "stopping" };

export interface DaemonStatus {
  pid: number;
  key: string;
  dist: string;
  startedAt: string;
  /** Hook requests served (status and stop requests not counted). */
  requests: number;
  /** "before" checks answered from memory (src/daemon/memo.ts). */
  memoHits: number;
  /** "before" checks done on the helper thread (src/daemon/helper.ts). */
  helperChecks: number;
  /** The helper thread (Node 20 only): started by an Edit, released when the daemon rests. */
  helper: "none" | "starting" | "ready" | "released" | "gone";
  /** Helper threads started: by the first Edit, and by the first one after each rest. */
  helperStarts: number;
  /** Times the daemon rested: no request for 30 s (INTEGRATION_GUARD_DAEMON_REST_MS), memory given back (idle-gc.ts). */
  rests: number;
  /** Warm-up (warm.ts) is over, in the daemon and its helper thread: calls now get its steady speed. */
  warm: boolean;
  /** Resident set of the process (main and helper thread), for the bench and for users who watch it. */
  rssBytes: number;
  /** Of which the main thread's JavaScript heap (committed) and memory outside it (WebAssembly memories, buffers). */
  heapBytes: number;
  externalBytes: number;
}

/** A request carries a 6 MB payload at most (hook.ts), JSON-escaped: room for twice that. */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/** First line of a raw request. */
export const RAW_PREFIX = "IG-RAW 1\n";

/** A raw request's header: the fast client's argv after `hook`, the hook env it saw (io.ts), its cwd. */
export interface RawHeader {
  key: string;
  argv: string[];
  env: Record<string, string>;
  cwd: string;
}

/** Everything the peer writes until it half-closes, as parsed JSON; rejects above the cap. */
export async function readMessage(socket: Socket): Promise<unknown> {
  return JSON.parse((await readBytes(socket)).toString("utf8"));
}

/** Everything the peer writes until it half-closes; rejects above the cap. */
export function readBytes(socket: Socket): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    socket.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_MESSAGE_BYTES) {
        socket.destroy();
        reject(new Error("message too large"));
      } else chunks.push(chunk);
    });
    socket.on("end", () => resolve(Buffer.concat(chunks)));
    socket.on("error", reject);
    socket.on("close", () => reject(new Error("connection closed before the end of the message")));
  });
}
