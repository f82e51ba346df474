/** Helpers for the Python general-fact tests: extract with a request, facts as short readable rows. */
import type { CallFact, Fact, FoldedValue, GeneralFactKind, ImportFact, MemberFact, Span, StringFact } from "../../../../src/core/types.js";
import { NAME_HOLE } from "../../../../src/core/types.js";
import { extractPython } from "../../../../src/languages/python/index.js";

export const ALL_KINDS: ReadonlySet<GeneralFactKind> = new Set(["import", "call", "member", "string"]);

/** The facts of a text with these general kinds requested (`file`: the document's path, for resolved imports). */
export function factsOf(text: string, kinds: Iterable<GeneralFactKind> = ALL_KINDS, file?: string): Fact[] {
  return extractPython(text, { request: { kinds: new Set(kinds), patterns: [] } }, file).facts;
}

/** 1-based "line:column" of a span's start. */
export function at(text: string, span: Span): string {
  const before = text.slice(0, span.start);
  const line = before.split("\n").length;
  return `${line}:${span.start - before.lastIndexOf("\n")}`;
}

/** Candidates with holes shown as "*". */
export const show = (candidates: readonly string[]) => candidates.map((c) => c.split(NAME_HOLE).join("*"));

export const imports = (text: string, file?: string) => factsOf(text, ["import"], file).filter((f): f is ImportFact => f.kind === "import");
export const calls = (text: string) => factsOf(text, ["call"]).filter((f): f is CallFact => f.kind === "call");
export const members = (text: string) => factsOf(text, ["member"]).filter((f): f is MemberFact => f.kind === "member");
export const strings = (text: string) => factsOf(text, ["string"]).filter((f): f is StringFact => f.kind === "string");

/** The call facts whose callee paths include `path`. */
export const callsTo = (text: string, path: string) => calls(text).filter((f) => f.callee.includes(path));

/** A folded value without its empty parts. */
export function folded(value: FoldedValue | undefined): Record<string, unknown> | undefined {
  if (!value) return undefined;
  const out: Record<string, unknown> = { value: show(value.value) };
  if (value.keys) out.keys = Object.fromEntries(Object.entries(value.keys).map(([k, v]) => [k, show(v)]));
  if (value.paths) out.paths = value.paths;
  if (value.calls) out.calls = value.calls;
  return out;
}
