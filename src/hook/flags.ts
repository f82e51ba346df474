/**
 * The flags of `integration-guard hook`, read the same way by the hook process (cli/commands/hook.ts)
 * and by the daemon for the fast client (daemon/raw.ts), which hands it its argv unread.
 */
import { parseArgs } from "node:util";
import type { HookOptions } from "./options.js";
import { AGENT_NAMES, HOOK_EVENTS } from "./names.js";

export const HOOK_USAGE =
  "Usage: integration-guard hook [--agent claude|codex|gemini|cursor] [--event pre|post|session-start|stop] [--fail-closed] [--rules DIR] [--baseline FILE] [--no-daemon]  (hook payload on stdin)\n";

const FLAGS = {
  "fail-closed": { type: "boolean" },
  rules: { type: "string" },
  baseline: { type: "string" },
  agent: { type: "string" },
  event: { type: "string" },
  "no-daemon": { type: "boolean" },
  help: { type: "boolean" },
} as const;

export type HookFlags = { help: true } | { help: false; options: HookOptions; noDaemon: boolean };

/** The call's options; throws an Error whose message says which flag is wrong (a usage error). */
export function parseHookFlags(args: readonly string[]): HookFlags {
  // The usual registration passes no flag: node:util's argument parser does no work then.
  const values = args.length === 0 ? {} : parseArgs({ args: [...args], options: FLAGS, strict: true }).values;
  if (values.help) return { help: true };
  const options: HookOptions = { failClosed: values["fail-closed"] ?? false, rules: values.rules };
  if (values.baseline !== undefined) options.baseline = values.baseline;
  if (values.agent !== undefined) options.agent = oneOf(AGENT_NAMES, values.agent, "--agent");
  if (values.event !== undefined) options.event = oneOf(HOOK_EVENTS, values.event, "--event");
  return { help: false, options, noDaemon: values["no-daemon"] ?? false };
}

function oneOf<T extends string>(allowed: readonly T[], value: string, flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`${flag} must be one of ${allowed.join(", ")} (got "${value}")`);
}
