/**
 * Bytes -> Document, shared by the file walker and the git index reader: files that cannot be
 * checked (too large, binary, unreadable, no language) become a clear error, never a crash.
 */
import { readFileSync, statSync } from "node:fs";
import type { Document } from "../../core/types.js";
import { languageOfPath } from "../../languages/registry.js";
import { MAX_DOCUMENT_BYTES } from "../../core/limits.js";
import { decodeSourceBytes } from "./decode.js";

/** A file that could not be checked, in the JSON contract's shape. */
export interface LintError {
  file: string;
  message: string;
}

export type ReadResult = { document: Document } | { error: LintError };

/** `display` is the path reported to the user (relative to cwd, forward slashes). */
export function documentOfBytes(display: string, bytes: Uint8Array): ReadResult {
  const language = languageOfPath(display);
  if (!language) return { error: { file: display, message: "no language for this file extension; not checked" } };
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    return { error: { file: display, message: `file is larger than 2 MB (${bytes.length} bytes); not checked` } };
  }
  // UTF-8 or, with a byte order mark, UTF-16 (decode.ts); the BOM is not part of the text.
  const decoded = decodeSourceBytes(bytes);
  if ("binary" in decoded) return { error: { file: display, message: "binary file (NUL byte in the first 8 KB); not checked" } };
  return { document: { path: display, text: decoded.text, language } };
}

/**
 * Synchronous on purpose: lint reads thousands of small files one after another in each thread,
 * and an async read costs several thread-pool round trips per file that nothing overlaps
 * (measured: a quarter of a one-thread lint of 2,000 files was spent idle waiting for them).
 */
export function readDocument(absolute: string, display: string): ReadResult {
  try {
    // Check the size before reading so a 2 GB file is never loaded; a FIFO or device is never read.
    const info = statSync(absolute);
    if (!info.isFile()) return { error: { file: display, message: "not a regular file; not checked" } };
    if (info.size > MAX_DOCUMENT_BYTES) return { error: { file: display, message: `file is larger than 2 MB (${info.size} bytes); not checked` } };
    return documentOfBytes(display, readFileSync(absolute));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { error: { file: display, message: `cannot read the file (${code ?? (error as Error).message})` } };
  }
}
