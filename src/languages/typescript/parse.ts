/**
 * The parser behind a two-function interface, so it can be swapped (oxc today).
 * oxc returns an empty program when the text has a syntax error; recovery.ts deals with that.
 */
import { type ParserOptions, parseSync, rawTransferSupported } from "oxc-parser";
import type { Node } from "./ast.js";

export interface ParseError {
  message: string;
  start: number;
  end: number;
}

export interface Parsed {
  /** The Program node; its body is empty when the text did not parse. */
  program: Node;
  errors: ParseError[];
}

/**
 * The dialect comes from the extension: .ts/.mts/.cts are TS without JSX, .tsx is TS with JSX,
 * JS files may hold JSX. A path without a known extension goes by the document's language.
 */
function dialectOf(path: string, typescript: boolean): { file: string; lang: "ts" | "tsx" | "jsx" } {
  const lower = path.toLowerCase();
  if (lower.endsWith(".tsx")) return { file: "input.tsx", lang: "tsx" };
  if (lower.endsWith(".ts") || lower.endsWith(".mts") || lower.endsWith(".cts")) return { file: "input.ts", lang: "ts" };
  if (/\.[cm]?jsx?$/.test(lower) || !typescript) return { file: "input.jsx", lang: "jsx" };
  return { file: "input.ts", lang: "ts" };
}

/**
 * TypeScript syntax whose fields the adapter reads: ambient `declare`, constructor parameter
 * properties, type-only imports and exports. A text without these words gets oxc's JS-shaped AST
 * (astType "js": no type annotations), which is a third smaller as JSON and ~35% faster to hand
 * over: most of a check on Node 20. test/languages/typescript/helpers.ts compares both on every snippet.
 */
const NEEDS_TS_FIELDS = /\b(?:declare|private|protected|public|readonly|override)\b|\b(?:import|export)\s+type\b|[{,]\s*type\s/;

/**
 * oxc's raw transfer (Node >= 22 on 64-bit): JavaScript reads the AST straight from the buffer
 * the parser wrote, instead of a JSON string it must parse. Measured on Node 24 warm, a 1,200-line
 * file's parse and hand-over is ~3.5x faster; but its deserializer is a large module to compile,
 * so a cold process (one hook call) is slower with it. Only long-lived processes (the daemon and
 * its helper thread) turn it on.
 */
let rawTransfer = false;

/** Use raw transfer from now on (off: the JSON hand-over) where this Node supports it; returns whether it is on. */
export function preferRawTransfer(on = true): boolean {
  rawTransfer = on && rawTransferSupported();
  return rawTransfer;
}

export function parseText(path: string, text: string, typescript = false): Parsed {
  const { file, lang } = dialectOf(path, typescript);
  const astType = lang === "jsx" || !NEEDS_TS_FIELDS.test(text) ? "js" : "ts";
  // experimentalRawTransfer is read by oxc-parser's JS wrapper, not declared in its types.
  const options: ParserOptions & { experimentalRawTransfer: boolean } = { lang, astType, sourceType: "unambiguous", preserveParens: false, experimentalRawTransfer: rawTransfer };
  const result = parseSync(file, text, options);
  const errors: ParseError[] = [];
  for (const error of result.errors) {
    if (error.severity !== "Error") continue;
    const label = error.labels[0];
    errors.push({ message: error.message, start: label?.start ?? 0, end: label?.end ?? 0 });
  }
  return { program: result.program as unknown as Node, errors };
}

/** Did the parser give up on the text (errors and nothing usable)? */
export function parseFailed(parsed: Parsed, text: string): boolean {
  return parsed.errors.length > 0 && parsed.program.body.length === 0 && text.trim().length > 0;
}
