/**
 * The service's size rules for what a caller sends, shared by the client's local checks and the
 * reference server (spec "Endpoints"; measured against the production service, docs/client.md):
 *
 * - credential: 10 characters at least; at most 100,000 on setup but 50,000 on update (PUT), and at
 *   most 100,000 bytes in UTF-8 (beyond that the service answers 413, not 422);
 * - metadata: at most 50 KiB once serialised the way the service serialises it (Python's
 *   `json.dumps` defaults: ", " and ": " separators, non-ASCII escaped), else 413.
 */
export type CredentialOperation = "setup" | "update";

export const CREDENTIAL_MIN_CHARS = 10;
export const CREDENTIAL_MAX_CHARS: Readonly<Record<CredentialOperation, number>> = { setup: 100_000, update: 50_000 };
export const CREDENTIAL_MAX_BYTES = 100_000;
export const METADATA_MAX_BYTES = 50 * 1024;

/**
 * The byte length of `json.dumps(value)` with Python's defaults, which is what the service measures
 * (JSON.stringify is shorter: no spaces after separators, non-ASCII left as is).
 */
export function pythonJsonBytes(value: unknown): number {
  if (value === null || value === undefined) return 4; // null
  if (typeof value === "boolean") return value ? 4 : 5;
  if (typeof value === "number") return Number.isFinite(value) ? String(value).length : 3; // NaN
  if (typeof value === "string") return pythonStringBytes(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return 2;
    return 2 + value.reduce((sum: number, item) => sum + pythonJsonBytes(item), 0) + (value.length - 1) * 2;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return 2;
    const inner = entries.reduce((sum, [key, item]) => sum + pythonStringBytes(key) + 2 + pythonJsonBytes(item), 0);
    return 2 + inner + (entries.length - 1) * 2;
  }
  return 4;
}

/** A JSON string as Python writes it with ensure_ascii: quotes, escapes, \uXXXX for non-ASCII. */
function pythonStringBytes(text: string): number {
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22 || code === 0x5c || code === 0x0a || code === 0x0d || code === 0x09 || code === 0x08 || code === 0x0c) bytes += 2;
    else if (code < 0x20 || code > 0x7f) bytes += 6; // \u00XX, or each UTF-16 unit of non-ASCII
    else bytes += 1;
  }
  return bytes;
}
