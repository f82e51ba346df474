/** What every CLI command file exports by default, and the documented exit codes. */
export type Command = (args: string[]) => Promise<number>;

export const EXIT = {
  /** Nothing blocking found / the operation succeeded. */
  ok: 0,
  /** A blocking finding, a failed check. */
  findings: 1,
  /** Bad usage (unknown flag, missing argument). */
  usage: 2,
  /** Internal error (same code as usage: "the tool could not do its job"). */
  internal: 2,
} as const;
