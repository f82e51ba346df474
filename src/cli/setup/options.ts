/**
 * Options shared by the commands that talk to the API, and the guard that keeps secrets off the
 * command line: argv is visible to every user of the machine (ps, /proc) and lands in shell
 * history, so `--credential` and `--api-key` are refused, and usage errors never quote arguments
 * that might be secrets.
 */
import { readFile } from "node:fs/promises";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { ORG_SLUG_PATTERN, type ProviderCode, resolveProvider } from "../../api/providers.js";
import { DEFAULT_BASE_URL, IntegrationsClient, sharedRateBudget } from "../../client/index.js";
import type { Io } from "./io.js";

export class UsageError extends Error {
  override name = "UsageError";
}

/** The user stopped a prompt (Ctrl-C): a failed operation, not a usage mistake. */
export class CancelledError extends Error {
  override name = "CancelledError";
}

type OptionSpecs = NonNullable<ParseArgsConfig["options"]>;

export const API_OPTIONS = {
  "base-url": { type: "string" },
  "api-key-file": { type: "string" },
  "timeout-ms": { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies OptionSpecs;

const SECRET_FLAGS: Readonly<Record<string, string>> = {
  "--credential": "credentials are never read from the command line (visible in ps and shell history): use --credential-file FILE, pipe it on stdin, or answer the hidden prompt",
  "--api-key": "the API key is never read from the command line: set INTEGRATIONS_API_KEY or use --api-key-file FILE",
  "--key": "secrets are never read from the command line: use --credential-file FILE or stdin",
  "--secret": "secrets are never read from the command line: use --credential-file FILE or stdin",
};

/** Parses argv strictly; throws UsageError with a message that quotes no argument value. */
export function parseCommandArgs<O extends OptionSpecs>(args: string[], options: O) {
  for (const arg of args) {
    const flag = arg.split("=")[0] ?? "";
    const why = SECRET_FLAGS[flag];
    if (why) throw new UsageError(`${flag} is not accepted: ${why}`);
  }
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs names unknown options ("Unknown option '--x'"); it never sees a secret flag here.
    throw new UsageError((error as Error).message.split(". ")[0] ?? "invalid arguments");
  }
}

/** Positional arguments exactly as many as `names`, else a UsageError that does not echo extras. */
export function expectPositionals(positionals: string[], names: string[]): string[] {
  if (positionals.length < names.length) {
    throw new UsageError(`missing argument: expected ${names.map((n) => `<${n}>`).join(" ")}`);
  }
  if (positionals.length > names.length) {
    throw new UsageError(
      `too many arguments: expected ${names.map((n) => `<${n}>`).join(" ")} (a credential is never an argument: use --credential-file or stdin)`,
    );
  }
  return positionals;
}

/** Quotes what the user typed only when it cannot be a secret (short, plain, no key prefix). */
export function shown(text: string): string {
  const plain = /^[A-Za-z0-9_.-]{1,30}$/.test(text) && !/^(sk-|AIza|AKIA)/.test(text) && !text.includes("_api_");
  return plain ? `"${text}"` : "(value not shown)";
}

export function orgArg(org: string): string {
  if (!ORG_SLUG_PATTERN.test(org)) {
    throw new UsageError(`invalid org slug ${shown(org)}: 3 to 50 characters of a-z, 0-9 and _`);
  }
  return org;
}

export function providerArg(name: string): ProviderCode {
  const code = resolveProvider(name);
  if (!code) {
    throw new UsageError(
      `unknown provider ${shown(name)}: one of openai, anthropic (claude), gemini (google), deepseek, gcp (gcp_sa), aws (aws_iam), azure, oci`,
    );
  }
  return code;
}

/** The longest wait the CLI sits through before a retry; beyond it, it says how long to wait. */
export const CLI_MAX_WAIT_MS = 10_000;

export interface ApiValues {
  "base-url"?: string | undefined;
  "api-key-file"?: string | undefined;
  "timeout-ms"?: string | undefined;
}

export function baseUrlOf(values: ApiValues, io: Io): string {
  return values["base-url"] ?? io.env.INTEGRATIONS_API_URL ?? DEFAULT_BASE_URL;
}

/** The client, configured from the flags and the environment; the key never comes from argv. */
export async function clientFrom(values: ApiValues, io: Io): Promise<IntegrationsClient> {
  const apiKey = await apiKeyOf(values, io);
  let timeoutMs: number | undefined;
  if (values["timeout-ms"] !== undefined) {
    timeoutMs = Number(values["timeout-ms"]);
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new UsageError("--timeout-ms must be a positive integer");
  }
  // One budget of the service's rate limits for everything this command sends (docs/client.md);
  // a wait over 10 s is reported (with how long) rather than sat through in silence.
  return new IntegrationsClient({
    baseUrl: baseUrlOf(values, io),
    apiKey,
    rateBudget: sharedRateBudget(),
    maxRetryWaitMs: CLI_MAX_WAIT_MS,
    ...(timeoutMs ? { timeoutMs } : {}),
  });
}

async function apiKeyOf(values: ApiValues, io: Io): Promise<string> {
  const file = values["api-key-file"];
  if (file !== undefined) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      throw new UsageError(`cannot read --api-key-file: ${(error as NodeJS.ErrnoException).code ?? "error"}`);
    }
    const key = text.trim();
    if (!key) throw new UsageError("--api-key-file is empty");
    return key;
  }
  const key = io.env.INTEGRATIONS_API_KEY?.trim();
  if (!key) throw new UsageError("no API key: set INTEGRATIONS_API_KEY or pass --api-key-file FILE");
  return key;
}
