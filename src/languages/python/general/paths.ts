/**
 * Dotted paths of Python expressions, as written and through aliases (core/types.ts: "every path
 * it may stand for is listed"):
 *
 *   import requests as r; r.get             -> r.get, requests.get
 *   from requests import get as g; g        -> g, requests.get
 *   env = os.environ; env["X"]              -> env.X, os.environ.X
 *   with httpx.Client() as c: c.get         -> c.get, httpx.Client.get
 *   self.client = OpenAI() ... self.client.chat.completions.create
 *                                           -> self.client.chat.completions.create, OpenAI.chat.completions.create
 *   from requests import *; get             -> get, requests.get   (a name bound nowhere in the file)
 *   getattr(requests, "get")                -> requests.get
 *   __import__("m"), importlib.import_module("m") -> m
 *
 * The result of a call is named by its callee's path: `requests.Session().get` is
 * "requests.Session.get" (Python has no `new`: an instance is the call of its class). Subscripts
 * with a known key are a segment (`os.environ["X"]` -> "os.environ.X"); an unknown key or an
 * unknown root is NAME_HOLE.
 */
import type { SyntaxNode } from "@lezer/common";
import { NAME_HOLE, type TraceStep } from "../../../core/types.js";
import type { Binding, ModuleIndex, Scope } from "../scope.js";
import { argumentsOf, childrenOf, isExpression, textAt } from "../syntax.js";
import { type Evaluator, reachingBindings, selfClassOf } from "../values.js";
import type { GeneralIndex } from "./walk.js";

/** Paths of one expression and the alias steps they went through (for `explain`). */
export interface Resolved {
  paths: string[];
  via: TraceStep[];
}

/** More paths than this for one expression: the rest are dropped (aliases rarely branch this much). */
const MAX_PATHS = 16;
const MAX_DEPTH = 12;
const MAX_KEYS = 4;
const NONE: Resolved = { paths: [], via: [] };
/** Calls that import the module their argument names. */
export const IMPORT_CALLS = new Set(["__import__", "import_module", "importlib.import_module"]);

export class PathResolver {
  private readonly memo = new Map<number | string, Resolved>();
  private readonly active = new Set<Binding>();
  private depth = 0;

  constructor(
    private readonly index: ModuleIndex,
    private readonly general: GeneralIndex,
    private readonly evaluator: Evaluator,
  ) {}

  /** The paths of an expression: the written one first, then those through aliases. */
  paths(node: SyntaxNode, scope: Scope): Resolved {
    const key = memoKey(node);
    const known = this.memo.get(key);
    if (known) return known;
    if (this.depth >= MAX_DEPTH) return NONE;
    this.depth++;
    try {
      const resolved = this.compute(node, scope);
      // Not memoised while a binding is being followed: a cycle cut short would be remembered short.
      if (this.active.size === 0) this.memo.set(key, resolved);
      return resolved;
    } finally {
      this.depth--;
    }
  }

  /** Paths naming what a call calls (`getattr(requests, "get")(u)` -> requests.get). */
  calleePaths(call: SyntaxNode, scope: Scope): Resolved {
    const callee = call.firstChild;
    if (!callee || !isExpression(callee) || callee.name === "ArgList") return NONE;
    return this.paths(callee, scope);
  }

  /**
   * The calls whose result an expression holds, through names, `with … as`, `self.attr = …`:
   * `s = httpx.Client(base_url=B)` ... `s.get(u)`: the `httpx.Client(...)` call.
   */
  origins(node: SyntaxNode, scope: Scope, depth = 0): { call: SyntaxNode; scope: Scope }[] {
    if (depth > 6) return [];
    const inner = unwrap(node);
    if (inner.name === "CallExpression") return [{ call: inner, scope }];
    if (inner.name === "VariableName") {
      return this.bindingsOf(inner, scope).flatMap(([binding, owner]) => {
        const withValue = this.general.withTargets.get(binding.from);
        if (withValue) return this.origins(withValue, owner, depth + 1);
        return binding.kind === "value" && binding.index === undefined ? this.origins(binding.value, owner, depth + 1) : [];
      });
    }
    if (inner.name === "MemberExpression" && isSelf(inner.firstChild) && inner.lastChild?.name === "PropertyName") {
      return this.selfAttributes(textAt(inner.lastChild), scope).flatMap((a) => this.origins(a.value, a.scope, depth + 1));
    }
    return [];
  }

  /**
   * Whether some value the expression may hold is no call's result (FoldedValue.plain): the
   * leaves origins() does not reach, a name with no known value, a literal, `a + b`...
   */
  hasPlainCandidate(node: SyntaxNode, scope: Scope, depth = 0): boolean {
    if (depth > 6) return true;
    const inner = unwrap(node);
    if (inner.name === "CallExpression") return false;
    let values: { value: SyntaxNode; scope: Scope }[] = [];
    if (inner.name === "VariableName") {
      for (const [binding, owner] of this.bindingsOf(inner, scope)) {
        const withValue = this.general.withTargets.get(binding.from);
        if (withValue) values.push({ value: withValue, scope: owner });
        else if (binding.kind === "value" && binding.index === undefined) values.push({ value: binding.value, scope: owner });
        else return true;
      }
    } else if (inner.name === "MemberExpression" && isSelf(inner.firstChild) && inner.lastChild?.name === "PropertyName") {
      values = this.selfAttributes(textAt(inner.lastChild), scope).map((a) => ({ value: a.value, scope: a.scope }));
    }
    return values.length === 0 || values.some(({ value, scope: at }) => this.hasPlainCandidate(value, at, depth + 1));
  }

  private compute(node: SyntaxNode, scope: Scope): Resolved {
    switch (node.name) {
      case "ParenthesizedExpression":
      case "AwaitExpression":
        return unwrap(node) === node ? NONE : this.paths(unwrap(node), scope);
      case "VariableName":
        return this.name(node, scope);
      case "MemberExpression":
        return this.member(node, scope);
      case "CallExpression":
        return this.callResult(node, scope);
      default:
        return NONE;
    }
  }

  private name(node: SyntaxNode, scope: Scope): Resolved {
    const name = textAt(node);
    const out = new Collector([name]);
    const bindings = this.bindingsOf(node, scope);
    // Bound nowhere in the file: maybe by a `from m import *` (module level): "m.name".
    if (bindings.length === 0) {
      for (const star of this.starImports()) out.add([joinModule(star.module, name)], [{ span: star.span, note: `from ${star.module} import *` }]);
    }
    for (const [binding, owner] of bindings) {
      if (this.active.has(binding)) continue;
      this.active.add(binding);
      try {
        this.aliasOf(name, binding, owner, out);
      } finally {
        this.active.delete(binding);
      }
    }
    return out.result();
  }

  /** What a binding makes a name stand for, added to `out`. */
  private aliasOf(name: string, binding: Binding, owner: Scope, out: Collector): void {
    const at = { start: binding.from, end: binding.from + name.length };
    if (binding.kind === "import") {
      // name "": the module itself (`import a.b as m`, as scope.ts may bind it).
      const path = binding.name === "" ? binding.module : joinModule(binding.module, binding.name);
      const note = binding.name === "" ? `import ${binding.module}` : `from ${binding.module} import ${binding.name}`;
      out.add([path], [{ span: at, note: `${note}${path.endsWith(`.${name}`) || path === name ? "" : ` as ${name}`}` }]);
      return;
    }
    const module = this.general.moduleAliases.get(binding.from);
    if (module) {
      out.add([module], [{ span: at, note: `import ${module} as ${name}` }]);
      return;
    }
    const withValue = this.general.withTargets.get(binding.from);
    const value = withValue ?? (binding.kind === "value" && binding.index === undefined ? binding.value : undefined);
    // `self.requests = requests` with a parameter `requests`: the parameter's name says nothing about what it holds.
    if (!value || this.isParameter(unwrap(value), owner)) return;
    const inner = this.paths(value, owner);
    if (inner.paths.length > 0) out.add(inner.paths, [...inner.via, { span: at, note: `${withValue ? "with … as " : ""}${name} = ${short(textAt(value))}` }]);
  }

  private member(node: SyntaxNode, scope: Scope): Resolved {
    const object = node.firstChild;
    const second = object?.nextSibling;
    if (!object || !second) return NONE;
    const base = this.paths(object, scope);
    const roots = base.paths.length > 0 ? base.paths : [NAME_HOLE];
    let segments: string[];
    if (second.name === "[") {
      const key = second.nextSibling;
      segments = key && isExpression(key) && second.nextSibling?.nextSibling?.name === "]" ? this.keySegments(key, scope) : [NAME_HOLE];
    } else if (node.lastChild?.name === "PropertyName") {
      segments = [textAt(node.lastChild)];
    } else return NONE;
    const out = new Collector(roots.flatMap((root) => segments.map((segment) => `${root}.${segment}`)), base.via);
    // self.client: also what the class's methods assign to it (`self.client = OpenAI()`).
    if (isSelf(object) && node.lastChild?.name === "PropertyName") {
      for (const assigned of this.selfAttributes(segments[0]!, scope)) {
        if (this.isParameter(unwrap(assigned.value), assigned.scope)) continue;
        const inner = this.paths(assigned.value, assigned.scope);
        out.add(inner.paths, [...inner.via, { span: { start: assigned.value.from, end: assigned.value.to }, note: `self.${segments[0]} = ${short(textAt(assigned.value))}` }]);
      }
    }
    return out.result();
  }

  /** `x["KEY"]`, `x[0]`, `x[K]` with K a known constant: one segment per candidate; anything else a hole. */
  private keySegments(key: SyntaxNode, scope: Scope): string[] {
    const value = this.evaluator.evaluate(key, scope);
    if (value.kind !== "str" || value.candidates.length > MAX_KEYS) return [NAME_HOLE];
    return value.candidates.map((candidate) => (candidate.includes(".") ? NAME_HOLE : candidate));
  }

  /** A call's result is named by its callee: `requests.Session()` -> requests.Session. */
  private callResult(call: SyntaxNode, scope: Scope): Resolved {
    const callee = this.calleePaths(call, scope);
    const args = argumentsOf(call);
    const first = args.positional[0];
    // getattr(obj, "name"): the attribute itself.
    if (callee.paths.includes("getattr") && first && args.positional[1]) {
      const base = this.paths(first, scope);
      const names = this.keySegments(args.positional[1], scope);
      return new Collector(base.paths.flatMap((root) => names.map((n) => `${root}.${n}`)), base.via).result();
    }
    // __import__("m"), importlib.import_module("m"): the module.
    if (first && callee.paths.some((p) => IMPORT_CALLS.has(p))) {
      const modules = this.evaluator.names(first, scope).filter((m) => !m.includes(NAME_HOLE));
      return modules.length > 0 ? { paths: modules, via: callee.via } : NONE;
    }
    return callee;
  }

  private stars?: { module: string; span: TraceStep["span"] }[];
  /** The modules of `from m import *` statements (at most a few count). */
  private starImports(): { module: string; span: TraceStep["span"] }[] {
    this.stars ??= this.general.imports.filter((i) => !i.plain && i.names.some((n) => n.name === "*")).slice(0, 4).map((i) => ({ module: i.module, span: i.span }));
    return this.stars;
  }

  private isParameter(node: SyntaxNode, scope: Scope): boolean {
    if (node.name !== "VariableName") return false;
    const bindings = this.bindingsOf(node, scope);
    return bindings.length > 0 && bindings.every(([b]) => b.kind === "param");
  }

  /** `self.attr = value` of the class the scope's `self` belongs to (module-wide outside a class). */
  private selfAttributes(attribute: string, scope: Scope): { value: SyntaxNode; scope: Scope }[] {
    const owner = selfClassOf(scope);
    return (this.index.attributes.get(attribute) ?? []).filter((a) => !owner || selfClassOf(a.scope) === owner);
  }

  /** The bindings of a name that may reach this use, with the scope that holds them. */
  private bindingsOf(node: SyntaxNode, scope: Scope): [Binding, Scope][] {
    const name = textAt(node);
    let owner: Scope | undefined = scope;
    while (owner && !owner.bindings.has(name)) owner = owner.parent;
    if (!owner) return [];
    const all = owner.bindings.get(name)!;
    const reaching = owner === scope ? reachingBindings(all, node) : all;
    return reaching.map((b) => [b, owner]);
  }
}

/**
 * One number per (span, node type) for every document we parse (below 2^21 characters, fewer than
 * 1024 node types: under 2^52, exact): no string built per lookup. A string beyond that.
 */
function memoKey(node: SyntaxNode): number | string {
  const type = node.type.id;
  return node.to < 2 ** 21 && type < 1024 ? (node.from * 2 ** 21 + node.to) * 1024 + type : `${node.from}:${node.to}:${type}`;
}

/** Gathers paths without repeats, up to MAX_PATHS. */
class Collector {
  private readonly paths: string[] = [];
  private readonly via: TraceStep[] = [];
  constructor(paths: readonly string[] = [], via: readonly TraceStep[] = []) {
    this.add(paths, via);
  }
  add(paths: readonly string[], via: readonly TraceStep[]): void {
    let added = false;
    for (const path of paths) {
      if (this.paths.length >= MAX_PATHS || this.paths.includes(path)) continue;
      this.paths.push(path);
      added = true;
    }
    if (added) for (const step of via) if (!this.via.some((s) => s.span.start === step.span.start && s.note === step.note)) this.via.push(step);
  }
  result(): Resolved {
    return { paths: this.paths, via: this.via };
  }
}

/** `from m import n` -> "m.n"; `from . import n` -> ".n"; `from ..lib import n` -> "..lib.n". */
export function joinModule(module: string, name: string): string {
  return module.endsWith(".") ? module + name : `${module}.${name}`;
}

/** The expression inside parentheses or after `await`. */
export function unwrap(node: SyntaxNode): SyntaxNode {
  let inner = node;
  for (let i = 0; i < 8; i++) {
    if (inner.name === "AwaitExpression" && inner.lastChild && isExpression(inner.lastChild)) inner = inner.lastChild;
    else if (inner.name === "ParenthesizedExpression") {
      const parts = childrenOf(inner).filter(isExpression);
      if (parts.length !== 1) return inner;
      inner = parts[0]!;
    } else return inner;
  }
  return inner;
}

function isSelf(node: SyntaxNode | null): boolean {
  return node?.name === "VariableName" && (textAt(node) === "self" || textAt(node) === "cls");
}

function short(text: string): string {
  const line = text.replace(/\s+/g, " ");
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

