/**
 * Reads all of stdin with a size cap and a deadline, so a hook never hangs on a stuck pipe.
 *
 * Every agent edit starts a hook process that reads its payload here. `process.stdin` on a pipe
 * builds a net.Socket and loads the stream and networking modules: ~6 ms of CPU on Node 24, a
 * fifth of `node -e 0` (measured against it: +6.3 ms for the stream, +0.7-1.4 ms for fs reads).
 * So where Node has process.execve (22.15+, 23.11+), this reads file descriptor 0 with fs.read,
 * on libuv's thread pool, so the deadline still fires while a read waits. A pool thread blocked
 * in read() would hold the process's exit until the pipe ends, so after the deadline, once the
 * hook has answered, the process replaces itself (execve) by one that exits with its exit code.
 * Elsewhere (Node 20), and for a stdin the pool cannot wait on (non-blocking: EAGAIN),
 * `process.stdin` as before.
 */
import { read } from "node:fs";

export class StdinError extends Error {}

interface Limits {
  maxBytes: number;
  timeoutMs: number;
}

const CHUNK_BYTES = 64 * 1024;

type Execve = (file: string, args: string[], env: Record<string, string>) => never;
const execve = (process as { execve?: Execve }).execve;

export function readStdin(limits: Limits): Promise<string> {
  if (execve === undefined || process.platform === "win32") return readStream(limits, [], 0);
  // Two threads to start, not libuv's four (unless the user chose a size): one for this read,
  // one for the rest of the hook, even while a read waits on a stuck pipe.
  process.env.UV_THREADPOOL_SIZE ??= "2";
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error?: StdinError) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks).toString("utf8"));
    };
    const timer = setTimeout(() => {
      finish(new StdinError(`no end of input on stdin after ${limits.timeoutMs} ms`));
      leaveOnceAnswered(execve);
    }, limits.timeoutMs);
    timer.unref();
    const next = () =>
      read(0, Buffer.allocUnsafe(CHUNK_BYTES), 0, CHUNK_BYTES, null, (error, bytes, buffer) => {
        if (done) return;
        if (error?.code === "EAGAIN") {
          clearTimeout(timer);
          done = true;
          readStream(limits, chunks, size).then(resolve, reject);
        } else if (error) finish(new StdinError(`cannot read stdin (${error.message})`));
        else if (bytes === 0) finish();
        else if ((size += bytes) > limits.maxBytes) finish(new StdinError(`the payload is larger than ${limits.maxBytes} bytes`));
        else {
          chunks.push(buffer.subarray(0, bytes));
          next();
        }
      });
    next();
  });
}

/**
 * The read still waiting on the pool keeps this process from exiting (libuv joins its threads at
 * exit). Once the hook answered (the dispatcher sets process.exitCode; pipes and files are written
 * synchronously), become a process that only exits with that code.
 */
function leaveOnceAnswered(replaceWith: Execve): void {
  const check = setInterval(() => {
    if (process.exitCode === undefined) return;
    replaceWith(process.execPath, [process.execPath, "-e", `process.exitCode = ${Number(process.exitCode)}`], {});
  }, 10);
  check.unref(); // the waiting read keeps the loop alive; this never does
}

/** The stream way, for a stdin fs.read cannot wait on. */
function readStream({ maxBytes, timeoutMs }: Limits, chunks: Buffer[], size: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const finish = (error?: StdinError) => {
      clearTimeout(timer);
      process.stdin.removeAllListeners("data").removeAllListeners("end").removeAllListeners("error");
      process.stdin.pause();
      process.stdin.unref?.();
      if (error) reject(error);
      else resolve(Buffer.concat(chunks).toString("utf8"));
    };
    const timer = setTimeout(() => finish(new StdinError(`no end of input on stdin after ${timeoutMs} ms`)), timeoutMs);
    timer.unref();
    process.stdin.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return finish(new StdinError(`the payload is larger than ${maxBytes} bytes`));
      chunks.push(chunk);
    });
    process.stdin.on("end", () => finish());
    process.stdin.on("error", (error) => finish(new StdinError(`cannot read stdin (${error.message})`)));
  });
}
