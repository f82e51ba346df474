/**
 * The client <-> daemon wire format: one JSON request per connection, written then half-closed;
 * one JSON response, then the daemon closes. Small on purpose (loaded by the hook client).
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

/** Everything the peer writes until it half-closes, as parsed JSON; rejects above the cap. */
export function readMessage(socket: Socket): Promise<unknown> {
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
    socket.on("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      } catch (error) {
        reject(error as Error);
      }
    });
    socket.on("error", reject);
    socket.on("close", () => reject(new Error("connection closed before the end of the message")));
  });
}
