/**
 * How every agent's registration starts the guard's hook: the fast client (dist/integration-guard.pl,
 * docs/daemon.md) where perl is installed, else the Node bin (dist/integration-guard.cjs), with the
 * same arguments. Both give the same answers; the fast client skips a Node start (25-60 ms) on every
 * call the warm daemon answers.
 *
 * Chosen by a shell on each call, not at install time: settings files are committed, and a
 * teammate's machine (a container without perl) must still run the guard. The choice costs a `sh`
 * start (~1 ms). Without the fast client's file (an older build under newer settings) it runs node
 * too: perl on a missing script would exit 2, which Claude Code reads as "block this call". The script takes the bin's path without its extension as $1, so our recognisers
 * (claude-settings.ts callsGuard) see `.../dist/integration-guard" hook` as before.
 */

/** The shell program: `sh -c CHOOSER integration-guard <dist>/integration-guard hook [flags]`. */
export const CHOOSER = 'b=$1; shift; [ -f "$b.pl" ] && command -v perl >/dev/null 2>&1 && exec perl "$b.pl" "$@"; exec node "$b.cjs" "$@"';

/** The bin's path without `.cjs`: what the chooser is given. */
export const binBase = (script: string): string => script.replace(/\.cjs$/, "");

/** Exec form (Claude Code: `command` + `args`, `${CLAUDE_PROJECT_DIR}` substituted in each argument). */
export function hookExecForm(scriptPath: string, args: readonly string[]): { command: string; args: string[] } {
  return { command: "sh", args: ["-c", CHOOSER, "integration-guard", binBase(scriptPath), ...args] };
}

/** Shell form (Codex, Gemini CLI, Cursor: one command line); `pathExpression` is put in double quotes. */
export function hookShellForm(pathExpression: string, args: string): string {
  return `sh -c '${CHOOSER}' integration-guard "${binBase(pathExpression)}" ${args}`;
}
