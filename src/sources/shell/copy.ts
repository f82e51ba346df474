/**
 * `cp`, `mv`, `install` and `ln` arguments: which sources go where. The options that change where
 * a file lands are read (-t DIR, -T, -r / -R / -a, -n, -d, --target-directory=, --parents...);
 * the others (-f, -v, -p, --backup...) only need to be told apart from operands.
 */
import type { ShellWord } from "./tree.js";

export type CopyCommand = "cp" | "mv" | "install" | "ln";

export interface CopyCall {
  sources: ShellWord[];
  /** The destination operand; with `intoDirectory` (-t) a directory. */
  destination: ShellWord | undefined;
  /** -t DIR: the destination is a directory. */
  intoDirectory: boolean;
  /** -T: the destination is the file (or directory) itself, never a directory to copy into. */
  noTargetDirectory: boolean;
  /** cp -r / -R / -a, mv (always): directories are copied with what they hold. */
  recursive: boolean;
  /** -n / --no-clobber: an existing destination is kept. */
  noClobber: boolean;
  /** ln without -s: a hard link; ln -s: a symbolic link, its target relative to the link's directory. */
  symbolic: boolean;
  /** install -d: directories only. */
  directoriesOnly: boolean;
  /** --parents (cp): the source's path is kept under the directory. */
  parents: boolean;
  /** An option this reader does not know, or one whose value is only known at run time. */
  unknown: boolean;
}

/** Short options that take a value, per command. */
const SHORT_VALUES: Readonly<Record<CopyCommand, string>> = { cp: "tS", mv: "tS", install: "tSgmo", ln: "tS" };
/** Long options that take a value when written without `=`. */
const LONG_VALUES = new Set(["--target-directory", "--suffix", "--group", "--mode", "--owner", "--strip-program", "--context"]);

export function parseCopyArgs(command: CopyCommand, args: readonly ShellWord[]): CopyCall {
  const call: CopyCall = {
    sources: [], destination: undefined, intoDirectory: false, noTargetDirectory: false, recursive: command === "mv", noClobber: false,
    symbolic: false, directoriesOnly: false, parents: false, unknown: false,
  };
  const operands: ShellWord[] = [];
  let target: ShellWord | undefined;
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
    if (!arg.literal) call.unknown = true;
    if (v.startsWith("--")) {
      const eq = v.indexOf("=");
      const name = eq < 0 ? v : v.slice(0, eq);
      const value = eq < 0 && LONG_VALUES.has(name) ? args[++i] : { ...arg, value: v.slice(eq + 1) };
      if (name === "--target-directory") target = value;
      else if (name === "--no-target-directory") call.noTargetDirectory = true;
      else if (name === "--recursive" || name === "--archive") call.recursive = true;
      else if (name === "--no-clobber") call.noClobber = true;
      else if (name === "--symbolic") call.symbolic = true;
      else if (name === "--directory") call.directoriesOnly = command === "install";
      else if (name === "--parents") call.parents = true;
      else if (name === "--attributes-only") call.directoriesOnly = true;
      continue;
    }
    for (let k = 1; k < v.length; k++) {
      const flag = v[k]!;
      if (SHORT_VALUES[command].includes(flag)) {
        const value = k + 1 < v.length ? { ...arg, value: v.slice(k + 1) } : args[++i];
        if (flag === "t") target = value;
        break;
      }
      if (flag === "T") call.noTargetDirectory = true;
      else if ((flag === "r" || flag === "R" || flag === "a") && command === "cp") call.recursive = true;
      else if (flag === "n" && command !== "ln") call.noClobber = true;
      else if (flag === "s" && command === "ln") call.symbolic = true;
      else if (flag === "d" && command === "install") call.directoriesOnly = true;
    }
  }
  if (target) {
    call.intoDirectory = true;
    call.destination = target;
    call.sources = operands;
  } else {
    call.destination = operands.length >= 2 ? operands[operands.length - 1] : undefined;
    call.sources = operands.slice(0, -1);
  }
  if (target && !target.literal) call.unknown = true;
  return call;
}
