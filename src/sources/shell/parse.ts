/**
 * The gate in front of the lexer: sh-syntax (mvdan/sh as WASM) says whether the text is valid
 * shell at all. A command bash would refuse writes nothing, so it is allowed with a note; the
 * lexer then reads the structure sh-syntax does not expose (see lexer.ts).
 *
 * Cost, measured on Node 20 (2 cores): importing sh-syntax 25-50 ms, the first parse 35-95 ms
 * (WASM compile + Go runtime start), and each further parse starts a new Go instance (~50 ms), so
 * a hook parses once per call. It is imported only after precheck.ts let the command through.
 */

export type ShellSyntax = { ok: true; note?: string } | { ok: false; reason: string };

export async function checkShellSyntax(command: string): Promise<ShellSyntax> {
  let parse: (text: string, options?: { keepComments?: boolean }) => Promise<unknown>;
  try {
    ({ parse } = await import("sh-syntax"));
  } catch (error) {
    // Without the parser the lexer still reads the command; say so once.
    return { ok: true, note: `sh-syntax could not be loaded (${(error as Error).message}); read with the lexer alone` };
  }
  try {
    await parse(command, { keepComments: false });
    return { ok: true };
  } catch (error) {
    const message = (error as { Text?: string; message?: string }).Text ?? (error as Error).message ?? String(error);
    return { ok: false, reason: String(message).split("\n")[0]!.slice(0, 160) };
  }
}
