/** integration-setup's exit codes (docs/integration-setup.md). */
export const EXIT = {
  ok: 0,
  /** The operation failed, the credential is INVALID, or debug found a problem. */
  failed: 1,
  /** Bad usage: unknown command or flag, missing argument, a secret offered on the command line. */
  usage: 2,
  /** The API refused the API key (401) or the key belongs to another org (403). */
  auth: 3,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
