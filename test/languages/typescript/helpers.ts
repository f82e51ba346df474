/** Shared helpers: run the adapter on a snippet and describe facts compactly (kind, name, access, position). */
import type { ExtractOptions, ExtractResult, Fact } from "../../../src/core/types.js";
import { NAME_HOLE } from "../../../src/core/types.js";
import { LineIndex } from "../../../src/engine/positions.js";
import { expect } from "vitest";
import { typescriptAdapter } from "../../../src/languages/typescript/index.js";
import { preferRawTransfer } from "../../../src/languages/typescript/parse.js";

/**
 * The adapter's result for a snippet. Each snippet is also run with the full TypeScript AST (a
 * trailing `// declare` comment makes parse.ts ask oxc for it), and the facts must not differ:
 * so every test of this folder also checks that the smaller JS-shaped AST loses nothing. On Node
 * >= 22 each snippet also goes through oxc's raw transfer (what the daemon uses), which must give
 * the same result as the JSON hand-over.
 */
export function extract(code: string, path = "example.ts", options?: ExtractOptions): ExtractResult {
  const language = path.endsWith("ts") || path.endsWith("tsx") ? ("typescript" as const) : ("javascript" as const);
  const result = typescriptAdapter.extract({ path, text: code, language }, options);
  if (result.parseErrors.length === 0) {
    const withTsAst = typescriptAdapter.extract({ path, text: `${code}\n// declare\n`, language }, options);
    expect(withTsAst.facts, `the JS-shaped and the TypeScript AST disagree on:\n${code}`).toEqual(result.facts);
  }
  if (preferRawTransfer()) {
    try {
      const raw = typescriptAdapter.extract({ path, text: code, language }, options);
      expect(raw, `raw transfer and the JSON hand-over disagree on:\n${code}`).toEqual(result);
    } finally {
      preferRawTransfer(false);
    }
  }
  return result;
}

/** `column:write:integration_openai_status@1:42` (1-based line:column of the span start). */
export function describeFact(code: string, fact: Fact): string {
  const { line, column } = new LineIndex(code).position(fact.span.start);
  const named = fact as NamedFact;
  const name = Array.isArray(named.name) ? [...named.name].sort().join("|").replaceAll(NAME_HOLE, "?") : named.name;
  const access = "access" in fact ? `:${fact.access}` : "";
  return `${fact.kind}${access}:${name}@${line}:${column}`;
}

/** Facts of one kind (or all) as descriptions, in document order. */
export function described(code: string, kinds?: readonly Fact["kind"][], path?: string, options?: ExtractOptions): string[] {
  return extract(code, path, options)
    .facts.filter((f) => !kinds || kinds.includes(f.kind))
    .sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end)
    .map((f) => describeFact(code, f));
}

/** Table and column facts only: what the query rules see. */
export function queryFacts(code: string, path?: string, options?: ExtractOptions): string[] {
  return described(code, ["table", "column"], path, options);
}

/** The exact text a fact's span covers. */
export function spanText(code: string, fact: Fact): string {
  return code.slice(fact.span.start, fact.span.end);
}

/** Facts that carry a name (tables, columns, function definitions and calls). */
type NamedFact = Extract<Fact, { name: unknown }>;
