/**
 * The one engine every entry point uses: a document in, findings out.
 *
 *   Document --(pre-check)--> adapter.extract --> facts --> compiled rules --> findings
 */
import type { CheckResult, Document, EmbeddedText, ExtractOptions, Fact, Finding } from "../core/types.js";
import { loadAdapter } from "../languages/registry.js";
import { type CompiledRule, mayMatch } from "../rules/compile.js";
import { LineIndex } from "./positions.js";
import { applySuppressions } from "./suppressions.js";

export interface CheckOptions extends ExtractOptions {}

export async function checkDocument(
  doc: Document,
  rules: readonly CompiledRule[],
  options: CheckOptions = {},
): Promise<CheckResult> {
  const result = await checkRules(doc, rules, options);
  // Suppression comments: a separate pass over the text and the findings (suppressions.ts).
  // It also runs when the pre-check skipped the parser, so an unused suppression is still reported.
  result.findings = await applySuppressions(doc, result.findings, new Set(rules.map((r) => r.id)));
  return result;
}

async function checkRules(doc: Document, rules: readonly CompiledRule[], options: CheckOptions): Promise<CheckResult> {
  const applicable = rules.filter((r) => r.languages.has(doc.language));
  // Most edits never mention what the rules care about: decide those without loading a parser.
  // With resolveImport (lint --project) a table name can come from another module: the text alone cannot rule it out.
  if (applicable.length === 0 || (!options.resolveImport && !mayMatch(doc.text, applicable))) return { document: doc, findings: [], notes: [] };

  const adapter = await loadAdapter(doc.language);
  // Adapters may skip self-contained parts (SQL statements) that the pre-check rules out;
  // not with resolveImport, where (as above) the text alone cannot rule anything out.
  if (!options.resolveImport) options = { ...options, mayMatter: (text) => mayMatch(text, applicable) };
  const { facts, parseErrors, embedded } = adapter.extract(doc, options);
  if (embedded) facts.push(...(await extractEmbedded(doc, embedded, options)));
  const notes = parseErrors.length > 0
    ? [{ message: `${doc.path} did not parse cleanly (${parseErrors[0]!.message}); checked with error recovery`, span: parseErrors[0]!.span }]
    : [];
  return { document: doc, findings: findingsOf(doc, facts, applicable), notes };
}

/**
 * Facts of texts in another language inside the document (SQL in a TypeScript string), with
 * spans moved to the host document and query ids kept apart from the host's.
 */
async function extractEmbedded(host: Document, embedded: readonly EmbeddedText[], options: CheckOptions): Promise<Fact[]> {
  const facts: Fact[] = [];
  for (const [index, part] of embedded.entries()) {
    const adapter = await loadAdapter(part.language);
    const result = adapter.extract({ path: host.path, text: part.text, language: part.language }, options);
    if (part.parsedOnly && result.parseErrors.length > 0) continue;
    const queryBase = (index + 1) * EMBEDDED_QUERY_STRIDE;
    for (const fact of result.facts) {
      const span = part.span ?? { start: fact.span.start + part.offset, end: fact.span.end + part.offset };
      facts.push(
        fact.kind === "table" || fact.kind === "column"
          ? {
              ...fact,
              span,
              ...(fact.query === undefined ? {} : { query: fact.query + queryBase }),
              ...(part.clients ? { clients: part.clients } : {}),
            }
          : { ...fact, span },
      );
    }
  }
  return facts;
}
/** Query ids of embedded texts start at multiples of this, above any id the host adapter uses. */
const EMBEDDED_QUERY_STRIDE = 1_000_000;

/** Runs compiled rules over facts. One finding per rule and span; a block beats a warn there. */
export function findingsOf(doc: Document, facts: readonly Fact[], rules: readonly CompiledRule[]): Finding[] {
  const lines = new LineIndex(doc.text);
  const findings: Finding[] = [];
  for (const rule of rules) {
    const bySpan = new Map<string, Finding>();
    for (const matcher of rule.matchers) {
      for (const fact of matcher.select(facts)) {
        const key = `${fact.span.start}:${fact.span.end}`;
        const existing = bySpan.get(key);
        if (existing && (existing.severity === "block" || matcher.severity === "warn")) continue;
        bySpan.set(key, {
          ruleId: rule.id,
          severity: matcher.severity,
          message: rule.message,
          help: rule.help,
          file: doc.path,
          span: fact.span,
          ...lines.range(fact.span),
          fingerprint: fingerprintOf(rule.id, doc.text.slice(fact.span.start, fact.span.end)),
        });
      }
    }
    findings.push(...bySpan.values());
  }
  return findings.sort((a, b) => a.span.start - b.span.start || compareText(a.ruleId, b.ruleId));
}

/** The rule and the code a finding points at, whitespace-insensitive: stable across line shifts. */
export function fingerprintOf(ruleId: string, code: string): string {
  // Most spans hold no whitespace: skip the regex for them (the hook fingerprints every finding).
  return `${ruleId}\u0001${/\s/.test(code) ? code.replace(/\s+/g, " ").trim() : code}`;
}

/**
 * Plain code-unit order. Not localeCompare: its first call loads ICU collation data (~10 ms),
 * which the hook would pay on every blocked edit.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
