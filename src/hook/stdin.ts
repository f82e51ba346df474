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
 *
 * Past the size cap the payload is still read to its end, not kept but looked at, so an oversized
 * payload that could hold a violation is told from one that cannot (StdinError.couldMatch).
 */
import { read } from "node:fs";

export class StdinError extends Error {
  /** Over the size cap: whether the input held a rule's word (`mayMatter`), so could hold a violation. */
  couldMatch = false;
}

interface Limits {
  maxBytes: number;
  timeoutMs: number;
  /** Asked of what comes past `maxBytes`: could this text hold a violation? */
  mayMatter?: (text: string) => boolean;
}

const CHUNK_BYTES = 64 * 1024;
/** Text kept from the end of one chunk for the next, so a word split between two chunks is still seen. */
const OVERLAP = 256;

type Execve = (file: string, args: string[], env: Record<string, string>) => never;
const execve = (process as { execve?: Execve }).execve;

/** What was read so far: kept up to the cap; past it, nothing more is kept but every byte is looked at. */
class Received {
  private chunks: Buffer[] = [];
  private size = 0;
  private tail = "";
  private couldMatch = false;

  constructor(private readonly limits: Limits) {}

  add(chunk: Buffer): void {
    this.size += chunk.length;
    if (this.size <= this.limits.maxBytes) {
      this.chunks.push(chunk);
      return;
    }
    for (const kept of this.chunks.splice(0)) this.scan(kept);
    this.scan(chunk);
  }

  /** The payload, or why it is not given (too large, and whether it could hold a violation). */
  result(): string | StdinError {
    if (this.size <= this.limits.maxBytes) return Buffer.concat(this.chunks).toString("utf8");
    const error = new StdinError(`the payload is larger than ${this.limits.maxBytes} bytes`);
    error.couldMatch = this.couldMatch;
    return error;
  }

  private scan(chunk: Buffer): void {
    if (this.couldMatch) return;
    const text = this.tail + chunk.toString("latin1");
    this.tail = text.slice(-OVERLAP);
    this.couldMatch = this.limits.mayMatter === undefined || this.limits.mayMatter(text);
  }
}

export function readStdin(limits: Limits): Promise<string> {
  if (execve === undefined || process.platform === "win32") return readStream(limits, new Received(limits));
  // Two threads to start, not libuv's four (unless the user chose a size): one for this read,
  // one for the rest of the hook, even while a read waits on a stuck pipe.
  process.env.UV_THREADPOOL_SIZE ??= "2";
  const received = new Received(limits);
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (outcome: string | StdinError) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (outcome instanceof StdinError) reject(outcome);
      else resolve(outcome);
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
          readStream(limits, received).then(resolve, reject);
        } else if (error) finish(new StdinError(`cannot read stdin (${error.message})`));
        else if (bytes === 0) finish(received.result());
        else {
          received.add(buffer.subarray(0, bytes));
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
function readStream({ timeoutMs }: Limits, received: Received): Promise<string> {
  return new Promise((resolve, reject) => {
    const finish = (outcome: string | StdinError) => {
      clearTimeout(timer);
      process.stdin.removeAllListeners("data").removeAllListeners("end").removeAllListeners("error");
      process.stdin.pause();
      process.stdin.unref?.();
      if (outcome instanceof StdinError) reject(outcome);
      else resolve(outcome);
    };
    const timer = setTimeout(() => finish(new StdinError(`no end of input on stdin after ${timeoutMs} ms`)), timeoutMs);
    timer.unref();
    process.stdin.on("data", (chunk: Buffer) => received.add(chunk));
    process.stdin.on("end", () => finish(received.result()));
    process.stdin.on("error", (error) => finish(new StdinError(`cannot read stdin (${error.message})`)));
  });
}
