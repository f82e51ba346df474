/**
 * Selectors of the general matcher kinds over the general facts (core/types.ts): import, call,
 * member, jsx-attribute, string. Each turns one matcher of a rule file into
 * "facts of a document -> the facts to report". "Every candidate counts": a fact matches when one
 * of its candidates (callee paths, folded values) does.
 */
import type { CallFact, Fact, FoldedValue, GeneralFactKind, ImportFact, StringInterest, StringRole } from "../../core/types.js";
import type { Matcher } from "../schema.js";
import { factsOfKind } from "./facts-of-kind.js";
import { compileFileGlobs } from "./file-glob.js";
import { anyPathMatches, compilePathPatterns, type PathMatcher } from "./path-pattern.js";
import { generalNeedles } from "./needles.js";
import type { RuleProblems } from "./problems.js";
import { anyValueMatches, compileValuePatterns, type ValueMatcher } from "./value-pattern.js";

export type Select = (facts: readonly Fact[]) => Fact[];
type Of<K extends Matcher["kind"]> = Extract<Matcher, { kind: K }>;

/** The general fact kinds a matcher needs from the adapters (FactRequest.kinds). */
export const FACT_KIND_OF: Readonly<Partial<Record<Matcher["kind"], GeneralFactKind>>> = {
  import: "import",
  call: "call",
  member: "member",
  "jsx-attribute": "jsx-attribute",
  string: "string",
};

/**
 * import: `modules` (ValuePatterns over the specifier) or `paths` (FileGlobs over where it
 * resolves) name the module, either way; `names` narrows to imported names. Neither
 * `modules` nor `paths`: any module (with `names`, any import of those names).
 */
export function importSelector(m: Of<"import">, problems: RuleProblems, field: string): Select {
  const modules = m.modules ? compileValuePatterns(m.modules, problems, `${field}.modules`) : undefined;
  const paths = m.paths ? compileFileGlobs(m.paths, problems, `${field}.paths`) : undefined;
  const names = m.names ? compilePathPatterns(m.names) : undefined;
  const moduleMatches = (f: ImportFact) =>
    (!modules && !paths) ||
    (modules !== undefined && anyValueMatches(modules, f.module)) ||
    (paths !== undefined && f.resolved !== undefined && paths(f.resolved));
  return (facts) => factsOfKind(facts, "import").filter((f) => moduleMatches(f) && (!names || f.names.some(names)));
}

/** call: a callee path candidate matches, `new` agrees, and every argument constraint holds. */
export function callSelector(m: Of<"call">, problems: RuleProblems, field: string): Select {
  const callees = compilePathPatterns(m.callees);
  const constraints = (m.arguments ?? []).map((c, i) => argumentConstraint(c, problems, `${field}.arguments.${i}`));
  return (facts) =>
    factsOfKind(facts, "call").filter(
      (f) =>
        (m.new === undefined || m.new === f.new) &&
        f.callee.some(callees) &&
        constraints.every((holds) => holds(f)),
    );
}

/**
 * The callees whose arguments the matcher reads (FactRequest.callArguments): its `callees` when it
 * constrains arguments, else none (it matches a call whatever its arguments are).
 */
export function argumentCallees(m: Of<"call">): PathMatcher[] {
  return (m.arguments ?? []).length > 0 ? [compilePathPatterns(m.callees)] : [];
}

type ArgumentConstraint = NonNullable<Of<"call">["arguments"]>[number];

/**
 * One argument constraint. The argument: by `index`, by Python `keyword`, either when both are
 * given (`requests.get(url)` and `requests.get(url=url)`), any argument when neither is. Of that
 * argument, `key` picks an object literal's key. Then `values` and `paths` must both hold where
 * given; a missing argument or key fails the constraint.
 */
function argumentConstraint(c: ArgumentConstraint, problems: RuleProblems, field: string): (call: CallFact) => boolean {
  const values = c.values ? compileValuePatterns(c.values, problems, `${field}.values`) : undefined;
  const paths = c.paths ? compilePathPatterns(c.paths) : undefined;
  const holds = (arg: FoldedValue): boolean => {
    const value = c.key === undefined ? arg.value : arg.keys?.[c.key];
    if (value === undefined) return false;
    if (values && !anyValueMatches(values, value)) return false;
    // A key's value carries no paths: `paths` speaks of the argument itself.
    if (paths && (c.key !== undefined || !anyPathMatches(paths, arg.paths))) return false;
    return true;
  };
  return (call) => {
    const candidates: FoldedValue[] = [];
    if (c.index !== undefined && call.args[c.index]) candidates.push(call.args[c.index]!);
    if (c.keyword !== undefined && call.keywords?.[c.keyword]) candidates.push(call.keywords[c.keyword]!);
    if (c.index === undefined && c.keyword === undefined) candidates.push(...call.args, ...Object.values(call.keywords ?? {}));
    return candidates.some(holds);
  };
}

/** member: a pattern matches the start of a path candidate (`process.env` matches `process.env.X`). */
export function memberSelector(m: Of<"member">): Select {
  const paths = compilePathPatterns(m.paths, { prefix: true });
  return (facts) => factsOfKind(facts, "member").filter((f) => f.path.some(paths));
}

/** jsx-attribute: by name (and element), value constraint, unless the value comes from one of `unlessFrom`. */
export function jsxAttributeSelector(m: Of<"jsx-attribute">, problems: RuleProblems, field: string): Select {
  const names = compilePathPatterns(m.names);
  const elements = m.elements ? compilePathPatterns(m.elements) : undefined;
  const values = m.values ? compileValuePatterns(m.values, problems, `${field}.values`) : undefined;
  const unlessFrom: PathMatcher | undefined = m.unlessFrom ? compilePathPatterns(m.unlessFrom) : undefined;
  return (facts) =>
    factsOfKind(facts, "jsx-attribute").filter(
      (f) =>
        names(f.name) &&
        (!elements || elements(f.element)) &&
        (!values || anyValueMatches(values, f.value.value)) &&
        !(unlessFrom && madeBy(unlessFrom, f.value)),
    );
}

/**
 * The value is made by one of the functions: it comes from calls, every one of them a match
 * (`c ? marked(x) : sanitize(x)` is not sanitized), and no candidate of it is plain.
 */
function madeBy(functions: PathMatcher, value: FoldedValue): boolean {
  if (value.plain || (value.calls?.length ?? 0) === 0) return false;
  const groups = value.callGroups ?? [value.calls ?? []];
  return groups.every((paths) => anyPathMatches(functions, paths));
}

/**
 * What a string matcher can match (FactRequest.strings): its role, and the needles one of which
 * every value it matches contains (needles.ts: each pattern's literal word; `not` only narrows).
 */
export function stringInterest(m: Of<"string">): StringInterest {
  const needles = generalNeedles(m);
  return { role: m.role ?? "any", ...(needles ? { needles } : {}) };
}

/**
 * string: a folded value in the role asked for ("any": every string fact). With `not`, the
 * candidate that matches `values` must also match none of `not` (an exception speaks of that
 * candidate, not of the value's other candidates).
 */
export function stringSelector(m: Of<"string">, problems: RuleProblems, field: string): Select {
  const values: ValueMatcher = compileValuePatterns(m.values, problems, `${field}.values`);
  const not: ValueMatcher | undefined = m.not ? compileValuePatterns(m.not, problems, `${field}.not`) : undefined;
  const matches: ValueMatcher = not ? (candidate) => values(candidate) && !not(candidate) : values;
  const role: StringRole | "any" = m.role === undefined || m.role === "any" ? "any" : m.role;
  return (facts) => factsOfKind(facts, "string").filter((f) => (role === "any" || f.role === role) && anyValueMatches(matches, f.value));
}
