/**
 * Getting an AST out of text that does not parse (oxc gives an empty program on a syntax error):
 * close brackets a truncated file leaves open, then blank the line(s) of each error, keeping
 * every offset, and try again a few times. The blanked lines are then read by the token scan.
 */
import type { Span } from "../../core/types.js";
import { type ParseError, type Parsed, parseFailed, parseText } from "./parse.js";
import { missingClosers } from "./tokens.js";

const MAX_ROUNDS = 8;

export interface Recovered {
  /** A program for the text (possibly with lines blanked), or undefined when recovery failed. */
  parsed: Parsed | undefined;
  /** Ranges of the document the program does not cover: read them with the token scan. */
  blanked: Span[];
  /** The original text's first error, when it had one. */
  firstError: ParseError | undefined;
}

export function parseWithRecovery(path: string, text: string, typescript = false): Recovered {
  const parse = (source: string): Parsed => parseText(path, source, typescript);
  let parsed = parse(text);
  const firstError = parsed.errors[0];
  if (!parseFailed(parsed, text)) return { parsed, blanked: [], firstError };

  let current = text;
  const closed = atEnd(parsed, text) ? closeBrackets(text, parse) : undefined;
  if (closed) return { parsed: closed, blanked: [], firstError };
  const blanked: Span[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const error = parsed.errors[0];
    if (!error) break;
    const range = linesOf(current, error.start, error.end);
    if (current.slice(range.start, range.end).trim() === "") break; // nothing left to remove there
    current = current.slice(0, range.start) + blank(current.slice(range.start, range.end)) + current.slice(range.end);
    blanked.push(range);
    parsed = parse(current);
    if (parseFailed(parsed, current)) {
      // The blanked line may have opened a block that now never closes.
      const closedNow = atEnd(parsed, current) ? closeBrackets(current, parse) : undefined;
      if (!closedNow) continue;
      parsed = closedNow;
    }
    return { parsed, blanked, firstError };
  }
  return { parsed: undefined, blanked, firstError };
}

/** Did the parser run out of text (an unclosed bracket, string or template)? */
function atEnd(parsed: Parsed, text: string): boolean {
  const error = parsed.errors[0];
  return error !== undefined && error.start >= text.trimEnd().length;
}

/** The text with the brackets it leaves open closed after its end (offsets unchanged), if that parses. */
function closeBrackets(text: string, parse: (source: string) => Parsed): Parsed | undefined {
  const closers = missingClosers(text);
  if (!closers) return undefined;
  const closed = parse(`${text}\n${closers}`);
  return parseFailed(closed, text) ? undefined : closed;
}

/** The whole lines holding [start, end), without the final line break. */
function linesOf(text: string, start: number, end: number): Span {
  const from = text.lastIndexOf("\n", Math.max(0, Math.min(start, text.length) - 1)) + 1;
  let to = text.indexOf("\n", Math.max(end, start));
  if (to < 0) to = text.length;
  return { start: Math.min(from, to), end: to };
}

/** Spaces for every code unit but line breaks, so lengths and line numbers stay. */
function blank(text: string): string {
  return text.replace(/[^\r\n]/g, " ");
}
