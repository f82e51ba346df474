/**
 * `cp`, `mv`, `install` and `ln` arguments: which sources go where. The options that change where
 * a file lands are read (-t DIR, -T, -r / -R / -a, -n, -d, --target-directory=, --parents...);
 * the others (-f, -v, -p, --backup...) only need to be told apart from operands.
 */
import { readOptions } from "./options.js";
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
  let target: ShellWord | undefined;
  const { operands, unknown } = readOptions(args, { short: SHORT_VALUES[command], long: LONG_VALUES }, (option, value) => {
    if (option === "-t" || option === "--target-directory") target = value;
    else if (option === "-T" || option === "--no-target-directory") call.noTargetDirectory = true;
    else if (((option === "-r" || option === "-R" || option === "-a") && command === "cp") || option === "--recursive" || option === "--archive") call.recursive = true;
    else if ((option === "-n" && command !== "ln") || option === "--no-clobber") call.noClobber = true;
    else if ((option === "-s" && command === "ln") || option === "--symbolic") call.symbolic = true;
    else if ((option === "-d" || option === "--directory") && command === "install") call.directoriesOnly = true;
    else if (option === "--attributes-only") call.directoriesOnly = true;
    else if (option === "--parents") call.parents = true;
  });
  call.unknown = unknown || (target !== undefined && !target.literal);
  if (target) {
    call.intoDirectory = true;
    call.destination = target;
    call.sources = operands;
  } else {
    call.destination = operands.length >= 2 ? operands[operands.length - 1] : undefined;
    call.sources = operands.slice(0, -1);
  }
  return call;
}
