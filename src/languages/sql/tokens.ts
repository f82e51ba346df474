/**
 * A small PostgreSQL tokenizer: enough to split a script into statements without being fooled by
 * `;` inside strings, dollar-quoted bodies or comments, to find the exact span of a name the
 * parser only gives a start offset for, and to scan a statement that does not parse.
 * Offsets are UTF-16 offsets into the text given (JavaScript string indices).
 */

export type SqlTokenKind = "word" | "quoted" | "string" | "number" | "param" | "punct";

export interface SqlToken {
  kind: SqlTokenKind;
  start: number;
  end: number;
  /**
   * The name a word or quoted identifier stands for: unquoted words fold to lower case,
   * `"Quoted"` keeps its case (with `""` unescaped). For other tokens the raw text.
   */
  value: string;
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const DOLLAR_TAG = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/;

export function tokenize(text: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f") {
      i++;
    } else if (c === "-" && next === "-") {
      const eol = text.indexOf("\n", i);
      i = eol < 0 ? text.length : eol;
    } else if (c === "/" && next === "*") {
      i = skipBlockComment(text, i);
    } else if (c === "'" || ((c === "E" || c === "e") && next === "'")) {
      const start = i;
      i = skipQuoted(text, c === "'" ? i : i + 1, "'", c !== "'");
      tokens.push({ kind: "string", start, end: i, value: text.slice(start, i) });
    } else if (c === '"') {
      const start = i;
      i = skipQuoted(text, i, '"', false);
      const inner = text.slice(start + 1, text[i - 1] === '"' && i - 1 > start ? i - 1 : i);
      tokens.push({ kind: "quoted", start, end: i, value: inner.replace(/""/g, '"') });
    } else if (c === "$" && next !== undefined && /[0-9]/.test(next)) {
      const start = i++;
      while (i < text.length && /[0-9]/.test(text[i]!)) i++;
      tokens.push({ kind: "param", start, end: i, value: text.slice(start, i) });
    } else if (c === "$" && DOLLAR_TAG.test(text.slice(i, i + 64))) {
      const tag = DOLLAR_TAG.exec(text.slice(i, i + 64))![0];
      const close = text.indexOf(tag, i + tag.length);
      const end = close < 0 ? text.length : close + tag.length;
      tokens.push({ kind: "string", start: i, end, value: text.slice(i, end) });
      i = end;
    } else if (WORD_START.test(c)) {
      const start = i++;
      while (i < text.length && WORD_PART.test(text[i]!)) i++;
      tokens.push({ kind: "word", start, end: i, value: text.slice(start, i).toLowerCase() });
    } else if (/[0-9]/.test(c) || (c === "." && next !== undefined && /[0-9]/.test(next))) {
      const start = i++;
      while (i < text.length && /[0-9.eE_]/.test(text[i]!)) i++;
      tokens.push({ kind: "number", start, end: i, value: text.slice(start, i) });
    } else {
      tokens.push({ kind: "punct", start: i, end: i + 1, value: c });
      i++;
    }
  }
  return tokens;
}

/** `/* ... *\/` comments nest in PostgreSQL. Returns the offset after the comment (or the text end). */
function skipBlockComment(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    if (text.startsWith("/*", i)) {
      depth++;
      i += 2;
    } else if (text.startsWith("*/", i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return text.length;
}

/** From an opening quote at `start`: the offset after the closing quote; a doubled quote escapes. */
function skipQuoted(text: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (backslashEscapes && c === "\\") i += 2;
    else if (c === quote && text[i + 1] === quote) i += 2;
    else if (c === quote) return i + 1;
    else i++;
  }
  return text.length;
}

export interface StatementRange {
  start: number;
  end: number;
  /** Tokens of the statement, without the closing `;`. */
  tokens: SqlToken[];
}

/** Statements of a script: split at top-level `;` tokens; empty statements are dropped. */
export function splitStatements(tokens: readonly SqlToken[]): StatementRange[] {
  const statements: StatementRange[] = [];
  let current: SqlToken[] = [];
  const flush = () => {
    if (current.length > 0) statements.push({ start: current[0]!.start, end: current[current.length - 1]!.end, tokens: current });
    current = [];
  };
  for (const token of tokens) {
    if (token.kind === "punct" && token.value === ";") flush();
    else current.push(token);
  }
  flush();
  return statements;
}

/**
 * A dotted name starting at token `index` (`schema.table`, `"Quoted".col`): its parts and the
 * index after it. Undefined when no name starts there.
 */
export function readQualifiedName(
  tokens: readonly SqlToken[],
  index: number,
): { parts: SqlToken[]; next: number } | undefined {
  const first = tokens[index];
  if (!first || (first.kind !== "word" && first.kind !== "quoted")) return undefined;
  const parts = [first];
  let i = index + 1;
  while (tokens[i]?.value === "." && tokens[i]!.kind === "punct" && (tokens[i + 1]?.kind === "word" || tokens[i + 1]?.kind === "quoted")) {
    parts.push(tokens[i + 1]!);
    i += 2;
  }
  return { parts, next: i };
}

/** Index of the first token starting at or after `offset` (binary search; tokens are sorted). */
export function tokenIndexAt(tokens: readonly SqlToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
