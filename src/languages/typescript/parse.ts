/**
 * The parser behind a two-function interface, so it can be swapped (oxc today).
 * oxc returns an empty program when the text has a syntax error; recovery.ts deals with that.
 */
import { createRequire } from "node:module";
import { type ParserOptions, rawTransferSupported } from "oxc-parser";
import { parseSync as parseSyncBinding } from "oxc-parser/src-js/bindings.js";
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
let rawTransfer: RawTransfer | undefined;

/** Use raw transfer from now on (off: the JSON hand-over) where this Node supports it; returns whether it is on. */
export function preferRawTransfer(on = true): boolean {
  rawTransfer = on && rawTransferSupported() ? (rawTransfer ?? loadRawTransfer()) : undefined;
  return rawTransfer !== undefined;
}

/**
 * oxc's result: the AST and its diagnostics.
 *
 * Not through oxc-parser's `parseSync`: it hands the AST out through an object whose `program`
 * is a getter closing over it, and an AST reached that way outlives young-generation collections
 * (measured on Node 20 and 24: each parse's whole AST survived the scavenge after it and was
 * promoted to the old generation at the next one; ~1.5 MB per 1,200-line file, ~2.7 MB with
 * what the extraction hangs on it). In the daemon that made every request's garbage old: the heap
 * and resident memory grew by that much per request until a full collection, which then
 * deoptimised the extraction (languages/shapes.ts). So this calls the two layers under it, which
 * the package exports: the native binding (JSON hand-over) and the raw-transfer deserializers.
 */
interface OxcOutput {
  program: Node;
  errors: { severity: string; message: string; labels: { start: number; end: number }[] }[];
}
type OxcOptions = ParserOptions & { lang: "ts" | "tsx" | "jsx"; astType: "js" | "ts" };

function parseJson(file: string, text: string, options: OxcOptions): OxcOutput {
  const result = parseSyncBinding(file, text, options) as { program: string; errors: OxcOutput["errors"] };
  const { node, fixes } = JSON.parse(result.program) as { node: Node; fixes: (string | number)[][] };
  for (const path of fixes) fixLiteral(node, path);
  return { program: node, errors: result.errors };
}

/** As oxc-parser's wrapper does: BigInt and RegExp literals get their `value` (JSON has neither). */
function fixLiteral(program: Node, path: readonly (string | number)[]): void {
  let node: Record<string, any> = program;
  for (const key of path) node = node[key];
  if (node.bigint) node.value = BigInt(node.bigint as string);
  else {
    try {
      node.value = RegExp(node.regex.pattern, node.regex.flags);
    } catch {
      // A pattern this Node cannot compile: the value stays null, as with oxc's wrapper.
    }
  }
}

interface RawTransfer {
  parse(file: string, text: string, options: OxcOptions): OxcOutput;
}

/** oxc-parser's raw-transfer layer (loaded only where supported: it throws on import elsewhere). */
function loadRawTransfer(): RawTransfer {
  const require = createRequire(import.meta.url);
  type Deserialize = (buffer: Uint8Array, text: string, start: number, length: number) => OxcOutput;
  const common = require("oxc-parser/src-js/raw-transfer/common") as {
    parseSyncRawImpl(file: string, text: string, options: OxcOptions, convert: Deserialize): OxcOutput;
    returnBufferToCache(buffer: Uint8Array): void;
    isJsAst(buffer: Uint8Array): boolean;
  };
  const js = (require("oxc-parser/src-js/generated/deserialize/js") as { deserialize: Deserialize }).deserialize;
  const ts = (require("oxc-parser/src-js/generated/deserialize/ts") as { deserialize: Deserialize }).deserialize;
  const deserialize: Deserialize = (buffer, text, start, length) => {
    try {
      return (common.isJsAst(buffer) ? js : ts)(buffer, text, start, length);
    } finally {
      common.returnBufferToCache(buffer); // one buffer, reused by every parse
    }
  };
  return { parse: (file, text, options) => common.parseSyncRawImpl(file, text, options, deserialize) };
}

export function parseText(path: string, text: string, typescript = false): Parsed {
  const { file, lang } = dialectOf(path, typescript);
  const astType = lang === "jsx" || !NEEDS_TS_FIELDS.test(text) ? "js" : "ts";
  const options: OxcOptions = { lang, astType, sourceType: "unambiguous", preserveParens: false };
  const result = rawTransfer ? rawTransfer.parse(file, text, options) : parseJson(file, text, options);
  const errors: ParseError[] = [];
  for (const error of result.errors) {
    if (error.severity !== "Error") continue;
    const label = error.labels[0];
    errors.push({ message: error.message, start: label?.start ?? 0, end: label?.end ?? 0 });
  }
  return { program: result.program, errors };
}

/** Did the parser give up on the text (errors and nothing usable)? */
export function parseFailed(parsed: Parsed, text: string): boolean {
  return parsed.errors.length > 0 && parsed.program.body.length === 0 && text.trim().length > 0;
}
