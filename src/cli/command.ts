/** What every CLI command file exports by default, the documented exit codes, and argument parsing. */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { EXIT } from "../core/exit-codes.js";

export type Command = (args: string[]) => Promise<number>;

export { EXIT };

type Options = NonNullable<ParseArgsConfig["options"]>;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O & { help: { type: "boolean"; short: "h" } }; allowPositionals: true; strict: true }>>;

/**
 * A command's arguments, parsed strictly (positionals allowed), with -h/--help added. A bad flag
 * prints the problem and `usage` (exit 2), --help prints `usage` (exit 0): the caller returns the
 * number it gets instead of the parsed arguments.
 */
export function commandArgs<O extends Options>(command: string, usage: string, args: string[], options: O): Parsed<O> | number {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args, options: { ...options, help: { type: "boolean", short: "h" } as const }, allowPositionals: true, strict: true }) as Parsed<O>;
  } catch (error) {
    return usageError(command, usage, (error as Error).message);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stderr.write(`${usage}\n`);
    return EXIT.ok;
  }
  return parsed;
}

/** `integration-guard <command>: <problem>` and the usage, on stderr; exit 2. */
export function usageError(command: string, usage: string, problem: string): number {
  process.stderr.write(`integration-guard ${command}: ${problem}\n\n${usage}\n`);
  return EXIT.usage;
}
