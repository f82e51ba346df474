/**
 * Why a finding fired (`integration-guard explain FILE:LINE`): the engine's own run
 * (checkDocument, with CheckOptions.onMatches), with each finding kept beside the rule data of the
 * matcher that produced it, the patterns of that matcher that matched, and the fact (its values,
 * clients and the `via` chain of aliases and constants the adapter recorded).
 */
import type { Document, DocumentNote, Fact, Finding } from "../core/types.js";
import { type CompiledRule, compileRule } from "../rules/compile.js";
import type { Matcher, RuleDefinition } from "../rules/schema.js";
import { type CheckOptions, checkDocument, type Match } from "./check.js";

export interface ExplainedMatcher {
  /** Position of the matcher in the rule's `match` list (0-based). */
  index: number;
  /** The matcher as the rule file writes it. */
  definition: Matcher;
  /**
   * Per pattern list of the matcher (tables, callees, modules...), the patterns that match this
   * fact on their own; lists where that does not single anything out are left out.
   */
  matched: Record<string, string[]>;
}

export interface ExplainedFinding {
  finding: Finding;
  /** A suppression comment on the line before drops it (the hook and lint do not report it). */
  suppressed: boolean;
  /** Absent for invalid-/unused-suppression findings, which come from a comment, not a matcher. */
  matcher?: ExplainedMatcher;
  fact?: Fact;
}

export interface Explanation {
  /** Every finding of the document, in text order. */
  findings: ExplainedFinding[];
  notes: DocumentNote[];
}

export async function explainDocument(doc: Document, definitions: readonly RuleDefinition[], options: CheckOptions = {}): Promise<Explanation> {
  const sources = new Map<CompiledRule["matchers"][number], { rule: RuleDefinition; index: number }>();
  const rules = definitions.map((rule) => {
    const compiled = compileRule(rule);
    // compileRule makes one matcher per `match` entry, in order.
    compiled.matchers.forEach((matcher, index) => sources.set(matcher, { rule, index }));
    return compiled;
  });
  // The engine's own run (pre-check, scope, extraction, suppressions), with its matches kept.
  let matches: readonly Match[] = [];
  let facts: readonly Fact[] = [];
  const result = await checkDocument(doc, rules, {
    ...options,
    onMatches: (found, seen) => {
      matches = found;
      facts = seen;
    },
  });
  const reported = new Set(result.findings);
  const explained: ExplainedFinding[] = matches.map(({ finding, matcher, fact }) => {
    const source = sources.get(matcher);
    return {
      finding,
      suppressed: !reported.has(finding),
      fact,
      ...(source ? { matcher: describeMatcher(source.rule, source.index, fact, facts) } : {}),
    };
  });
  // The suppression pass's own findings (invalid-/unused-suppression).
  const made = new Set(matches.map((m) => m.finding));
  for (const finding of result.findings) if (!made.has(finding)) explained.push({ finding, suppressed: false });
  explained.sort((a, b) => a.finding.span.start - b.finding.span.start);
  return { findings: explained, notes: result.notes };
}

function describeMatcher(rule: RuleDefinition, index: number, fact: Fact, facts: readonly Fact[]): ExplainedMatcher {
  const definition = rule.match[index]!;
  const matched: Record<string, string[]> = {};
  // A template has no list to narrow (and its PatternRequest ids depend on the whole rule).
  if (definition.kind !== "pattern") {
    const selects = (variant: Record<string, unknown>): boolean => {
      try {
        const [matcher] = compileRule({ ...rule, match: [variant as Matcher] }).matchers;
        return matcher !== undefined && matcher.select(facts).includes(fact);
      } catch {
        return false; // a required list left out
      }
    };
    for (const [field, value] of Object.entries(definition)) {
      if (!isStringList(value) || field === "unlessFrom") continue;
      const alone = value.filter((pattern) => selects({ ...definition, [field]: [pattern] }));
      // Every pattern "matches" alone: the fact matched through another list (clients vs keys).
      if (alone.length === 0 || (alone.length === value.length && value.length > 1)) continue;
      if (value.length === 1) {
        const without: Record<string, unknown> = { ...definition };
        delete without[field];
        if (selects(without)) continue;
      }
      matched[field] = alone;
    }
  }
  return { index, definition, matched };
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}
