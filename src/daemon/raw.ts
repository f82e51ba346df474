/**
 * The daemon's side of the fast client (dist/integration-guard.pl, src/daemon/fast-client.pl;
 * docs/daemon.md). That client starts in ~3 ms where a Node process needs a `node -e 0` (25-60 ms),
 * and it hands over what the Node hook command would have read: its argv after `hook`, the hook env,
 * its cwd and the payload's bytes. Everything the Node command does with them happens here, in the
 * same order: flags, the fast path, the full hook. Framing: protocol.ts.
 */
import { EXIT } from "../core/exit-codes.js";
import { payloadNeedsNoCheck } from "../hook/fast-path.js";
import { HOOK_USAGE, parseHookFlags } from "../hook/flags.js";
import { hookEnvOf, type HookIO } from "../hook/io.js";
import { runHook, type WarmAids } from "../hook/run.js";
import { RAW_PREFIX, type RawHeader } from "./protocol.js";

export interface RawAnswer {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const PREFIX = Buffer.from(RAW_PREFIX);

export const isRawRequest = (bytes: Buffer): boolean => bytes.subarray(0, PREFIX.length).equals(PREFIX);

/** A raw request's header and payload; undefined when the header is missing or malformed. */
export function parseRawRequest(bytes: Buffer): { header: RawHeader; payload: string } | undefined {
  const end = bytes.indexOf(0x0a, PREFIX.length);
  if (end < 0) return undefined;
  let header: unknown;
  try {
    header = JSON.parse(bytes.toString("utf8", PREFIX.length, end));
  } catch {
    return undefined;
  }
  return isRawHeader(header) ? { header, payload: bytes.toString("utf8", end + 1) } : undefined;
}

/** What `integration-guard hook <argv>` would print and exit with for this payload, from `cwd`. */
export async function answerRaw(header: RawHeader, payload: string, warm: WarmAids): Promise<RawAnswer> {
  let flags: ReturnType<typeof parseHookFlags>;
  try {
    flags = parseHookFlags(header.argv);
  } catch (error) {
    return { exitCode: EXIT.usage, stdout: "", stderr: `integration-guard hook: ${(error as Error).message}\n${HOOK_USAGE}` };
  }
  if (flags.help) return { exitCode: EXIT.ok, stdout: "", stderr: HOOK_USAGE };
  const env = hookEnvOf(header.env);
  // The daemon's own env says where the project rules' cache is; the client's says where its project is.
  if (flags.options.rules === undefined && payloadNeedsNoCheck(payload, { ...process.env, ...env }, header.cwd)) {
    return { exitCode: EXIT.ok, stdout: "", stderr: "" };
  }
  let stdout = "";
  let stderr = "";
  const io: HookIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env, cwd: header.cwd };
  const exitCode = await runHook(payload, flags.options, io, warm);
  return { exitCode, stdout, stderr };
}

export function encodeRawAnswer(answer: RawAnswer): Buffer {
  const stdout = Buffer.from(answer.stdout, "utf8");
  const stderr = Buffer.from(answer.stderr, "utf8");
  return Buffer.concat([Buffer.from(`${answer.exitCode} ${stdout.length} ${stderr.length}\n`), stdout, stderr]);
}

/** The client runs the Node hook command instead (another build's daemon, one that is stopping, a bad request). */
export const rawRefusal = (reason: string): Buffer => Buffer.from(`ERR ${reason}\n`);

function isRawHeader(value: unknown): value is RawHeader {
  if (typeof value !== "object" || value === null) return false;
  const { key, argv, env, cwd } = value as Record<string, unknown>;
  return (
    typeof key === "string" &&
    typeof cwd === "string" &&
    cwd.startsWith("/") &&
    Array.isArray(argv) &&
    argv.every((a) => typeof a === "string") &&
    typeof env === "object" &&
    env !== null &&
    Object.values(env).every((v) => typeof v === "string")
  );
}
