/** Reads all of stdin with a size cap and a deadline, so a hook never hangs on a stuck pipe. */
export class StdinError extends Error {
  /** Over the size cap: whether the input held a rule's word (`mayMatter`), so could hold a violation. */
  couldMatch = false;
}

/** Text kept from the end of one chunk for the next, so a word split between two chunks is still seen. */
const OVERLAP = 256;

/**
 * `mayMatter`: asked of what comes past `maxBytes` (which is read to its end but not kept), so an
 * oversized payload that could hold a violation is told from one that cannot.
 */
export function readStdin({ maxBytes, timeoutMs, mayMatter }: { maxBytes: number; timeoutMs: number; mayMatter?: (text: string) => boolean }): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tail = "";
    let couldMatch = false;
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
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      // Past the cap: nothing more is kept, but every byte is looked at.
      for (const kept of chunks.splice(0)) couldMatch ||= scan(kept);
      couldMatch ||= scan(chunk);
    });
    const scan = (chunk: Buffer): boolean => {
      const text = tail + chunk.toString("latin1");
      tail = text.slice(-OVERLAP);
      return mayMatter === undefined || mayMatter(text);
    };
    process.stdin.on("end", () => {
      if (size <= maxBytes) return finish();
      const error = new StdinError(`the payload is larger than ${maxBytes} bytes`);
      error.couldMatch = couldMatch;
      finish(error);
    });
    process.stdin.on("error", (error) => finish(new StdinError(`cannot read stdin (${error.message})`)));
  });
}
