/**
 * `integration-setup serve ...`: the local reference server (src/server/). Imported only when
 * asked for, so the other commands never load SQLite.
 */
export async function serveCommand(args: string[]): Promise<number> {
  const { runServeCommand } = await import("../../server/serve-command.js");
  return runServeCommand(args);
}
