/**
 * Where a credential comes from, in order: `--credential-file FILE` (`-` = stdin), stdin when it is
 * not a terminal (a pipe or a redirect), or a hidden prompt on a terminal. Never argv.
 */
import { readFile } from "node:fs/promises";
import type { ProviderCode } from "../../api/providers.js";
import { type Io, isTty } from "./io.js";
import { CancelledError, UsageError } from "./options.js";

/** Providers whose credential is a JSON document (may span lines when pasted). */
const JSON_PROVIDERS: ReadonlySet<ProviderCode> = new Set(["GCP_SA", "AWS_IAM", "AZURE", "OCI"]);

export async function readCredential(provider: ProviderCode, file: string | undefined, io: Io): Promise<string> {
  let text: string;
  if (file !== undefined && file !== "-") {
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      throw new UsageError(`cannot read --credential-file: ${(error as NodeJS.ErrnoException).code ?? "error"}`);
    }
  } else if (file === "-" || !isTty(io.stdin)) {
    text = await readAll(io.stdin);
  } else {
    text = await promptHidden(provider, io);
  }
  const credential = text.trim();
  if (!credential) throw new UsageError("the credential is empty");
  return credential;
}

export async function readJsonFile(file: string, flag: string): Promise<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${flag}: ${code ? `cannot read the file (${code})` : "not valid JSON"}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new UsageError(`${flag} must hold a JSON object`);
  }
  return value as Record<string, unknown>;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/** The prompt's state after some keystrokes (or a paste). */
export interface PromptState {
  buffer: string;
  done: boolean;
  cancelled: boolean;
}

/**
 * Applies raw terminal input to the prompt. Enter submits, except for JSON credentials that do not
 * parse yet (a pasted key file spans lines); Ctrl-D submits; Ctrl-C cancels; Backspace deletes.
 */
export function applyKeys(state: PromptState, input: string, json: boolean): PromptState {
  let { buffer } = state;
  for (const char of input) {
    if (char === "\u0003") return { buffer: "", done: true, cancelled: true };
    if (char === "\u0004") return { buffer, done: true, cancelled: false };
    if (char === "\r" || char === "\n") {
      if (!json || parses(buffer)) return { buffer, done: true, cancelled: false };
      buffer += "\n";
    } else if (char === "\u007f" || char === "\b") {
      buffer = buffer.slice(0, -1);
    } else if (char >= " " || char === "\t") {
      buffer += char;
    }
  }
  return { buffer, done: false, cancelled: false };
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Reads a secret from the terminal without echoing it. */
function promptHidden(provider: ProviderCode, io: Io): Promise<string> {
  const json = JSON_PROVIDERS.has(provider);
  const stdin = io.stdin;
  io.stderr.write(
    json
      ? `Paste the ${provider} credential JSON (hidden; Enter once it is complete, or use --credential-file): `
      : `Paste the ${provider} credential (hidden): `,
  );
  return new Promise((resolve, reject) => {
    let state: PromptState = { buffer: "", done: false, cancelled: false };
    const finish = () => {
      stdin.removeListener("data", onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      io.stderr.write("\n");
    };
    const onData = (data: Buffer | string) => {
      state = applyKeys(state, data.toString(), json);
      if (!state.done) return;
      finish();
      if (state.cancelled) reject(new CancelledError("cancelled"));
      else resolve(state.buffer);
    };
    stdin.setRawMode?.(true);
    stdin.resume();
    stdin.on("data", onData);
  });
}

/** Asks a yes/no question on the terminal; anything but y/yes is no. */
export function confirm(question: string, io: Io): Promise<boolean> {
  io.stderr.write(`${question} [y/N] `);
  return new Promise((resolve) => {
    const onData = (data: Buffer | string) => {
      io.stdin.removeListener("data", onData);
      io.stdin.pause();
      resolve(/^\s*y(es)?\s*$/i.test(data.toString()));
    };
    io.stdin.resume();
    io.stdin.on("data", onData);
  });
}
