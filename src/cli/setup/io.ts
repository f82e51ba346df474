/**
 * What a command may touch of the outside world, passed in so the whole CLI runs in-process in
 * tests as well as in the real binary. Data goes to `stdout`, prose to `stderr` (gh/knip style).
 */
export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadStream;
  env: NodeJS.ProcessEnv;
}

export function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

export function isTty(stream: NodeJS.WritableStream | NodeJS.ReadStream): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}

/** Colour only on a terminal, never with NO_COLOR (https://no-color.org) or TERM=dumb. */
export function colorsFor(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv): Colors {
  const on = isTty(stream) && !env.NO_COLOR && env.TERM !== "dumb";
  const paint = (code: number) => (text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);
  return { green: paint(32), red: paint(31), yellow: paint(33), dim: paint(2), bold: paint(1) };
}

export interface Colors {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export function writeLine(stream: NodeJS.WritableStream, text = ""): void {
  stream.write(`${text}\n`);
}
