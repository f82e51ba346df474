/**
 * Shared helpers for the general facts (import, call, member, jsx-attribute, string): run the
 * adapter with a FactRequest (through ../helpers.ts extract, so the JS-shaped and TypeScript ASTs
 * and raw transfer must agree) and describe each fact compactly with its 1-based line:column.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { ExtractOptions, Fact, FoldedValue, GeneralFactKind } from "../../../../src/core/types.js";
import { NAME_HOLE } from "../../../../src/core/types.js";
import { LineIndex } from "../../../../src/engine/positions.js";
import { extract } from "../helpers.js";

export function request(...kinds: GeneralFactKind[]): ExtractOptions {
  return { request: { kinds: new Set(kinds), patterns: [] } };
}

/** General facts of the given kinds as descriptions, in document order. */
export function facts(code: string, kinds: GeneralFactKind[], path = "example.tsx", options: ExtractOptions = {}): string[] {
  return generalFacts(code, kinds, path, options).map((fact) => describe(code, fact));
}

export function generalFacts(code: string, kinds: GeneralFactKind[], path = "example.tsx", options: ExtractOptions = {}): Fact[] {
  return extract(code, path, { ...options, ...request(...kinds) })
    .facts.filter((f) => (kinds as string[]).includes(f.kind))
    .sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

/**
 * `call:c.create|stripe.charges.create@3:1`, `import:openai[default,OpenAI]@1:20`,
 * `member:process.env.X@2:1`, `jsx:div.title@4:6`, `string:url:https://x@5:7` (NAME_HOLE is "?").
 */
export function describe(code: string, fact: Fact): string {
  const { line, column } = new LineIndex(code).position(fact.span.start);
  const at = `@${line}:${column}`;
  switch (fact.kind) {
    case "import":
      return `import:${list(fact.module)}[${fact.names.join(",")}]${fact.resolved ? `->${hole(fact.resolved)}` : ""}${at}`;
    case "call":
      return `${fact.new ? "new" : "call"}:${list(fact.callee)}${at}`;
    case "member":
      return `member:${list(fact.path)}${at}`;
    case "jsx-attribute":
      return `jsx:${fact.element}.${fact.name}${at}`;
    case "string":
      return `string:${fact.role}:${list(fact.value)}${at}`;
    default:
      return `${fact.kind}${at}`;
  }
}

/** A FoldedValue with holes shown as "?" (for toEqual on args and attribute values). */
export function shown(value: FoldedValue): FoldedValue {
  const fix = (xs: readonly string[]) => xs.map(hole);
  return {
    value: fix(value.value),
    ...(value.keys ? { keys: Object.fromEntries(Object.entries(value.keys).map(([k, v]) => [hole(k), fix(v)])) } : {}),
    ...(value.paths ? { paths: fix(value.paths) } : {}),
    ...(value.calls ? { calls: fix(value.calls) } : {}),
  };
}

function list(values: readonly string[]): string {
  return values.map(hole).join("|");
}

function hole(text: string): string {
  return text.replaceAll(NAME_HOLE, "?");
}

/** Real files in a temp folder: `{ "src/a.ts": "..." }` -> the folder. */
export function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "ig-general-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
