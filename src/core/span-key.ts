/** A Map key for a span, shared by the engine and the adapters that group facts by span. */
import type { Span } from "./types.js";

/**
 * One number for the spans of any document we parse (start and end below 2^26, exact in a double):
 * no string to build per fact (a large file has hundreds); a string beyond that, never a collision.
 */
export function spanKey(span: Span): number | string {
  return span.end < SPAN_KEY_LIMIT ? span.start * SPAN_KEY_LIMIT + span.end : `${span.start}:${span.end}`;
}
const SPAN_KEY_LIMIT = 2 ** 26;
