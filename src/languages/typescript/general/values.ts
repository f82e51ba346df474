/**
 * FoldedValue of an expression (an argument, a JSX attribute value): its string candidates
 * through the adapter's constant folding (constants.ts: literals, templates, `+`, constants,
 * imported constants read from disk, `?:` / `??` alternatives...), the flattened keys of an
 * object value, its dotted paths (paths.ts) and the calls whose result makes it.
 */
import { type FoldedValue, NAME_HOLE } from "../../../core/types.js";
import { memberName, type Node, propertyValue, unwrap, unwrapAwait } from "../ast.js";
import { type Constants, listsOf, ObjectValue, product, type Value } from "../constants.js";
import { constantInit, type Model, objectLiteralOf } from "../model.js";
import type { Paths } from "./paths.js";

/** Flattened keys of one object value at most (a huge config object says nothing more). */
const MAX_KEYS = 64;
const MAX_CALL_DEPTH = 6;

export class Values {
  /** Nodes whose strings() are being computed (cycle guard). */
  private readonly folding = new Set<Node>();

  constructor(
    private readonly model: Model,
    private readonly constants: Constants,
    private readonly paths: Paths,
  ) {}

  of(node: Node): FoldedValue {
    const n = unwrap(node);
    const folded = this.constants.value(n);
    const value = this.strings(n, folded);
    const keys = folded instanceof ObjectValue && folded.props.size > 0 ? flatten(folded) : undefined;
    const paths = n.type === "Identifier" || n.type === "MemberExpression" ? this.paths.of(n).paths : [];
    const { calls, callGroups, plain } = this.calls(n);
    return {
      value,
      ...(keys ? { keys } : {}),
      ...(paths.length > 0 ? { paths } : {}),
      ...(calls.length > 0 ? { calls, callGroups } : {}),
      ...(plain ? { plain } : {}),
    };
  }

  /**
   * Every string the expression may be: the folded candidates, else every alternative a sink
   * would see (a loop's elements, each caller's argument); [] when nothing is known.
   */
  strings(node: Node, folded?: Value): readonly string[] {
    const n = unwrap(node);
    // `const u = new URL("/x", u)` parses: a node being folded is unknown inside itself.
    if (this.folding.has(n)) return [];
    this.folding.add(n);
    let built: readonly string[] | undefined;
    try {
      built = this.urlWithBase(n, 0) ?? this.joined(n);
    } finally {
      this.folding.delete(n);
    }
    if (built) return built;
    folded ??= this.constants.value(node);
    if (Array.isArray(folded)) return usefulOrNone(folded as readonly string[]);
    if (folded !== undefined) return [];
    const all = new Set<string>();
    for (const list of this.constants.alternatives(node)) for (const candidate of list) all.add(candidate);
    return usefulOrNone([...all]);
  }

  /**
   * `new URL(path, base)` (or a constant holding one), resolved against its base: the folding of
   * constants.ts keeps only the path (what PostgREST table rules read), a URL rule needs the host.
   */
  private urlWithBase(n: Node, depth: number): readonly string[] | undefined {
    if (n.type === "Identifier" && depth < 4) {
      const init = constantInit(this.model, n);
      return init ? this.urlWithBase(init, depth + 1) : undefined;
    }
    if (n.type !== "NewExpression" || n.arguments.length < 2) return undefined;
    const callee = unwrap(n.callee);
    if (callee.type !== "Identifier" || callee.name !== "URL" || this.model.bindingOf(callee)) return undefined;
    const [path, base] = n.arguments as Node[];
    const paths = this.strings(path!);
    const bases = this.strings(base!);
    if (paths.length === 0) return undefined;
    if (bases.length === 0) return paths.map((p) => (SCHEME.test(p) ? p : NAME_HOLE + p));
    const out = new Set<string>();
    for (const b of bases) for (const p of paths) out.add(resolveUrl(b, p));
    return [...out].slice(0, MAX_KEYS);
  }

  /**
   * `["https:", "", HOST, "v1"].join("/")`, `BASE.concat("/v1")`: strings built by the array and
   * string methods an agent reaches for when a literal URL was denied.
   */
  private joined(n: Node): readonly string[] | undefined {
    if (n.type !== "CallExpression") return undefined;
    const callee = unwrap(n.callee);
    const method = callee.type === "MemberExpression" ? memberName(callee) : undefined;
    if (method !== "join" && method !== "concat") return undefined;
    const args = n.arguments as Node[];
    if (args.some((arg) => arg.type === "SpreadElement")) return undefined;
    if (method === "concat") {
      const parts = [callee.object as Node, ...args].map((part) => this.strings(part));
      return parts.some((part) => part.length === 0) ? undefined : product(parts);
    }
    const array = this.constants.value(callee.object);
    if (!(array instanceof ObjectValue) || !array.isArray) return undefined;
    const separator = args[0] ? this.strings(args[0]) : [","];
    const elements = [...array.props.values()];
    if (separator.length !== 1 || elements.some((element) => !Array.isArray(element))) return undefined;
    const parts: (readonly string[])[] = [];
    elements.forEach((element, index) => {
      if (index > 0) parts.push(separator);
      parts.push(element as readonly string[]);
    });
    return product(parts);
  }

  /**
   * Callee paths of the calls whose result makes the value: the value itself when it is a call
   * (`sanitize(x)`, `await sanitize(x)`, `sanitize(x).trim()` counts `sanitize`), every property
   * value of an object or array literal at any depth (`{ __html: DOMPurify.sanitize(x) }`), both
   * sides of `?:` / `??` / `||`, and the value of a constant it names (`const clean = sanitize(x)`).
   * The arguments of a call do not count: `marked(sanitize(x))` is made by `marked`.
   * `plain` (FoldedValue.plain): some candidate of the value is no call's result: `html`, a
   * parameter's property, `sanitize(a) + b`, a template, the `html` of `preview ? html : sanitize(html)`
   * (the left of `&&` is a condition, not a candidate; a value followed too deep counts as plain).
   */
  calls(node: Node): { calls: string[]; callGroups: (readonly string[])[]; plain: boolean } {
    const out = new Set<string>();
    const groups: (readonly string[])[] = [];
    const seen = new Set<Node>();
    let plain = false;
    const visit = (expression: Node, depth: number): void => {
      const n = unwrapAwait(expression);
      if (seen.has(n)) return;
      if (depth > MAX_CALL_DEPTH) {
        plain = true;
        return;
      }
      seen.add(n);
      switch (n.type) {
        case "CallExpression":
        case "NewExpression": {
          const paths = this.paths.of(n.callee).paths;
          groups.push(paths);
          for (const path of paths) out.add(path);
          // `sanitize(x).toString()`: the chain's receiver made the value. The call is the
          // candidate, so a receiver that is no call (`DOMPurify` of `DOMPurify.sanitize(x)`) is not plain.
          const callee = unwrap(n.callee);
          if (callee.type === "MemberExpression") {
            const before = plain;
            visit(callee.object, depth + 1);
            plain = before;
          }
          return;
        }
        case "ObjectExpression":
          for (const prop of n.properties as Node[]) visit(prop.type === "SpreadElement" ? prop.argument : prop.value, depth + 1);
          return;
        case "ArrayExpression":
          for (const element of n.elements as (Node | null)[]) if (element) visit(element.type === "SpreadElement" ? element.argument : element, depth + 1);
          return;
        case "ConditionalExpression":
          visit(n.consequent, depth + 1);
          visit(n.alternate, depth + 1);
          return;
        case "LogicalExpression":
        case "SequenceExpression":
          if (n.type === "SequenceExpression") visit(n.expressions.at(-1), depth + 1);
          else {
            if (n.operator !== "&&") visit(n.left, depth + 1);
            visit(n.right, depth + 1);
          }
          return;
        case "Identifier": {
          const binding = this.model.bindingOf(n);
          const values = binding && binding.path.length === 0 ? [...(binding.init && (binding.kind === "const" || binding.kind === "let" || binding.kind === "var") ? [binding.init] : []), ...binding.assigned] : [];
          if (values.length === 0) plain = true;
          for (const value of values) visit(value, depth + 1);
          return;
        }
        case "MemberExpression": {
          // `props.html` of a constant object literal: that property's value.
          const object = objectLiteralOf(this.model, n.object);
          const name = memberName(n);
          const value = object && name !== undefined ? propertyValue(object, name) : undefined;
          if (value) visit(value, depth + 1);
          else plain = true;
          return;
        }
        default:
          plain = true;
      }
    };
    visit(node, 0);
    return { calls: [...out], callGroups: groups, plain };
  }
}

/** `{ method: "POST", headers: { Authorization: t } }` -> method, headers, headers.Authorization. */
function flatten(object: ObjectValue): Record<string, readonly string[]> {
  const keys: Record<string, readonly string[]> = {};
  let count = 0;
  const walk = (value: ObjectValue, prefix: string, depth: number): void => {
    for (const [key, inner] of value.props) {
      if (count++ >= MAX_KEYS) return;
      const path = prefix + key;
      const lists = listsOf(inner);
      keys[path] = lists.length > 0 ? usefulOrNone(lists[0]!) : [];
      if (inner instanceof ObjectValue && depth < 4) walk(inner, `${path}.`, depth + 1);
    }
  };
  walk(object, "", 0);
  return keys;
}

/** Candidates that are nothing but unknown parts tell nothing. */
function usefulOrNone(candidates: readonly string[]): readonly string[] {
  return candidates.filter((c) => c.replaceAll(NAME_HOLE, "").length > 0);
}

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** `new URL(path, base)`: WHATWG resolution when both are known, else the same by hand. */
export function resolveUrl(base: string, path: string): string {
  if (SCHEME.test(path)) return path;
  if (!base.includes(NAME_HOLE) && !path.includes(NAME_HOLE)) {
    try {
      return new URL(path, base).href;
    } catch {
      // not a valid base: resolve by hand below
    }
  }
  const origin = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/]*/.exec(base)?.[0] ?? base;
  if (path.startsWith("/")) return origin + path;
  return base.slice(0, base.lastIndexOf("/") + 1) + path;
}

/** axios's combineURLs: a URL relative to a client's baseURL is appended with one "/" between. */
export function joinBaseUrl(base: string, url: string): string {
  if (SCHEME.test(url)) return url;
  return `${base.replace(/\/+$/, "")}/${url.replace(/^\/+/, "")}`;
}
