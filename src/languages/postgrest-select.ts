/**
 * The column list of a PostgREST `.select("...")`: `a, alias:b, c::text, rel(col), rel!inner(*),
 * ...rel(x), count(), d->>key`. Returns each column and embedded relation with its offsets inside
 * the text, so a finding points at exactly the name. Shared by the supabase-js (TypeScript) and
 * supabase-py (Python) adapters; names may hold NAME_HOLE (a part only known at run time).
 */
import { NAME_HOLE } from "../core/types.js";

const HOLE = NAME_HOLE.charCodeAt(0);

export interface SelectedName {
  name: string;
  /** Offsets in the select text. */
  start: number;
  end: number;
  kind: "column" | "relation";
}

export function parseSelect(text: string): SelectedName[] {
  const out: SelectedName[] = [];
  parseList(text, 0, out, 0);
  return out;
}

const MAX_NESTING = 16;

function isNameChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36 || code === HOLE;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

function readName(text: string, i: number): number {
  while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
  return i;
}

/** Parses items until a `)` at this level (returns its index) or the end of the text. */
function parseList(text: string, from: number, out: SelectedName[], depth: number): number {
  let i = from;
  while (i < text.length) {
    i = skipSpace(text, i);
    if (text.startsWith("...", i)) i = skipSpace(text, i + 3);
    let start = i;
    let end = readName(text, i);
    i = skipSpace(text, end);
    // `alias:column` (but not a `::cast`)
    if (text[i] === ":" && text[i + 1] !== ":") {
      i = skipSpace(text, i + 1);
      start = i;
      end = readName(text, i);
      i = skipSpace(text, end);
    }
    // `rel!fk_hint`, `rel!inner`
    while (text[i] === "!") i = skipSpace(text, readName(text, skipSpace(text, i + 1)));
    if (text[i] === "(") {
      const inner = skipSpace(text, i + 1);
      if (text[inner] === ")") {
        i = inner + 1; // `count()`: an aggregate, not a column
      } else {
        if (end > start) out.push({ name: text.slice(start, end), start, end, kind: "relation" });
        i = depth < MAX_NESTING ? parseList(text, i + 1, out, depth + 1) : text.length;
        if (text[i] === ")") i++;
      }
    } else if (end > start) {
      out.push({ name: text.slice(start, end), start, end, kind: "column" });
    }
    // Casts, JSON paths and aggregates after the name (`::text`, `->>key`, `.sum()`) are not names.
    let nesting = 0;
    while (i < text.length) {
      const c = text[i]!;
      if (c === "(") nesting++;
      else if (c === ")") {
        if (nesting === 0) return i;
        nesting--;
      } else if (c === "," && nesting === 0) break;
      i++;
    }
    i++;
  }
  return text.length;
}
