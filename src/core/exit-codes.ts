/** integration-guard's documented exit codes (README, docs/lint.md), shared by every command and the daemon. */
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
