/** Run an adapter with `pattern` requests and describe the PatternFacts compactly (id, position, captures). */
import type { ExtractResult, PatternFact, PatternRequest } from "../../../src/core/types.js";
import { NAME_HOLE } from "../../../src/core/types.js";
import { LineIndex } from "../../../src/engine/positions.js";
import { pythonAdapter } from "../../../src/languages/python/index.js";
import { typescriptAdapter } from "../../../src/languages/typescript/index.js";
import { preferRawTransfer } from "../../../src/languages/typescript/parse.js";
import { expect } from "vitest";

export function requestOf(language: "typescript" | "python", templates: readonly string[]): PatternRequest[] {
  return templates.map((template, i) => ({ id: `p${i}`, language, template }));
}

export function extractWith(language: "typescript" | "python", code: string, templates: readonly string[], path?: string): ExtractResult {
  const request = { kinds: new Set<never>(), patterns: requestOf(language, templates) };
  if (language === "python") return pythonAdapter.extract({ path: path ?? "m.py", text: code, language: "python" }, { request, diskImports: false });
  const file = path ?? "example.ts";
  const docLanguage = /\.[cm]?tsx?$/.test(file) ? ("typescript" as const) : ("javascript" as const);
  const result = typescriptAdapter.extract({ path: file, text: code, language: docLanguage }, { request, diskImports: false });
  if (docLanguage === "typescript" && result.parseErrors.length === 0) {
    // A trailing `// declare` makes parse.ts ask oxc for the full TypeScript AST: templates must match the same.
    const withTsAst = typescriptAdapter.extract({ path: file, text: `${code}\n// declare\n`, language: docLanguage }, { request, diskImports: false });
    expect(withTsAst.facts.filter((f) => f.kind === "pattern"), `the JS-shaped and the TypeScript AST disagree on:\n${code}`).toEqual(result.facts.filter((f) => f.kind === "pattern"));
  }
  if (preferRawTransfer()) {
    // Node >= 22: oxc's raw transfer (what the daemon uses) must give the same matches.
    try {
      const raw = typescriptAdapter.extract({ path: file, text: code, language: docLanguage }, { request, diskImports: false });
      expect(raw.facts, `raw transfer and the JSON hand-over disagree on:\n${code}`).toEqual(result.facts);
    } finally {
      preferRawTransfer(false);
    }
  }
  return result;
}

export function patternFacts(language: "typescript" | "python", code: string, templates: readonly string[], path?: string): PatternFact[] {
  return extractWith(language, code, templates, path).facts.filter((f): f is PatternFact => f.kind === "pattern");
}

/** `p0@2:5 X=url Y=...` : pattern id, 1-based line:column of the match, captured texts (sorted by name). */
export function describePattern(code: string, fact: PatternFact): string {
  const { line, column } = new LineIndex(code).position(fact.span.start);
  const captures = Object.entries(fact.captures)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, capture]) => ` ${name}=${capture.text}`)
    .join("");
  return `${fact.pattern}@${line}:${column}${captures}`;
}

export function matches(language: "typescript" | "python", code: string, templates: string | readonly string[], path?: string): string[] {
  const list = typeof templates === "string" ? [templates] : templates;
  return patternFacts(language, code, list, path).map((fact) => describePattern(code, fact));
}

/** A capture's folded string candidates, holes shown as "?". */
export function valuesOf(fact: PatternFact | undefined, name: string): string[] {
  return [...(fact?.captures[name]?.value.value ?? [])].map((v) => v.replaceAll(NAME_HOLE, "?")).sort();
}
