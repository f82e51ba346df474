/**
 * Turns rule definitions (data) into matchers over facts, and into the text pre-check.
 * A rule never sees an AST: see core/types.ts for the facts.
 */
import { type Access, type Fact, type FactRequest, type GeneralFactKind, KEY_ORIGIN, type PatternRequest, type Severity, type StringInterest } from "../core/types.js";
import type { LanguageId } from "../core/types.js";
import { compileScope, type RuleScope } from "./match/file-glob.js";
import { argumentCallees, callSelector, FACT_KIND_OF, importSelector, jsxAttributeSelector, memberSelector, stringInterest, stringSelector } from "./match/general.js";
import type { PathMatcher } from "./match/path-pattern.js";
import { generalNeedles } from "./match/needles.js";
import { patternLanguage, patternRequestId, patternSelector } from "./match/pattern.js";
import { RuleCompileError, RuleProblems } from "./match/problems.js";
import { compileNamePatterns, matchesResolvedName, type NameMatcher, needleOf } from "./patterns.js";
import type { Matcher, RuleDefinition } from "./schema.js";

export { RuleCompileError } from "./match/problems.js";
export { inScope, type RuleScope } from "./match/file-glob.js";

/** One way a rule matches, ready to run. */
export interface CompiledMatcher {
  severity: Severity;
  /** Facts of one document -> the facts to report (each becomes a finding at its span). */
  select(facts: readonly Fact[]): Fact[];
}

export interface CompiledRule {
  id: string;
  severity: Severity;
  languages: ReadonlySet<LanguageId>;
  message: string;
  help: string;
  matchers: CompiledMatcher[];
  /** Lower-cased words of which the text must contain one for the rule to possibly match; null: always check. */
  needles: string[] | null;
  /**
   * True when a matcher of the rule has no literal word to look for (a regular expression, only
   * wildcards): every document of its languages is parsed for it. test-rules and the bench say so.
   */
  needlesMissing: boolean;
  /** `files` / `ignore` (project-root-relative paths); undefined: every file. */
  scope?: RuleScope;
  /** The general facts and pattern templates this rule needs from the adapters (see factRequestOf). */
  request: RuleRequest;
}

/** One rule's part of a FactRequest. */
export interface RuleRequest {
  kinds: readonly GeneralFactKind[];
  patterns: readonly PatternRequest[];
  /** What its `string` matchers look at (FactRequest.strings). */
  strings: readonly StringInterest[];
  /** The callees of its `call` matchers that constrain arguments (FactRequest.callArguments). */
  argumentCallees: readonly PathMatcher[];
}

export function compileRules(definitions: readonly RuleDefinition[]): CompiledRule[] {
  return definitions.map(compileRule);
}

/**
 * Throws RuleCompileError naming each field whose pattern does not compile (a bad regular
 * expression, a bad glob, a `where` on no metavariable); rule loaders add the file.
 */
export function compileRule(rule: RuleDefinition): CompiledRule {
  const problems = new RuleProblems();
  const needles = rule.match.flatMap((m) => needlesOf(m) ?? [undefined]);
  const kinds = new Set<GeneralFactKind>();
  const patterns: PatternRequest[] = [];
  const strings: StringInterest[] = [];
  const callees: PathMatcher[] = [];
  const matchers = rule.match.map((m, index) => {
    const kind = FACT_KIND_OF[m.kind];
    if (kind) kinds.add(kind);
    if (m.kind === "string") strings.push(stringInterest(m));
    if (m.kind === "call") callees.push(...argumentCallees(m));
    if (m.kind === "pattern") {
      const language = patternLanguage(m, rule.languages, problems, `match.${index}`);
      if (language) patterns.push({ id: patternRequestId(rule.id, index), language, template: m.pattern });
    }
    return compileMatcher(m, rule.severity, problems, `match.${index}`, patternRequestId(rule.id, index));
  });
  const scope = compileScope(rule, problems);
  if (problems.list.length > 0) throw new RuleCompileError(rule.id, problems.list);
  const complete = needles.every((n): n is string => n !== undefined);
  return {
    id: rule.id,
    severity: rule.severity,
    languages: new Set(rule.languages),
    message: rule.message,
    help: rule.help,
    matchers,
    needles: complete ? [...new Set(needles)] : null,
    needlesMissing: !complete,
    ...(scope ? { scope } : {}),
    request: { kinds: [...kinds], patterns, strings, argumentCallees: callees },
  };
}

/**
 * What the adapters must extract beyond the built-in facts for these rules (ExtractOptions.request).
 * Empty (no kinds, no patterns) for the built-in pack: adapters then do nothing extra.
 * With string or call kinds, it also says which string facts and which calls' arguments these
 * rules can match (FactRequest.strings, callArguments), so the adapters skip the rest; `whole`
 * asks for every fact in full instead (`explain` prints the facts it reports, arguments included).
 */
export function factRequestOf(rules: readonly CompiledRule[], options: { whole?: boolean } = {}): FactRequest {
  const kinds = new Set<GeneralFactKind>();
  const patterns: PatternRequest[] = [];
  const strings: StringInterest[] = [];
  const callees: PathMatcher[] = [];
  for (const rule of rules) {
    for (const kind of rule.request.kinds) kinds.add(kind);
    patterns.push(...rule.request.patterns);
    strings.push(...rule.request.strings);
    callees.push(...rule.request.argumentCallees);
  }
  const request: FactRequest = { kinds, patterns };
  if (options.whole) return request;
  if (kinds.has("string")) request.strings = strings;
  if (kinds.has("call")) request.callArguments = (callee) => callees.some((matches) => callee.some(matches));
  return request;
}

/** The needles of one matcher (one per pattern it lists), undefined when it has none. */
function needlesOf(m: Matcher): (string | undefined)[] | undefined {
  if (FACT_KIND_OF[m.kind] || m.kind === "pattern") return generalNeedles(m);
  return patternsOf(m).map(needleOf);
}

function patternsOf(m: Matcher): string[] {
  switch (m.kind) {
    case "table":
      return m.tables;
    case "column":
      return m.columns;
    // A client query only matters when it touches the tables or columns: those words suffice.
    case "client-query":
      return [...(m.tables ?? []), ...(m.columns ?? [])].length > 0
        ? [...(m.tables ?? []), ...(m.columns ?? [])]
        : m.clients;
    case "function-definition":
    case "function-call":
      return m.names;
    default:
      return [];
  }
}

function accessMatches(wanted: "any" | Access | undefined, actual: Access): boolean {
  return wanted === undefined || wanted === "any" || wanted === actual;
}

function compileMatcher(m: Matcher, ruleSeverity: Severity, problems: RuleProblems, field: string, requestId: string): CompiledMatcher {
  const severity = m.severity ?? ruleSeverity;
  switch (m.kind) {
    case "table": {
      const names = compileNamePatterns(m.tables);
      return {
        severity,
        select: (facts) =>
          facts.filter((f) => f.kind === "table" && accessMatches(m.access, f.access) && matchesResolvedName(names, f.name, "any")),
      };
    }
    case "column": {
      const names = compileNamePatterns(m.columns);
      return {
        severity,
        select: (facts) =>
          facts.filter((f) => f.kind === "column" && accessMatches(m.access, f.access) && matchesResolvedName(names, f.name)),
      };
    }
    case "client-query":
      return { severity, select: clientQuerySelector(m) };
    case "function-definition":
    case "function-call": {
      const names = compileNamePatterns(m.names);
      return { severity, select: (facts) => facts.filter((f) => (f.kind === "function-definition" || f.kind === "function-call") && f.kind === m.kind && names(f.name)) };
    }
    case "import":
      return { severity, select: importSelector(m, problems, field) };
    case "call":
      return { severity, select: callSelector(m, problems, field) };
    case "member":
      return { severity, select: memberSelector(m) };
    case "jsx-attribute":
      return { severity, select: jsxAttributeSelector(m, problems, field) };
    case "string":
      return { severity, select: stringSelector(m, problems, field) };
    case "pattern":
      return { severity, select: patternSelector(m, requestId, problems, field) };
  }
}

/**
 * Queries whose client came from one of the factories and that touch the tables or columns.
 * One finding per query, at its table reference when it has one (rules.md: "report it at the query").
 */
function clientQuerySelector(m: Extract<Matcher, { kind: "client-query" }>): CompiledMatcher["select"] {
  const factories = compileNamePatterns(m.clients);
  const keys = m.keys ? compileNamePatterns(m.keys) : undefined;
  // Adapters list the names a client's key argument carried as `key:<name>` origins.
  const clients = (origin: string): boolean =>
    origin.startsWith(KEY_ORIGIN) ? keys !== undefined && keys(origin.slice(KEY_ORIGIN.length)) : factories(origin);
  const tables: NameMatcher | undefined = m.tables ? compileNamePatterns(m.tables) : undefined;
  const columns: NameMatcher | undefined = m.columns ? compileNamePatterns(m.columns) : undefined;
  return (facts) => {
    const byQuery = new Map<number, Fact[]>();
    for (const f of facts) {
      if ((f.kind === "table" || f.kind === "column") && f.query !== undefined && f.clients?.some(clients)) {
        const group = byQuery.get(f.query) ?? [];
        group.push(f);
        byQuery.set(f.query, group);
      }
    }
    const selected: Fact[] = [];
    for (const group of byQuery.values()) {
      const touches = group.some(
        (f) =>
          (f.kind === "table" && tables !== undefined && matchesResolvedName(tables, f.name, "any")) ||
          (f.kind === "column" && columns !== undefined && matchesResolvedName(columns, f.name)),
      );
      if (touches) selected.push(group.find((f) => f.kind === "table") ?? group[0]!);
    }
    return selected;
  };
}

/** What the text pre-check needs of a rule (the hook's fast path loads only this: needles.ts). */
export type RuleNeedles = Pick<CompiledRule, "needles">;

/** The text pre-check: can any of these rules match this text at all? */
export function mayMatch(text: string, rules: readonly RuleNeedles[]): boolean {
  // A rule without needles matches any text: no need to lower-case it.
  if (rules.some((rule) => rule.needles === null)) return true;
  return rules.length > 0 && mayMatchLowerCase(text.toLowerCase(), rules);
}

/** mayMatch of a text already lower-cased: a caller testing one text against rule after rule lower-cases it once. */
export function mayMatchLowerCase(lower: string, rules: readonly RuleNeedles[]): boolean {
  for (const rule of rules) {
    if (rule.needles === null) return true;
    for (const needle of rule.needles) if (lower.includes(needle)) return true;
  }
  return false;
}
