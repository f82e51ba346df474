/**
 * A one-line progress bar for long lint runs: on stderr, only when it is a terminal (never in CI
 * logs or pipes), only for runs long enough to need one, and erased before the report is printed.
 */
/** Shorter runs finish before a bar would help. */
const MIN_FILES = 200;

export interface ProgressBar {
  update(done: number, total: number): void;
  clear(): void;
}

/** A one-line progress bar on stderr, only on a terminal and only when the run is long enough to need one. */
export function progressBar(total: number, stream: NodeJS.WriteStream): ProgressBar | undefined {
  if (!stream.isTTY || total < MIN_FILES) return undefined;
  const width = 30;
  let lastDrawn = -1;
  return {
    update(done) {
      const filled = Math.round((done / total) * width);
      if (filled === lastDrawn && done !== total) return;
      lastDrawn = filled;
      stream.write(`\r[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total} files`);
    },
    clear() {
      if (lastDrawn >= 0) stream.write("\r\u001b[2K");
    },
  };
}
