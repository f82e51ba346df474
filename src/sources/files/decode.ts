/**
 * Bytes of a source file -> its text, for every place that reads code from disk or from git
 * (lint, `lint --staged`, the hook's reads of the file a tool call targets, its fast path).
 *
 * A byte order mark decides the encoding: UTF-8 (EF BB BF), UTF-16 LE (FF FE), UTF-16 BE (FE FF).
 * `supabase gen types` output redirected by Windows PowerShell is UTF-16 LE with a BOM: full of
 * NUL bytes, yet text, not binary. Without a BOM the file is UTF-8, and a NUL byte in the first
 * 8 KB means binary (the heuristic git and grep use). The BOM itself is not part of the text, so
 * columns match what editors show.
 */

/** A NUL byte this early (in a file without a UTF-16 BOM) means a binary file. */
const BINARY_SNIFF_BYTES = 8 * 1024;

export type DecodedText = { text: string } | { binary: true };

export function decodeSourceBytes(bytes: Uint8Array): DecodedText {
  const utf16 = decodeUtf16WithBom(bytes);
  if (utf16 !== undefined) return utf16.includes("\u0000") ? { binary: true } : { text: utf16 };
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { binary: true };
  const text = new TextDecoder("utf-8").decode(bytes); // drops a UTF-8 BOM (ignoreBOM is false)
  return { text };
}

/** The text of a UTF-16 file that starts with a BOM, or undefined when it does not start with one. */
export function decodeUtf16WithBom(bytes: Uint8Array): string | undefined {
  if (bytes.length < 2) return undefined;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    // FF FE 00 00 is a UTF-32 LE BOM: not UTF-16 (and not something we read).
    if (bytes.length >= 4 && bytes[2] === 0 && bytes[3] === 0) return undefined;
    return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    // Swap to little endian: Node's TextDecoder knows utf-16be only when built with full ICU.
    const swapped = new Uint8Array(bytes.length - 2 - (bytes.length % 2));
    for (let i = 0; i < swapped.length; i += 2) {
      swapped[i] = bytes[i + 3]!;
      swapped[i + 1] = bytes[i + 2]!;
    }
    return new TextDecoder("utf-16le").decode(swapped);
  }
  return undefined;
}
