#!/usr/bin/env node
/**
 * `integration-guard <command>`: a thin dispatcher. Each command lives in its own file under
 * commands/ and is imported only when asked for, so `integration-guard hook` loads the hook alone.
 * Built as dist/integration-guard.cjs with the hook command inside it (scripts/build.mjs): an agent
 * starts this file on every edit, and a CommonJS entry skips the ESM loader's start-up.
 */
import { EXIT, type Command } from "./command.js";
import { VERSION } from "../core/version.js";

const COMMANDS: Readonly<Record<string, () => Promise<{ default: Command }>>> = {
  hook: () => import("./commands/hook.js"),
  lint: () => import("./commands/lint.js"),
  "test-rules": () => import("./commands/test-rules.js"),
  rules: () => import("./commands/rules.js"),
  explain: () => import("./commands/explain.js"),
  install: () => import("./commands/install.js"),
  uninstall: () => import("./commands/uninstall.js"),
  doctor: () => import("./commands/doctor.js"),
  daemon: () => import("./commands/daemon.js"),
};

const USAGE = `integration-guard: keeps coding agents from writing the retired credential pattern back.

Usage:
  integration-guard hook [--agent A] [--event E]           Agent hook: Claude Code, Codex, Gemini CLI, Cursor (payload on stdin)
  integration-guard lint [paths...] [--format F] [--staged] Check files, trees or the git index
  integration-guard test-rules [--rules DIR]                Run every rule's valid/invalid examples (built-in and project rules)
  integration-guard rules new <id> [--kind K]               Write a rule to start from in .integration-guard/rules/
  integration-guard explain FILE:LINE[:COL]                 Why a finding fired: matcher, fact, chain of values
  integration-guard install [--claude] [--git] ...          Register the hook and the pre-commit check
  integration-guard uninstall                                Reverse install
  integration-guard doctor                                   Check that the registered hook really blocks
  integration-guard daemon [--status|--stop]                 The warm hook daemon (started by hook itself)

Exit codes: 0 ok, 1 a blocking finding (or a failed check), 2 usage or internal error.
Run 'integration-guard <command> --help' for a command's options.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stderr.write(`${USAGE}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === "--version" || name === "-v") {
    process.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`integration-guard: unknown command "${name}"\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  return (await load()).default(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`integration-guard: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = EXIT.internal;
  },
);
