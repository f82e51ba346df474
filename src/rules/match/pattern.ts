/**
 * The `pattern` kind: a code template the language adapters match (core/types.ts
 * PatternRequest), then `where` constraints on what its metavariables folded to, checked here
 * over PatternFact.captures.
 */
import { factsOfKind } from "./facts-of-kind.js";
import type { Capture, LanguageId, PatternRequest } from "../../core/types.js";
import type { Matcher } from "../schema.js";
import { anyPathMatches, compilePathPatterns, type PathMatcher } from "./path-pattern.js";
import type { RuleProblems } from "./problems.js";
import { anyValueMatches, compileValuePatterns, type ValueMatcher } from "./value-pattern.js";
import type { Select } from "./general.js";

type PatternMatcher = Extract<Matcher, { kind: "pattern" }>;

/** `$NAME` and `$$$NAME` in a template (PatternRequest.template). */
const METAVARIABLE = /\$(?:\$\$)?([A-Z_][A-Z0-9_]*)/g;

export function metavariablesOf(template: string): Set<string> {
  return new Set([...template.matchAll(METAVARIABLE)].map((m) => m[1]!));
}

/** Unique per loaded rule set (rule ids are unique): the rule id and the matcher's index. */
export function patternRequestId(ruleId: string, matcherIndex: number): string {
  return `${ruleId}#${matcherIndex}`;
}

/**
 * The template's language: as given, else the rule's only language family (typescript and
 * javascript are one family). undefined (with a problem) when the rule spans both families.
 */
export function patternLanguage(m: PatternMatcher, ruleLanguages: readonly LanguageId[], problems: RuleProblems, field: string): PatternRequest["language"] | undefined {
  if (m.language) return m.language;
  const families = new Set(ruleLanguages.flatMap((l) => (l === "python" ? ["python"] : l === "sql" ? [] : ["typescript"])));
  if (families.size === 1) return [...families][0] as PatternRequest["language"];
  problems.add(`${field}.language`, `the rule's languages (${ruleLanguages.join(", ")}) do not say which language the template is written in: set language: typescript or python`);
  return undefined;
}

interface CaptureConstraint {
  values?: ValueMatcher;
  paths?: PathMatcher;
  notValues?: ValueMatcher;
  notPaths?: PathMatcher;
}

/**
 * Facts of this request whose captures satisfy every `where` entry: `values` over the capture's
 * folded string candidates, `paths` over its alias paths (and its text when that is a plain dotted
 * name), `not` neither. A `where` naming a metavariable the template lacks is a load-time problem.
 */
export function patternSelector(m: PatternMatcher, requestId: string, problems: RuleProblems, field: string): Select {
  const declared = metavariablesOf(m.pattern);
  const constraints: [string, CaptureConstraint][] = [];
  for (const [name, where] of Object.entries(m.where ?? {})) {
    const at = `${field}.where.${name}`;
    if (!declared.has(name)) problems.add(at, `$${name} is not a metavariable of the pattern`);
    constraints.push([
      name,
      {
        ...(where.values ? { values: compileValuePatterns(where.values, problems, `${at}.values`) } : {}),
        ...(where.paths ? { paths: compilePathPatterns(where.paths) } : {}),
        ...(where.not?.values ? { notValues: compileValuePatterns(where.not.values, problems, `${at}.not.values`) } : {}),
        ...(where.not?.paths ? { notPaths: compilePathPatterns(where.not.paths) } : {}),
      },
    ]);
  }
  return (facts) =>
    factsOfKind(facts, "pattern").filter(
      (f) =>
        f.pattern === requestId &&
        constraints.every(([name, c]) => {
          const capture = f.captures[name];
          return capture !== undefined && captureHolds(capture, c);
        }),
    );
}

const DOTTED_NAME = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;

function captureHolds(capture: Capture, c: CaptureConstraint): boolean {
  const paths = DOTTED_NAME.test(capture.text) ? [capture.text, ...(capture.value.paths ?? [])] : capture.value.paths;
  if (c.values && !anyValueMatches(c.values, capture.value.value)) return false;
  if (c.paths && !anyPathMatches(c.paths, paths)) return false;
  if (c.notValues && anyValueMatches(c.notValues, capture.value.value)) return false;
  if (c.notPaths && anyPathMatches(c.notPaths, paths)) return false;
  return true;
}

