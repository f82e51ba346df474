/** Reads all of stdin with a size cap and a deadline, so a hook never hangs on a stuck pipe. */
export class StdinError extends Error {}

export function readStdin({ maxBytes, timeoutMs }: { maxBytes: number; timeoutMs: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
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
