/**
 * Dynamic SQL in PL/pgSQL bodies (functions, DO blocks): the text an `EXECUTE` runs, built from
 * its constant parts.
 *
 *   EXECUTE 'DELETE FROM cloud_provider_integrations';
 *   EXECUTE format('DROP TABLE IF EXISTS %I', 'cloud_provider_integrations');
 *   EXECUTE format('UPDATE %I SET %I = $1', tbl, col) USING v;   -- tbl text := 'organizations'; declared in the body
 *   EXECUTE 'UPDATE ' || quote_ident(tbl) || ' SET x = 1';
 *
 * String literals, `format()` with %I / %L / %s (and %n$I) fields, `||`, quote_ident / quote_literal,
 * and variables assigned a single string literal in the body. Anything else is `_` (an unknown part).
 */
import type { SqlToken } from "./tokens.js";

const UNKNOWN = "_";

/** Variables of a body assigned string literals (`name type := 'x'`, `name type DEFAULT 'x'`, `name := 'x'`). */
export function bodyConstants(statements: readonly (readonly SqlToken[])[]): Map<string, string> {
  const constants = new Map<string, string>();
  for (const tokens of statements) {
    const start = tokens[0]?.value === "declare" ? 1 : 0;
    const name = tokens[start];
    if (name?.kind !== "word") continue;
    const at = tokens.findIndex((t, i) => i > start && ((t.value === ":" && tokens[i + 1]?.value === "=") || t.value === "default"));
    if (at < 0) continue;
    const value = tokens.slice(tokens[at]!.value === ":" ? at + 2 : at + 1);
    const text = value.length === 1 ? stringValue(value[0]!) : undefined;
    if (text !== undefined) constants.set(name.value, text);
  }
  return constants;
}

/** The SQL an `EXECUTE ...` statement runs (`tokens` start at EXECUTE), or undefined when it has no constant text. */
export function dynamicSql(tokens: readonly SqlToken[], constants: ReadonlyMap<string, string>): string | undefined {
  let end = tokens.findIndex((t, i) => i > 0 && t.kind === "word" && (t.value === "using" || t.value === "into") && depthAt(tokens, i) === 0);
  if (end < 0) end = tokens.length;
  const text = expression(tokens.slice(1, end), constants);
  return text.replaceAll(UNKNOWN, "").trim() === "" ? undefined : text;
}

/** Operands joined by `||`. */
function expression(tokens: readonly SqlToken[], constants: ReadonlyMap<string, string>): string {
  return splitTop(tokens, "|").map((operand) => operandValue(operand, constants)).join("");
}

function operandValue(tokens: readonly SqlToken[], constants: ReadonlyMap<string, string>): string {
  const [first] = tokens;
  if (!first) return "";
  if (tokens.length === 1) {
    if (first.kind === "string") return stringValue(first) ?? UNKNOWN;
    if (first.kind === "word") return constants.get(first.value) ?? UNKNOWN;
    return UNKNOWN;
  }
  if (first.kind === "punct" && first.value === "(" && tokens[tokens.length - 1]?.value === ")") return expression(tokens.slice(1, -1), constants);
  if (first.kind === "word" && tokens[1]?.value === "(" && tokens[tokens.length - 1]?.value === ")") {
    const args = splitTop(tokens.slice(2, -1), ",").map((arg) => expression(arg, constants));
    if (first.value === "format") return format(args);
    if (first.value === "quote_ident" || first.value === "quote_literal" || first.value === "quote_nullable") return args[0] ?? UNKNOWN;
  }
  return UNKNOWN;
}

/** PostgreSQL's format(): %I and %s take the argument as is, %L quotes it, %% is %. */
function format([template, ...args]: string[]): string {
  if (template === undefined || template === UNKNOWN) return UNKNOWN;
  let next = 0;
  return template.replace(/%(?:(\d+)\$)?([ILs%])/g, (_, position: string | undefined, type: string) => {
    if (type === "%") return "%";
    const value = position ? args[Number(position) - 1] : args[next++];
    if (value === undefined) return UNKNOWN;
    return type === "L" ? `'${value.replace(/'/g, "''")}'` : value;
  });
}

/** A string literal's value: '...' ('' unescaped) and $tag$...$tag$; E'...' and others unknown. */
function stringValue(token: SqlToken): string | undefined {
  if (token.kind !== "string") return undefined;
  const raw = token.value;
  if (raw.startsWith("'") && raw.endsWith("'") && raw.length >= 2) return raw.slice(1, -1).replace(/''/g, "'");
  const tag = /^\$[^$]*\$/.exec(raw)?.[0];
  if (tag && raw.length >= tag.length * 2 && raw.endsWith(tag)) return raw.slice(tag.length, -tag.length);
  return undefined;
}

/** Splits at a separator outside parentheses (`|` splits at `||`). */
function splitTop(tokens: readonly SqlToken[], separator: "," | "|"): SqlToken[][] {
  const parts: SqlToken[][] = [[]];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.value === "(") depth++;
    else if (t.value === ")") depth--;
    if (depth === 0 && t.kind === "punct" && t.value === separator && (separator === "," || tokens[i + 1]?.value === "|")) {
      if (separator === "|") i++;
      parts.push([]);
      continue;
    }
    parts[parts.length - 1]!.push(t);
  }
  return parts;
}

function depthAt(tokens: readonly SqlToken[], index: number): number {
  let depth = 0;
  for (let i = 0; i < index; i++) {
    if (tokens[i]!.value === "(") depth++;
    else if (tokens[i]!.value === ")") depth--;
  }
  return depth;
}
