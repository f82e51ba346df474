/**
 * Everything the hook takes from, or gives to, its surroundings. The full hook (run.ts and the
 * agent sources) reads no process.stdout / stderr / env / cwd itself, so the same code answers a
 * hook process directly or a request the warm daemon (src/daemon/) serves for a client process.
 */
import { isAbsolute, normalize, resolve } from "node:path";

/** The only environment variables the hook reads: the project dirs agents export. */
export const HOOK_ENV_KEYS = ["CLAUDE_PROJECT_DIR", "GEMINI_PROJECT_DIR", "CURSOR_PROJECT_DIR"] as const;
export type HookEnv = Partial<Record<(typeof HOOK_ENV_KEYS)[number], string>>;

export interface HookIO {
  stdout(text: string): void;
  stderr(text: string): void;
  env: HookEnv;
  /** Where relative paths start when the payload has no cwd (the hook process's cwd). */
  cwd: string;
}

/** The hook env subset of an environment (values kept as given, "" included). */
export function hookEnvOf(env: Readonly<Record<string, string | undefined>>): HookEnv {
  const picked: HookEnv = {};
  for (const key of HOOK_ENV_KEYS) if (typeof env[key] === "string") picked[key] = env[key];
  return picked;
}

/** `path` against the caller's cwd, reading the cwd only when the path is relative. */
export function fromCaller(io: Pick<HookIO, "cwd">, path: string): string {
  return isAbsolute(path) ? normalize(path) : resolve(io.cwd, path);
}
