/**
 * Python tokens for the token-level scan (../token-scan.ts), used for text too large to parse:
 * names, numbers, strings (prefixes r b f u, single, double and triple quotes) and punctuation;
 * comments, line breaks and line continuations are skipped. One pass, linear.
 */
import type { Document, Fact } from "../../core/types.js";
import { scanTokenList, type Tok } from "../token-scan.js";
import { TABLE_METHODS } from "./sinks.js";

const DIALECT = { tableMethods: TABLE_METHODS, definition: "def" };

export function scanPython(doc: Document): Fact[] {
  return scanTokenList(pythonTokens(doc.text), DIALECT, 1);
}

const NAME_START = /[A-Za-z_\u0080-\uffff]/;
const NAME_PART = /[A-Za-z0-9_\u0080-\uffff]/;
const STRING_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/;
/** Punctuation of two or three characters, longest first. */
const OPERATORS = ["**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "==", "!=", "<=", ">=", "<<", ">>", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@="];

export function pythonTokens(text: string): Tok[] {
  const tokens: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || (c === "\\" && (text[i + 1] === "\n" || text[i + 1] === "\r"))) {
      i++;
      continue;
    }
    if (c === "#") {
      const end = text.indexOf("\n", i);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (c === '"' || c === "'") {
      i = readString(text, i, i, tokens);
      continue;
    }
    if (NAME_START.test(c)) {
      let end = i + 1;
      while (end < text.length && NAME_PART.test(text[end]!)) end++;
      const name = text.slice(i, end);
      if ((text[end] === '"' || text[end] === "'") && STRING_PREFIX.test(name)) {
        i = readString(text, end, i, tokens);
        continue;
      }
      tokens.push({ type: "IdentifierName", value: name, start: i, end });
      i = end;
      continue;
    }
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(text[i + 1] ?? ""))) {
      let end = i + 1;
      while (end < text.length && /[0-9A-Za-z_.]/.test(text[end]!)) end++;
      tokens.push({ type: "NumericLiteral", value: text.slice(i, end), start: i, end });
      i = end;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i)) ?? c;
    tokens.push({ type: "Punctuator", value: op, start: i, end: i + op.length });
    i += op.length;
  }
  return tokens;
}

/**
 * A string starting with the quote at `quote` (its prefix from `start`): the token's value is the
 * literal from its first quote, so the scan's unquote sees `"t"`. Returns the index after it.
 */
function readString(text: string, quote: number, start: number, tokens: Tok[]): number {
  const q = text[quote]!;
  const triple = text.startsWith(q.repeat(3), quote);
  const close = triple ? q.repeat(3) : q;
  let i = quote + close.length;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "\\") i += 2;
    else if (text.startsWith(close, i)) {
      i += close.length;
      break;
    } else if (!triple && c === "\n") break; // unterminated: ends at the line end, as Python's tokenizer reports
    else i++;
  }
  const end = Math.min(i, text.length);
  // A triple-quoted string's value keeps one quote each side, so unquote gives its text.
  const value = triple ? `${q}${text.slice(quote + 3, Math.max(quote + 3, end - 3))}${q}` : text.slice(quote, end);
  tokens.push({ type: "StringLiteral", value, start: triple ? start : Math.min(start, quote), end });
  return end;
}
