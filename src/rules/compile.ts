/**
 * Turns rule definitions (data) into matchers over facts, and into the text pre-check.
 * A rule never sees an AST: see core/types.ts for the facts.
 */
import { type Access, type Fact, KEY_ORIGIN, type Severity } from "../core/types.js";
import type { LanguageId } from "../core/types.js";
import { compileNamePatterns, matchesResolvedName, type NameMatcher, needleOf } from "./patterns.js";
import type { Matcher, RuleDefinition } from "./schema.js";

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
}

export function compileRules(definitions: readonly RuleDefinition[]): CompiledRule[] {
  return definitions.map(compileRule);
}

export function compileRule(rule: RuleDefinition): CompiledRule {
  const patterns = rule.match.flatMap(patternsOf);
  const needles = patterns.map(needleOf);
  return {
    id: rule.id,
    severity: rule.severity,
    languages: new Set(rule.languages),
    message: rule.message,
    help: rule.help,
    matchers: rule.match.map((m) => compileMatcher(m, rule.severity)),
    needles: needles.every((n): n is string => n !== undefined) ? [...new Set(needles)] : null,
  };
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
    // General kinds: compiled by the team-rules work (issue 12); until then they never match.
    default:
      return [];
  }
}

function accessMatches(wanted: "any" | Access | undefined, actual: Access): boolean {
  return wanted === undefined || wanted === "any" || wanted === actual;
}

function compileMatcher(m: Matcher, ruleSeverity: Severity): CompiledMatcher {
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
    default:
      return { severity, select: () => [] };
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
  let lower: string | undefined;
  for (const rule of rules) {
    if (rule.needles === null) return true;
    lower ??= text.toLowerCase();
    for (const needle of rule.needles) if (lower.includes(needle)) return true;
  }
  return false;
}
