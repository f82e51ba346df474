/**
 * GNU-style command-line options, read the way getopt_long does: `-abc` clusters, `-ovalue` /
 * `-o value` for a short option that takes a value, `--name=value` / `--name value` for a long
 * one, `--` ends the options, `-` alone is an operand. The caller says which options take values.
 */
import type { ShellWord } from "./tree.js";

export interface OptionSpec {
  /** Short option letters that take a value (`"tS"`). */
  short: string;
  /** Long options that take the next word as their value when written without `=`. */
  long: ReadonlySet<string>;
}

/**
 * Calls `on` with each option (`-t`, `--target-directory`) and its value, in order; returns the
 * operands, and whether an option word was only known at run time.
 */
export function readOptions(args: readonly ShellWord[], spec: OptionSpec, on: (option: string, value: ShellWord | undefined) => void): { operands: ShellWord[]; unknown: boolean } {
  const operands: ShellWord[] = [];
  let unknown = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const v = arg.value;
    if (v === "--") {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (!v.startsWith("-") || v === "-") {
      operands.push(arg);
      continue;
    }
    if (!arg.literal) unknown = true;
    if (v.startsWith("--")) {
      const eq = v.indexOf("=");
      const name = eq < 0 ? v : v.slice(0, eq);
      on(name, eq >= 0 ? { raw: arg.raw, value: v.slice(eq + 1), literal: arg.literal } : spec.long.has(name) ? args[++i] : undefined);
      continue;
    }
    for (let k = 1; k < v.length; k++) {
      const flag = v[k]!;
      if (spec.short.includes(flag)) {
        on(`-${flag}`, k + 1 < v.length ? { raw: arg.raw, value: v.slice(k + 1), literal: arg.literal } : args[++i]);
        break;
      }
      on(`-${flag}`, undefined);
    }
  }
  return { operands, unknown };
}
