/** Rules and facts made by hand for the matcher tests: a rule around one matcher, findings over facts. */
import { expect } from "vitest";
import type { Document, Fact, FoldedValue, Span } from "../../src/core/types.js";
import { findingsOf } from "../../src/engine/check.js";
import { type CompiledRule, compileRule } from "../../src/rules/compile.js";
import type { Matcher, RuleDefinition } from "../../src/rules/schema.js";

export function ruleOf(match: Matcher | Matcher[], extra: Partial<RuleDefinition> = {}): CompiledRule {
  return compileRule({
    id: "team-rule",
    severity: "block",
    languages: ["typescript", "javascript", "python"],
    message: "m",
    help: "h",
    match: Array.isArray(match) ? match : [match],
    ...extra,
  });
}

/** The [start, end] spans the rule reports over these facts. */
export function reported(rule: CompiledRule, facts: readonly Fact[]): [number, number][] {
  const doc: Document = { path: "src/a.ts", text: "x".repeat(1000), language: "typescript" };
  return findingsOf(doc, facts, [rule]).map((f) => {
    expect(f.ruleId).toBe(rule.id);
    return [f.span.start, f.span.end];
  });
}

let next = 0;
/** A fresh span per fact, so each can be told apart in `reported`. */
export function at(): Span {
  next += 10;
  return { start: next, end: next + 5 };
}

export function value(candidates: string[], extra: Partial<FoldedValue> = {}): FoldedValue {
  return { value: candidates, ...extra };
}

export const spanOf = (f: Fact): [number, number] => [f.span.start, f.span.end];
