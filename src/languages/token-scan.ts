/**
 * Token-level scan for text that is not parsed (it does not parse, or it is too large to): the
 * language's tokenizer knows strings and comments, so a name in a comment or a log message is
 * never taken for code (rules.md: never a plain regex over comments and strings). Recognises the
 * shapes the rules care about: `.from("t")` (Python: `.table("t")`) chains with their written keys,
 * select text and filters, function definitions and calls. Linear in the number of tokens.
 * Tokenizers: typescript/tokens.ts (js-tokens), python/tokens.ts.
 */
import type { Fact, Span } from "../core/types.js";
import { parseSelect } from "./postgrest-select.js";

/** Query builder methods that write rows (their object keys are written columns). */
export const WRITE_METHODS = new Set(["insert", "update", "upsert"]);

/** What differs between the languages the scan reads. */
export interface Dialect {
  /** The methods that name a table: `from` (supabase-js), `table` / `from_` (supabase-py). */
  tableMethods: ReadonlySet<string>;
  /** The keyword before a function's name: `function`, `def`. */
  definition: string;
}

export interface Tok {
  type: string;
  value: string;
  start: number;
  end: number;
}

const KEYWORDS = new Set([
  "if", "for", "while", "switch", "catch", "function", "return", "typeof", "new", "await", "delete", "void", "in", "of",
  "instanceof", "yield", "super", "import", "class", "with", "do", "else", "case", "default", "throw", "try", "finally",
  "const", "let", "var", "export", "async", "static", "get", "set", "public", "private", "protected", "readonly",
]);
const NOT_TABLE_RECEIVERS = new Set(["Array", "Buffer", "Object", "Set", "Map", "Promise", "Iterator", "Readable", "Uint8Array", "storage"]);
const FILTER_METHODS = new Set(["eq", "neq", "gt", "gte", "lt", "lte", "like", "ilike", "is", "in", "contains", "order", "filter"]);
const METHOD_PREFIX = new Set(["{", "}", ";", ",", "async", "static", "public", "private", "protected", "get", "set", "*", "readonly"]);

function isString(token: Tok | undefined): boolean {
  return token?.type === "StringLiteral" || token?.type === "NoSubstitutionTemplate";
}

function unquote(token: Tok): string {
  const inner = token.value.slice(1, -1);
  return inner.includes("\\") ? inner.replace(/\\(.)/g, "$1") : inner;
}

/** Index of the token closing the bracket opened at `open`, or the last token. */
function matching(tokens: readonly Tok[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const v = tokens[i]!.type === "Punctuator" ? tokens[i]!.value : "";
    if (v === "(" || v === "{" || v === "[") depth++;
    else if (v === ")" || v === "}" || v === "]") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return tokens.length - 1;
}

function is(token: Tok | undefined, value: string): boolean {
  return token !== undefined && token.value === value && (token.type === "Punctuator" || token.type === "IdentifierName");
}

/**
 * Facts from tokens. With `ranges`, only facts anchored inside them (the lines recovery blanked
 * out; the rest of the file came from the parser).
 */
export function scanTokenList(tokens: readonly Tok[], dialect: Dialect, firstQuery: number, ranges?: readonly Span[]): Fact[] {
  const facts: Fact[] = [];
  let nextQuery = firstQuery;
  const inRange = (offset: number): boolean => !ranges || ranges.some((r) => offset >= r.start && offset < r.end);
  // `x = createClient(` / `x = await createClient(`: the factory behind a receiver name.
  const factories = new Map<string, string>();
  const definedAt = new Set<number>();

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type !== "IdentifierName") continue;
    const next = tokens[i + 1];

    if (is(next, "=")) {
      let j = i + 2;
      if (is(tokens[j], "await")) j++;
      if (tokens[j]?.type === "IdentifierName" && is(tokens[j + 1], "(")) factories.set(t.value, tokens[j]!.value);
      if (inRange(t.start) && isFunctionValue(tokens, i + 2)) definedAt.add(i);
    } else if (is(next, ":") && inRange(t.start) && isFunctionValue(tokens, i + 2) && isKeyPosition(tokens[i - 1])) {
      definedAt.add(i);
    }
    if (t.value === dialect.definition && tokens[i + 1]?.type === "IdentifierName") definedAt.add(i + 1);
    if (t.value === "function" && is(tokens[i + 1], "*") && tokens[i + 2]?.type === "IdentifierName") definedAt.add(i + 2);

    if (!is(next, "(") || KEYWORDS.has(t.value) || !inRange(t.start)) continue;
    const close = matching(tokens, i + 1);
    const prev = tokens[i - 1];
    const isMethodDefinition = bodyFollows(tokens, close) && (prev === undefined || METHOD_PREFIX.has(prev.value)) && !is(prev, ".");
    if (definedAt.has(i) || is(prev, dialect.definition) || isMethodDefinition) {
      definedAt.add(i);
      continue;
    }
    facts.push({ kind: "function-call", name: t.value, span: { start: t.start, end: t.end } });

    if (dialect.tableMethods.has(t.value) && (is(prev, ".") || is(prev, "?.")) && isString(tokens[i + 2]) && close === i + 3) {
      const receiver = tokens[i - 2];
      if (receiver?.type === "IdentifierName" && NOT_TABLE_RECEIVERS.has(receiver.value)) continue;
      const factory = receiver?.type === "IdentifierName" ? factories.get(receiver.value) : undefined;
      nextQuery = scanChain(tokens, i, close, nextQuery, factory, facts);
    }
  }
  for (const index of definedAt) {
    const t = tokens[index]!;
    if (inRange(t.start)) facts.push({ kind: "function-definition", name: t.value, span: { start: t.start, end: t.end } });
  }
  return facts;
}

/** After a parameter list: `{`, or a TS return type then `{` (`save(a: string): Promise<void> {`). */
function bodyFollows(tokens: readonly Tok[], close: number): boolean {
  if (is(tokens[close + 1], "{")) return true;
  if (!is(tokens[close + 1], ":")) return false;
  for (let j = close + 2; j < tokens.length && j < close + 40; j++) {
    const v = tokens[j]!.value;
    if (v === "{") return !is(tokens[j - 1], ":") && !is(tokens[j - 1], "|") && !is(tokens[j - 1], "<");
    if (v === ";" || v === "}" || v === "=" || v === "=>" || v === ")") return false;
  }
  return false;
}

/** `function`, `async function`, `(...) =>`, `async (...) =>`, `x =>` starting at tokens[i]. */
function isFunctionValue(tokens: readonly Tok[], i: number): boolean {
  let j = i;
  if (is(tokens[j], "async")) j++;
  if (is(tokens[j], "function")) return true;
  if (tokens[j]?.type === "IdentifierName" && is(tokens[j + 1], "=>")) return true;
  if (!is(tokens[j], "(")) return false;
  const close = matching(tokens, j);
  return is(tokens[close + 1], "=>") || is(tokens[close + 1], ":");
}

function isKeyPosition(prev: Tok | undefined): boolean {
  return prev !== undefined && (prev.value === "{" || prev.value === ",");
}

/** The chain after `.from("t")`: table access, written keys, select columns, filters. */
function scanChain(tokens: readonly Tok[], fromIndex: number, fromClose: number, query: number, factory: string | undefined, facts: Fact[]): number {
  const calls: { name: string; open: number; close: number }[] = [];
  let j = fromClose + 1;
  while (is(tokens[j], ".") || is(tokens[j], "?.")) {
    const name = tokens[j + 1];
    if (name?.type !== "IdentifierName" || !is(tokens[j + 2], "(")) break;
    const close = matching(tokens, j + 2);
    calls.push({ name: name.value, open: j + 2, close });
    j = close + 1;
    if (is(tokens[j], "!")) j++;
  }
  const base = { query, ...(factory ? { clients: [factory] } : {}) };
  const write = calls.some((c) => WRITE_METHODS.has(c.name) || c.name === "delete");
  const from = tokens[fromIndex]!;
  const table = tokens[fromIndex + 2]!;
  facts.push({ kind: "table", name: [unquote(table)], access: write ? "write" : "read", span: { start: from.start, end: tokens[fromClose]!.end }, ...base });
  for (const call of calls) {
    const first = tokens[call.open + 1];
    if (WRITE_METHODS.has(call.name)) {
      for (let k = call.open + 1; k < call.close; k++) {
        const key = tokens[k]!;
        if ((key.type === "IdentifierName" || isString(key)) && is(tokens[k + 1], ":") && isKeyPosition(tokens[k - 1])) {
          facts.push({ kind: "column", name: [key.type === "IdentifierName" ? key.value : unquote(key)], access: "write", span: { start: key.start, end: key.end }, ...base });
        }
      }
    } else if (call.name === "select" && isString(first)) {
      for (const item of parseSelect(first!.value.slice(1, -1))) {
        const span = { start: first!.start + 1 + item.start, end: first!.start + 1 + item.end };
        facts.push({ kind: item.kind === "relation" ? "table" : "column", name: [item.name], access: "read", span, ...base });
      }
    } else if (FILTER_METHODS.has(call.name) && isString(first)) {
      const match = /^[A-Za-z0-9_$]+/.exec(first!.value.slice(1));
      if (match) facts.push({ kind: "column", name: [match[0]], access: "read", span: { start: first!.start + 1, end: first!.start + 1 + match[0].length }, ...base });
    }
  }
  return query + 1;
}
