/**
 * The one engine every entry point uses: a document in, findings out.
 *
 *   Document --(pre-check)--> adapter.extract --> facts --> compiled rules --> findings
 */
import { MAX_DOCUMENT_BYTES } from "../core/limits.js";
import type { CheckResult, Document, EmbeddedText, ExtractOptions, Fact, Finding, Span } from "../core/types.js";
import { resolve } from "node:path";
import { loadAdapter } from "../languages/registry.js";
import { importsMayMatter } from "../languages/imports.js";
import { type CompiledMatcher, type CompiledRule, factRequestOf, inScope, mayMatch, mayMatchLowerCase } from "../rules/compile.js";
import { projectPath, projectRootOf } from "../languages/project-root.js";
import { escapeRegExp } from "../core/regexp.js";
import { spanKey } from "../core/span-key.js";
import { LineIndex } from "./positions.js";
import { compareText, fingerprintOf } from "./fingerprint.js";
import { applySuppressions } from "./suppressions.js";

/** ExtractOptions.projectRoot is also the root rules' `files` / `ignore` globs are relative to. */
export interface CheckOptions extends ExtractOptions {
  /** `explain` (explain.ts): receives every finding before suppressions, with the matcher and fact that made it. */
  onMatches?: (matches: readonly Match[], facts: readonly Fact[]) => void;
}

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
  const forLanguage = rules.filter((rule) => rule.languages.has(doc.language));
  // The text pre-check below runs for the whole set, then rule by rule: the text is lower-cased once.
  let lowered: string | undefined;
  const textMayMatch = (some: readonly CompiledRule[]) => mayMatchLowerCase((lowered ??= doc.text.toLowerCase()), some);
  // Most edits never mention what the rules care about: decide those without loading a parser.
  // With resolveImport (lint --project) a table name can come from another module: the text alone cannot rule it out.
  // Without it, a TS/JS or Python file with a query sink is checked when a module it imports may hold a rule's word.
  // Before the rules' `files` / `ignore`: their globs (picomatch) load only for a text that passed.
  if (
    forLanguage.length === 0 ||
    (!options.resolveImport && !textMayMatch(forLanguage) && !importsMayMatch(doc, forLanguage, options))
  ) {
    return { document: doc, findings: [], notes: [] };
  }
  const applicable = inScopeRules(doc, forLanguage, options);
  if (applicable.length === 0) return { document: doc, findings: [], notes: [] };

  const adapter = await loadAdapter(doc.language);
  // Too large to parse, and it holds a rule's word: a linear scan, never "allowed unchecked".
  if (doc.text.length > MAX_DOCUMENT_BYTES && adapter.scan) {
    const note = { message: `${doc.path} is larger than ${MAX_DOCUMENT_BYTES} bytes: checked with the token-level scan, not parsed` };
    const scanned = reportedFindings(doc, adapter.scan(doc), applicable, options);
    lowered ??= doc.text.toLowerCase();
    return { document: doc, findings: [...scanned, ...tooLargeForFacts(doc, lowered, applicable.filter(asksForFacts))], notes: [note] };
  }
  // Adapters may skip self-contained parts (SQL statements) that the pre-check rules out;
  // not with resolveImport, where (as above) the text alone cannot rule anything out.
  if (!options.resolveImport) options = { ...options, mayMatter: (text) => mayMatch(text, applicable) };
  // General facts only when a rule asks for them: the built-in pack's extraction stays as it was.
  // And only for the rules that may match this text: a document parsed for one rule's words does
  // not pay for every team rule's facts (a rule whose word is only in an imported module still counts).
  // `explain` (onMatches) prints the facts it reports in full: no narrowing of strings and arguments then.
  const wordless = options.resolveImport ? [] : applicable.filter((rule) => asksForFacts(rule) && !textMayMatch([rule]));
  const byImports = rulesMatchingImports(doc, wordless, options);
  const request = factRequestOf(
    applicable.filter((rule) => !wordless.includes(rule) || byImports.has(rule)),
    { whole: options.onMatches !== undefined },
  );
  if (request.kinds.size > 0 || request.patterns.length > 0) options = { ...options, request };
  const { facts, parseErrors, embedded } = adapter.extract(doc, options);
  if (embedded) facts.push(...(await extractEmbedded(doc, embedded, options)));
  const notes = parseErrors.length > 0
    ? [{ message: `${doc.path} did not parse cleanly (${parseErrors[0]!.message}); checked with error recovery`, span: parseErrors[0]!.span }]
    : [];
  return { document: doc, findings: reportedFindings(doc, facts, applicable, options), notes };
}

/** Findings of one rule per document, at most: a 30 MB file full of a rule's word is one message, not a million. */
const MAX_TOO_LARGE_FINDINGS = 1_000;

/**
 * The token scan knows the built-in facts only (tables, columns); a team rule's imports, calls,
 * strings or patterns need the parse a file this large does not get. So each place such a rule's
 * word appears is a finding of the rule, told that the file was too large to check it: never
 * "allowed unchecked" (an agent denied for `new OpenAI()` must not get through by padding the file
 * past the limit). The hook's introduced-only rule still applies: words already in the file before
 * the call keep their findings' fingerprints and do not block. Rules without literal words (test-rules
 * lists them) cannot be located this way and are not reported.
 */
function tooLargeForFacts(doc: Document, lowered: string, rules: readonly CompiledRule[]): Finding[] {
  const findings: Finding[] = [];
  const lines = new LineIndex(doc.text);
  for (const rule of rules) {
    if (!rule.needles || rule.needles.length === 0) continue;
    const message = `${rule.message} (not checked precisely: the file is over ${MAX_DOCUMENT_BYTES / 2 ** 20} MB, too large to parse, and holds the rule's word; split it into smaller files)`;
    let count = 0;
    // Where one word contains another ("openai" in "azureopenai"), one finding per place.
    const seen = new Set<number>();
    for (const needle of new Set(rule.needles)) {
      if (!lowered.includes(needle)) continue;
      // On the text itself, case-insensitively: lower-casing may change a text's length (offsets).
      const occurrences = new RegExp(escapeRegExp(needle), "gi");
      for (let m = occurrences.exec(doc.text); m && count < MAX_TOO_LARGE_FINDINGS; m = occurrences.exec(doc.text), count++) {
        if (seen.has(m.index)) continue;
        seen.add(m.index);
        findings.push(findingAt(doc, lines, rule, rule.severity, message, { start: m.index, end: m.index + m[0].length }));
      }
    }
  }
  return findings.sort((a, b) => a.span.start - b.span.start || compareText(a.ruleId, b.ruleId));
}

function asksForFacts(rule: CompiledRule): boolean {
  return rule.request.kinds.length > 0 || rule.request.patterns.length > 0;
}

/** The rules whose `files` / `ignore` take in this document's path. */
function inScopeRules(doc: Document, rules: readonly CompiledRule[], options: CheckOptions): CompiledRule[] {
  let path: string | undefined;
  return rules.filter((rule) => {
    if (!rule.scope) return true;
    path ??= projectPathOf(doc, options);
    return inScope(rule.scope, path);
  });
}

/** The document's path relative to its project root (hook paths are absolute, lint's relative to cwd). */
export function projectPathOf(doc: Document, options: Pick<CheckOptions, "projectRoot">): string {
  const absolute = doc.diskPath ?? resolve(doc.path);
  const root = options.projectRoot ?? projectRootOf(absolute);
  return projectPath(root, absolute);
}

/** The text pre-check across imports, for the languages whose adapter reads imported constants from disk. */
function importsMayMatch(doc: Document, rules: readonly CompiledRule[], options: CheckOptions): boolean {
  if (options.diskImports === false) return false;
  return importsMayMatter(doc.language, doc.diskPath ?? resolve(doc.path), doc.text, (text) => mayMatch(text, rules));
}

/** The rules among `rules` whose words are in a module the document imports: one walk of its imports for all of them. */
function rulesMatchingImports(doc: Document, rules: readonly CompiledRule[], options: CheckOptions): Set<CompiledRule> {
  const found = new Set<CompiledRule>();
  if (rules.length === 0 || options.diskImports === false) return found;
  importsMayMatter(doc.language, doc.diskPath ?? resolve(doc.path), doc.text, (text) => {
    const lower = text.toLowerCase();
    for (const rule of rules) if (!found.has(rule) && mayMatchLowerCase(lower, [rule])) found.add(rule);
    return found.size === rules.length;
  });
  return found;
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
    if (part.requireParse && result.parseErrors.length > 0) continue;
    const queryBase = (index + 1) * EMBEDDED_QUERY_STRIDE;
    for (const fact of result.facts) {
      const span = part.anchor ?? { start: fact.span.start + part.offset, end: fact.span.end + part.offset };
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
  return matchesOf(doc, facts, rules).map((m) => m.finding);
}

function reportedFindings(doc: Document, facts: readonly Fact[], rules: readonly CompiledRule[], options: CheckOptions): Finding[] {
  if (!options.onMatches) return findingsOf(doc, facts, rules);
  const matches = matchesOf(doc, facts, rules);
  options.onMatches(matches, facts);
  return matches.map((m) => m.finding);
}

/** The finding of `rule` at `span`; its position from `lines`, its fingerprint from the code there. */
function findingAt(doc: Document, lines: LineIndex, rule: CompiledRule, severity: Finding["severity"], message: string, span: Span): Finding {
  // Fields written out, not spread from the range: a large file has hundreds of findings.
  const range = lines.range(span);
  return {
    ruleId: rule.id,
    severity,
    message,
    help: rule.help,
    file: doc.path,
    span,
    line: range.line,
    column: range.column,
    endLine: range.endLine,
    endColumn: range.endColumn,
    fingerprint: fingerprintOf(rule.id, doc.text.slice(span.start, span.end)),
  };
}

/** A finding with what produced it: the rule, the matcher and the fact (for `explain`). */
export interface Match {
  finding: Finding;
  rule: CompiledRule;
  matcher: CompiledMatcher;
  fact: Fact;
}

/** findingsOf, keeping for each finding the matcher and the fact it came from. */
export function matchesOf(doc: Document, facts: readonly Fact[], rules: readonly CompiledRule[]): Match[] {
  const lines = new LineIndex(doc.text);
  const matches: Match[] = [];
  for (const rule of rules) {
    const bySpan = new Map<number | string, Match>();
    for (const matcher of rule.matchers) {
      for (const fact of matcher.select(facts)) {
        const key = spanKey(fact.span);
        const existing = bySpan.get(key);
        if (existing && (existing.finding.severity === "block" || matcher.severity === "warn")) continue;
        bySpan.set(key, { finding: findingAt(doc, lines, rule, matcher.severity, rule.message, fact.span), rule, matcher, fact });
      }
    }
    matches.push(...bySpan.values());
  }
  return matches.sort((a, b) => a.finding.span.start - b.finding.span.start || compareText(a.finding.ruleId, b.finding.ruleId));
}
