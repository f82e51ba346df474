/**
 * What a Python expression can evaluate to, as far as the rules need: the strings it may be (table
 * and column names, with NAME_HOLE for parts we cannot know), the keys of a dict, or the function
 * whose return value it is (client origins: `create_service_role_client`).
 *
 * Follows names through module / function constants (scope-aware, latest dominating assignment),
 * dict constants (`TABLES["cloud"]`), class attributes, same-file function returns, parameters
 * (the arguments of every same-file call), `self.attr = ...`, f-strings, `+`, `%` and `.format`.
 */
import type { SyntaxNode } from "@lezer/common";
import { type ConstantValue, type ExtractOptions, KEY_ORIGIN, NAME_HOLE, type Span } from "../../core/types.js";
import type { Binding, FunctionInfo, ModuleIndex, Mutation, Scope } from "./scope.js";
import { TABLE_METHODS } from "./sinks.js";
import { argumentsOf, type CallArguments, calleeOf, childrenOf, decodeContent, isExpression, spanOf, stringLayout, textAt } from "./syntax.js";

export interface DictEntry {
  /** Candidates of the key (see ResolvedName). */
  key: string[];
  /** Where the key is written: a write of this column is reported there. */
  span: Span;
  value: () => Value;
}

export type Value =
  | { kind: "str"; candidates: string[] }
  | { kind: "dict"; entries: DictEntry[] }
  | { kind: "list"; items: Value[] }
  /** The result of calling these functions (and of method calls on it: `client.schema("x")`). */
  | { kind: "client"; origins: string[] }
  | { kind: "namespace"; scope: Scope }
  /**
   * A module read from disk, or a class or object of one (modules.ts): its attributes are looked
   * up on demand, in that module's own source.
   */
  | { kind: "module"; member: (name: string) => Value }
  /** What a supabase query chain returns (`.execute()`, `.data`, a row of it): its columns are reads of that query. */
  | { kind: "rows"; query: number; clients: string[] }
  | { kind: "unknown" };

export const UNKNOWN: Value = { kind: "unknown" };
const HOLE_ONLY = [NAME_HOLE];
/** More candidates than this and a name is "unknown": combinatorial growth buys nothing. */
const MAX_CANDIDATES = 64;
const MAX_DEPTH = 40;
const MAX_STEPS = 50_000;

export class Evaluator {
  private depth = 0;
  /** Evaluation steps left: bounds the work on pathological files (the hook has a time budget). */
  private budget = MAX_STEPS;
  /** Bindings and functions being evaluated: `x = x + "a"` and recursion end as unknown. */
  private readonly active = new Set<object>();
  /**
   * Values of bindings and function returns, computed once: parameters passed through chains of
   * helpers would otherwise be re-evaluated once per path (exponential).
   */
  private memo = new Map<object, Value>();
  /** Query id of each `.table()` / `.from_()` call, by its position: assigned in source order by queryOf. */
  private readonly queries = new Map<number, number>();
  /**
   * Calls of same-file functions being evaluated, innermost last: while one is, its parameters hold
   * what that call passes (not what every call passes), so `table_name("x")` is "x" only.
   */
  private readonly frames: { fn: FunctionInfo; call: SyntaxNode; scope: Scope }[] = [];
  /** What each call of a same-file function returns, by the call's position (outside frames). */
  private readonly callMemo = new Map<number, Value>();

  constructor(
    private readonly index: ModuleIndex,
    private readonly options: ExtractOptions = {},
    /** `from module import name` (name "" for the module itself) read from disk: modules.ts. */
    private readonly imports?: (module: string, name: string) => Value | undefined,
  ) {}

  /** A fresh step budget, for each question another module asks (modules.ts keeps this evaluator). */
  refill(): void {
    this.budget = MAX_STEPS;
  }

  /** The value of a module-level name as another module sees it: after the whole module (`end`: its length) ran. */
  exported(name: string, end: number): Value | undefined {
    const bindings = this.index.module.bindings.get(name);
    if (!bindings) return undefined;
    return union(reachingBindings(bindings, { from: end, to: end }).map((b) => this.binding(b, this.index.module)));
  }

  /** An attribute of a class (or of an instance of it): see member(). */
  attributeOf(namespace: Extract<Value, { kind: "namespace" }>, name: string): Value {
    const value = this.lookupIn(namespace.scope, name);
    return value.kind === "unknown" ? this.instanceAttribute(namespace.scope, name) : value;
  }

  /** The query id of a `.table()` / `.from_()` call (the same one every time it is asked). */
  queryOf(call: SyntaxNode): number {
    let id = this.queries.get(call.from);
    if (id === undefined) {
      id = this.queries.size + 1;
      this.queries.set(call.from, id);
    }
    return id;
  }

  /** Whether one of these expressions has a known value (a string that is more than a hole): folding them adds text. */
  fillsHoles(nodes: readonly SyntaxNode[], scope: Scope): boolean {
    return nodes.some((node) => {
      const value = this.evaluate(node, scope);
      // Letters: a name or SQL text; a number filling `id = {}` changes no name.
      return value.kind === "str" && value.candidates.some((c) => /[A-Za-z_]/.test(c.replaceAll(NAME_HOLE, "")));
    });
  }

  /** The possible names of an expression, for a TableFact or ColumnFact. */
  names(node: SyntaxNode, scope: Scope): string[] {
    return candidatesOf(this.evaluate(node, scope));
  }

  evaluate(node: SyntaxNode, scope: Scope): Value {
    if (this.depth >= MAX_DEPTH || this.budget <= 0) return UNKNOWN;
    this.depth++;
    this.budget--;
    try {
      return this.evaluateNode(node, scope);
    } finally {
      this.depth--;
    }
  }

  private evaluateNode(node: SyntaxNode, scope: Scope): Value {
    switch (node.name) {
      case "String": {
        const layout = stringLayout(node);
        return str([decodeContent(layout.contentFrom, layout.contentTo, layout.raw)]);
      }
      case "FormatString":
        return this.formatString(node, scope);
      case "ContinuedString":
        return childrenOf(node).filter(isExpression).reduce<Value>((acc, part) => concat(acc, this.evaluate(part, scope)), str([""]));
      case "ParenthesizedExpression": {
        const inner = childrenOf(node).filter(isExpression);
        return inner.length === 1 ? this.evaluate(inner[0]!, scope) : UNKNOWN;
      }
      case "Number": // an index: TABLES[1]
        return str([textAt(node)]);
      case "UnaryExpression": // TABLES[-1]
        return textAt(node.firstChild!) === "-" && node.lastChild?.name === "Number" ? str([`-${textAt(node.lastChild)}`]) : UNKNOWN;
      case "NamedExpression": // (t := "name")
        return node.lastChild ? this.evaluate(node.lastChild, scope) : UNKNOWN;
      case "AwaitExpression": {
        const inner = node.lastChild;
        return inner ? this.evaluate(inner, scope) : UNKNOWN;
      }
      case "BinaryExpression":
        return this.binary(node, scope);
      case "ConditionalExpression": {
        const parts = childrenOf(node).filter(isExpression);
        return parts.length === 3 ? union([this.evaluate(parts[0]!, scope), this.evaluate(parts[2]!, scope)]) : UNKNOWN;
      }
      case "VariableName":
        return this.lookup(textAt(node), node, scope);
      case "MemberExpression":
        return this.member(node, scope);
      case "CallExpression":
        return this.call(node, scope);
      case "DictionaryExpression":
        return this.dictionary(node, scope);
      case "DictionaryComprehensionExpression":
      case "ArrayComprehensionExpression":
      case "SetComprehensionExpression":
      case "ComprehensionExpression":
        return this.comprehension(node, scope);
      case "ArrayExpression":
      case "TupleExpression":
      case "SetExpression":
      case "ReturnStatement": // `return a, b` (see scope.ts)
        return { kind: "list", items: childrenOf(node).filter(isExpression).map((item) => this.evaluate(item, scope)) };
      default:
        return UNKNOWN;
    }
  }

  private formatString(node: SyntaxNode, scope: Scope): Value {
    const layout = stringLayout(node);
    let result: Value = str([""]);
    let at = layout.contentFrom;
    const literal = (to: number) => str([decodeContent(at, to, layout.raw).replace(/\{\{/g, "{").replace(/\}\}/g, "}")]);
    for (let part = node.firstChild; part; part = part.nextSibling) {
      if (part.name !== "FormatReplacement") continue;
      result = concat(result, literal(part.from));
      const expression = childrenOf(part).find(isExpression);
      result = concat(result, expression ? this.evaluate(expression, scope) : UNKNOWN);
      at = part.to;
    }
    return concat(result, literal(layout.contentTo));
  }

  private binary(node: SyntaxNode, scope: Scope): Value {
    const [left, op, right] = childrenOf(node);
    if (!left || !op || !right) return UNKNOWN;
    const operator = textAt(op);
    const a = this.evaluate(left, scope);
    if (operator === "+") {
      const b = this.evaluate(right, scope);
      if (a.kind === "list" && b.kind === "list") return { kind: "list", items: [...a.items, ...b.items] };
      return concat(a, b);
    }
    if (operator === "|") {
      const b = this.evaluate(right, scope);
      if (a.kind === "dict" && b.kind === "dict") return { kind: "dict", entries: [...a.entries, ...b.entries] };
    }
    // `os.environ.get("T") or "default"`, `a and b`: either operand may be the value.
    if (operator === "or" || operator === "and") return union([a, this.evaluate(right, scope)]);
    // "integration_%s_status" % provider: each conversion is an unknown part.
    // "integration_%s_status" % provider, "... %(t)s" % {"t": T}: conversions take the operands' values.
    if (operator === "%" && a.kind === "str") {
      const b = this.evaluate(right, scope);
      const positional = b.kind === "list" ? b.items : b.kind === "dict" ? [] : [b];
      const named = (name: string) => (b.kind === "dict" ? this.subscript(b, [name]) : UNKNOWN);
      return this.substitute(a, /%%|%(?:\(([^)]*)\))?[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]/g, (match, auto) =>
        match[0] === "%%" ? str(["%"]) : match[1] !== undefined ? named(match[1]) : (positional[auto()] ?? UNKNOWN),
      );
    }
    return UNKNOWN;
  }

  /**
   * Each candidate of a template with its fields replaced by values (`field` gives the value of a
   * match; `auto()` numbers the automatic fields); unknown values are holes.
   */
  private substitute(template: Extract<Value, { kind: "str" }>, fields: RegExp, field: (match: RegExpExecArray, auto: () => number) => Value): Value {
    const results: Value[] = [];
    for (const candidate of template.candidates) {
      let out: Value = str([""]);
      let last = 0;
      let next = 0;
      const auto = () => next++;
      fields.lastIndex = 0;
      for (let m = fields.exec(candidate); m; m = fields.exec(candidate)) {
        const value = field(m, auto);
        out = concat(concat(out, str([candidate.slice(last, m.index)])), value.kind === "str" ? value : str(HOLE_ONLY));
        last = fields.lastIndex;
      }
      results.push(concat(out, str([candidate.slice(last)])));
    }
    return union(results);
  }

  /** A name at a use site: the bindings that may reach it, plus the dict mutations made before it. */
  private lookup(name: string, use: SyntaxNode, scope: Scope): Value {
    let owner: Scope | undefined = scope;
    while (owner && !owner.bindings.has(name)) owner = owner.parent;
    if (!owner) return this.starImported(name, use);
    const sameScope = owner === scope;
    const bindings = sameScope ? reachingBindings(owner.bindings.get(name)!, use) : owner.bindings.get(name)!;
    // An imported dict's keys are written in another file: its columns are reported at this use.
    const value = union(bindings.map((binding) => (binding.kind === "import" ? respan(this.binding(binding, owner), use) : this.binding(binding, owner))));
    if (value.kind !== "dict") return value;
    const mutations = (owner.mutations.get(name) ?? []).filter((m) => !sameScope || m.from < use.from);
    return { kind: "dict", entries: [...value.entries, ...mutations.flatMap((m) => this.mutationEntries(m, owner))] };
  }

  /** A name no scope binds: one a `from m import *` of this module may bring (not `_private` ones). */
  private starImported(name: string, use: SyntaxNode): Value {
    if (!this.imports || name.startsWith("_")) return UNKNOWN;
    for (const module of this.index.stars) {
      const value = this.imports(module, name);
      if (value !== undefined) return respan(value, use);
    }
    return UNKNOWN;
  }

  private binding(binding: Binding, scope: Scope): Value {
    return this.once(binding, () => {
      switch (binding.kind) {
        case "value": {
          const value = this.evaluate(binding.value, scope);
          if (binding.index === undefined) return value;
          return value.kind === "list" ? (value.items[binding.index] ?? UNKNOWN) : UNKNOWN;
        }
        case "param":
          return this.parameter(binding);
        case "class":
          return { kind: "namespace", scope: binding.scope };
        case "import":
          if (this.options.resolveImport) return binding.name === "" ? UNKNOWN : fromConstant(this.options.resolveImport(binding.module, binding.name));
          return this.imports?.(binding.module, binding.name) ?? UNKNOWN;
        case "element": {
          const iterable = this.evaluate(binding.iterable, scope);
          if (iterable.kind === "rows") return iterable;
          // Looping over a dict gives its keys.
          const items = iterable.kind === "list" ? iterable.items : iterable.kind === "dict" ? iterable.entries.map((e) => str(e.key)) : undefined;
          if (!items) return UNKNOWN;
          if (binding.index === undefined) return union(items);
          return union(items.map((item) => (item.kind === "list" ? (item.items[binding.index!] ?? UNKNOWN) : UNKNOWN)));
        }
        default:
          return UNKNOWN;
      }
    });
  }

  /** Computes the value of a binding or a function's returns once; re-entered (a cycle), it is unknown. */
  private once(key: object, compute: () => Value): Value {
    const known = this.memo.get(key);
    if (known) return known;
    if (this.active.has(key)) return UNKNOWN;
    this.active.add(key);
    try {
      const value = compute();
      this.memo.set(key, value);
      return value;
    } finally {
      this.active.delete(key);
    }
  }

  /**
   * A parameter holds what the same-file call sites pass (or its default); while a call of its
   * function is being evaluated (frames), only what that call passes.
   */
  private parameter(param: Extract<Binding, { kind: "param" }>): Value {
    const { fn } = param;
    const outer = fn.scope.parent ?? this.index.module;
    // A constructor is called by its class name: `Repo(client)` runs `__init__(self, client)`.
    const constructor = fn.name === "__init__" && fn.className !== undefined;
    const frame = this.frames.findLast((f) => f.fn === fn);
    const sites = frame ? [frame] : (this.index.callsByName.get(constructor ? fn.className! : fn.name) ?? []);
    const values: Value[] = [];
    for (const site of sites) {
      const callee = calleeOf(site.call);
      const args = argumentsOf(site.call);
      // obj.method(a) and Class(a) pass `self` implicitly: positions shift by one.
      const position = (fn.isMethod && callee?.receiver) || constructor ? param.index - 1 : param.index;
      const arg = args.keywords.get(param.name)?.value ?? (args.starred ? undefined : args.positional[position]);
      if (arg) values.push(this.evaluate(arg, site.scope));
      else if (param.defaultValue && !args.starred && args.spreads.length === 0) values.push(this.evaluate(param.defaultValue, outer));
      else values.push(UNKNOWN);
    }
    if (values.length === 0) return param.defaultValue ? this.evaluate(param.defaultValue, outer) : UNKNOWN;
    return union(values);
  }

  private returns(fn: FunctionInfo): Value {
    return this.once(fn, () => (fn.returns.length === 0 ? UNKNOWN : union(fn.returns.map((r) => this.evaluate(r, fn.scope)))));
  }

  /**
   * What this call of a same-file function returns: its return expressions with the parameters
   * bound to this call's arguments (`tbl("cloud_provider_integrations")` of `def tbl(n): return n`).
   * Values computed inside depend on the arguments, so they get a memo of their own.
   */
  private returnsOfCall(fn: FunctionInfo, call: SyntaxNode, scope: Scope): Value {
    // Without parameters (or re-entered) every call returns the same: computed once.
    if (fn.returns.length === 0 || !hasParameters(fn) || this.frames.some((f) => f.fn === fn)) return this.returns(fn);
    // Outside any other call's frame, this call's value is always the same: computed once per call.
    if (this.frames.length === 0) {
      const known = this.callMemo.get(call.from);
      if (known) return known;
      const value = this.framed(fn, call, scope);
      this.callMemo.set(call.from, value);
      return value;
    }
    return this.framed(fn, call, scope);
  }

  private framed(fn: FunctionInfo, call: SyntaxNode, scope: Scope): Value {
    const saved = this.memo;
    this.memo = new Map();
    this.frames.push({ fn, call, scope });
    try {
      return union(fn.returns.map((r) => this.evaluate(r, fn.scope)));
    } finally {
      this.frames.pop();
      this.memo = saved;
    }
  }

  /** `obj.attr` and `obj[key]`. */
  private member(node: SyntaxNode, scope: Scope): Value {
    const object = node.firstChild;
    const second = object?.nextSibling;
    if (!object || !second) return UNKNOWN;
    const base = this.evaluate(object, scope);
    if (second.name === "[") {
      const key = second.nextSibling;
      // rows[0], rows[i]: a row; rows["col"] is a column value (a read, see queries.ts).
      if (base.kind === "rows") return key?.name === "String" ? UNKNOWN : base;
      return key && isExpression(key) ? this.subscript(base, this.names(key, scope)) : UNKNOWN;
    }
    const property = node.lastChild?.name === "PropertyName" ? textAt(node.lastChild) : undefined;
    if (!property) return UNKNOWN;
    // A class attribute or property; on an instance (`Repo().table`) also what __init__ assigned.
    if (base.kind === "namespace") return this.attributeOf(base, property);
    if (base.kind === "module") return respan(base.member(property), node);
    if (base.kind === "rows") return property === "data" ? base : UNKNOWN;
    if (base.kind === "str" && property === "value") return base; // Tables.CLOUD.value of a str Enum
    if (base.kind === "dict") return this.subscript(base, [property]); // resolveImport objects: TABLES.cloud
    if (isSelf(object)) {
      // self.attr: every `self.attr = ...` of this class (of the file, outside a class), and the
      // class's own attribute or property.
      const owner = selfClassOf(scope);
      const assigned = (this.index.attributes.get(property) ?? []).filter((a) => !owner || selfClassOf(a.scope) === owner);
      const values = assigned.map((a) => this.evaluate(a.value, a.scope));
      const declared = owner ? this.lookupIn(owner, property) : UNKNOWN;
      if (declared.kind !== "unknown") values.push(declared);
      if (values.length > 0) return union(values);
    }
    return base.kind === "client" ? base : UNKNOWN;
  }

  /**
   * A class attribute: every binding of the name in the class body (a `@property` is what it
   * returns), else in its same-file base classes.
   */
  private lookupIn(scope: Scope, name: string, depth = 0): Value {
    const bindings = scope.bindings.get(name);
    if (!bindings) {
      for (const base of depth < 5 ? (scope.bases ?? []) : []) {
        const parent = this.evaluate(base, scope.parent ?? this.index.module);
        const inherited = parent.kind === "namespace" ? this.lookupIn(parent.scope, name, depth + 1) : UNKNOWN;
        if (inherited.kind !== "unknown") return inherited;
      }
      return UNKNOWN;
    }
    return union(bindings.map((b) => (b.kind === "function" ? (isProperty(b.fn) ? this.returns(b.fn) : UNKNOWN) : this.binding(b, scope))));
  }

  /** `self.attr = value` assigned in a method of this class. */
  private instanceAttribute(classScope: Scope, name: string): Value {
    const assigned = (this.index.attributes.get(name) ?? []).filter((a) => selfClassOf(a.scope) === classScope);
    return assigned.length > 0 ? union(assigned.map((a) => this.evaluate(a.value, a.scope))) : UNKNOWN;
  }

  /** dict[key]: the entry's value; an unknown key may be any entry. */
  private subscript(base: Value, key: string[]): Value {
    // TABLES[0], TABLES[-1]: that element; an unknown index: any element.
    if (base.kind === "list") {
      const index = key.length === 1 && /^-?\d+$/.test(key[0]!) ? Number(key[0]) : undefined;
      if (index === undefined) return union(base.items);
      return base.items[index < 0 ? base.items.length + index : index] ?? UNKNOWN;
    }
    if (base.kind !== "dict") return UNKNOWN;
    const known = key.every((k) => !k.includes(NAME_HOLE));
    const entries = known ? base.entries.filter((e) => e.key.some((k) => key.includes(k))) : base.entries;
    return entries.length === 0 ? UNKNOWN : union(entries.map((e) => e.value()));
  }

  private call(node: SyntaxNode, scope: Scope): Value {
    const callee = calleeOf(node);
    if (!callee) return UNKNOWN;
    const args = argumentsOf(node);
    const composed = this.sqlComposition(callee.name, args, scope);
    if (composed) return composed;
    if (!callee.receiver) {
      if (callee.name === "dict") return this.dictCall(node, scope);
      const first = args.positional[0];
      if (first && (callee.name === "str" || callee.name === "list" || callee.name === "tuple" || callee.name === "set" || callee.name === "sorted")) return this.evaluate(first, scope);
      if (callee.name === "enumerate" && first) return { kind: "list", items: [{ kind: "list", items: [UNKNOWN, union(elementsOf(this.evaluate(first, scope)))] }] };
      if (callee.name === "zip") return { kind: "list", items: [{ kind: "list", items: args.positional.map((a) => union(elementsOf(this.evaluate(a, scope)))) }] };
      // pydantic `table: str = Field(default="...")` / `Field("...")`: the default, or what the environment sets.
      if (callee.name === "Field") {
        const fallback = args.keywords.get("default")?.value ?? first;
        return fallback ? union([this.evaluate(fallback, scope), str(HOLE_ONLY)]) : UNKNOWN;
      }
      // getattr(settings, "TABLE", "default"): the attribute, or the default.
      if (callee.name === "getattr" && args.positional.length === 3) return union([this.evaluate(args.positional[2]!, scope), str(HOLE_ONLY)]);
      // FastAPI `Depends(get_client)`: what the dependency returns.
      if ((callee.name === "Depends" || callee.name === "Security") && first?.name === "VariableName") {
        const dependency = this.boundNamed(textAt(first), node, scope);
        if (dependency?.kind === "function") return this.returns(dependency.fn);
      }
      const bound = this.boundNamed(callee.name, node, scope);
      if (bound?.kind === "function") return this.returnsOfCall(bound.fn, node, scope);
      if (bound?.kind === "class") return { kind: "namespace", scope: bound.scope }; // an instance: its attributes are the class's
      // Not defined here: its result is identified by the function's name (a client factory), and
      // by the names of the keys it is given (`create_client(url, SERVICE_ROLE_KEY)`).
      return { kind: "client", origins: [callee.name, ...this.keyOrigins(node, scope)] };
    }
    // self.helper(...): a method of this class.
    if (isSelf(callee.receiver)) {
      const owner = selfClassOf(scope);
      const method = owner?.bindings.get(callee.name)?.find((b) => b.kind === "function");
      if (method?.kind === "function") return this.returnsOfCall(method.fn, node, scope);
    }
    const receiver = this.evaluate(callee.receiver, scope);
    // `os.environ.get("T", "default")`, `os.getenv(...)`, `settings.get(...)`, `d.get(k, default)`: the default is a candidate.
    const fallback = (callee.name === "get" || callee.name === "getenv" || callee.name === "pop") && (args.positional[1] ?? args.keywords.get("default")?.value);
    if (fallback) {
      if (receiver.kind === "dict" && args.positional[0]) return union([this.subscript(receiver, this.names(args.positional[0], scope)), this.evaluate(fallback, scope)]);
      return union([this.evaluate(fallback, scope), str(HOLE_ONLY)]);
    }
    if (callee.name === "fromkeys" && args.positional[0]) {
      return { kind: "dict", entries: elementsOf(this.evaluate(args.positional[0], scope)).map((key) => ({ key: candidatesOf(key), span: spanOf(args.positional[0]!), value: () => UNKNOWN })) };
    }
    // x.table(T) starts a query whatever x is (often an imported client we cannot see).
    if (TABLE_METHODS.has(callee.name) && !isStorage(callee.receiver)) {
      return { kind: "rows", query: this.queryOf(node), clients: receiver.kind === "client" ? receiver.origins : [] };
    }
    switch (receiver.kind) {
      case "str":
        if (callee.name === "format") {
          // "{}_status".format(p), "SELECT * FROM {t}".format(t=T), sql.SQL("... {} ...").format(sql.Identifier(T))
          return this.substitute(receiver, /\{\{|\}\}|\{([^{}]*)\}/g, (m, auto) => {
            if (m[0] === "{{") return str(["{"]);
            if (m[0] === "}}") return str(["}"]);
            if (args.starred || args.spreads.length > 0) return UNKNOWN;
            const name = m[1]!.split(/[!:]/)[0]!;
            if (/[.[]/.test(name)) return UNKNOWN;
            const arg = name === "" ? args.positional[auto()] : /^\d+$/.test(name) ? args.positional[Number(name)] : args.keywords.get(name)?.value;
            return arg ? this.evaluate(arg, scope) : UNKNOWN;
          });
        }
        if (callee.name === "join" && args.positional[0]) {
          // ", ".join(COLUMNS), sql.SQL(", ").join(sql.Identifier(c) for c in cols): known only when each item is.
          const items = elementsOf(this.evaluate(args.positional[0], scope));
          const parts = items.map((item) => candidatesOf(item));
          if (items.some((i) => i.kind === "unknown") || parts.some((p) => p.length !== 1)) return str(HOLE_ONLY);
          return mapCandidates(receiver, (sep) => parts.map((p) => p[0]!).join(sep));
        }
        if (callee.name === "replace" && args.positional.length >= 2) {
          const [from, to] = [this.evaluate(args.positional[0]!, scope), this.evaluate(args.positional[1]!, scope)];
          if (from.kind !== "str" || to.kind !== "str" || from.candidates.length !== 1 || to.candidates.length !== 1) return str(HOLE_ONLY);
          return mapCandidates(receiver, (s) => s.split(from.candidates[0]!).join(to.candidates[0]!));
        }
        if (callee.name === "lower" || callee.name === "upper" || callee.name === "strip") return mapCandidates(receiver, (s) => (callee.name === "upper" ? s.toUpperCase() : callee.name === "lower" ? s.toLowerCase() : s.trim()));
        return UNKNOWN;
      case "dict":
        if (callee.name === "copy") return receiver;
        if (callee.name === "get" && args.positional[0]) return this.subscript(receiver, this.names(args.positional[0], scope));
        if (callee.name === "keys") return { kind: "list", items: receiver.entries.map((e) => str(e.key)) };
        if (callee.name === "values") return { kind: "list", items: receiver.entries.map((e) => e.value()) };
        if (callee.name === "items") return { kind: "list", items: receiver.entries.map((e) => ({ kind: "list", items: [str(e.key), e.value()] })) };
        return UNKNOWN;
      case "client":
        return receiver; // client.schema("x"), client.postgrest: still that client
      case "rows":
        // .select(...).eq(...).single().execute(): the same query's rows; rows.get("col") is a column value.
        return callee.name === "get" ? UNKNOWN : receiver;
      case "namespace": {
        const binding = receiver.scope.bindings.get(callee.name)?.find((b) => b.kind === "function");
        return binding?.kind === "function" ? this.returnsOfCall(binding.fn, node, scope) : UNKNOWN;
      }
      default:
        // module.create_service_role_client(), supabase.create_client(url, key): identified by the
        // function's name and the names of its keys.
        return { kind: "client", origins: [callee.name, ...this.keyOrigins(node, scope)] };
    }
  }

  /**
   * psycopg's `sql` module (`sql.SQL("...")`, `sql.Identifier("schema", "t")`, `sql.Literal(v)`,
   * `sql.Composed([...])`) and SQLAlchemy's `text("...")`: the SQL text they stand for.
   */
  private sqlComposition(name: string, args: CallArguments, scope: Scope): Value | undefined {
    const first = args.positional[0];
    switch (name) {
      case "SQL":
      case "text":
        return first ? this.evaluate(first, scope) : undefined;
      case "Identifier": {
        // "schema"."table": quoted, as PostgreSQL reads them.
        if (args.positional.length === 0 || args.starred) return undefined;
        const quoted = args.positional.map((part) => concat(concat(str(['"']), this.evaluate(part, scope)), str(['"'])));
        return quoted.reduce((acc, part) => concat(concat(acc, str(["."])), part));
      }
      case "Literal":
      case "Placeholder":
        return str(HOLE_ONLY);
      case "Composed":
        return first ? elementsOf(this.evaluate(first, scope)).reduce<Value>((acc, part) => concat(acc, part), str([""])) : undefined;
      default:
        return undefined;
    }
  }

  /** The same-file function or class a called name refers to at this call. */
  private boundNamed(name: string, use: SyntaxNode, scope: Scope): Extract<Binding, { kind: "function" | "class" }> | undefined {
    let owner: Scope | undefined = scope;
    while (owner && !owner.bindings.has(name)) owner = owner.parent;
    const bindings = owner ? owner.bindings.get(name)! : [];
    return reachingBindings(bindings, use).find((b): b is Extract<Binding, { kind: "function" | "class" }> => b.kind === "function" || b.kind === "class");
  }

  /**
   * A `key:NAME` origin (core/types.ts KEY_ORIGIN, as the TypeScript adapter gives) for each name
   * the arguments of a client factory call carry: the variable, attribute, environment variable or
   * settings key a key comes from (`SUPABASE_SERVICE_ROLE_KEY` in
   * `create_client(url, os.environ["SUPABASE_SERVICE_ROLE_KEY"])`). The rule's `keys` patterns
   * decide which of them make a service-role client.
   */
  keyOrigins(call: SyntaxNode, scope: Scope): string[] {
    const args = argumentsOf(call);
    const names = new Set<string>();
    for (const arg of [...args.positional, ...[...args.keywords.values()].map((k) => k.value)]) this.keyNames(arg, scope, names, 0);
    // Only names that look like a key (not the URL, not options).
    return [...names].filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n) && /key|role|secret|token/i.test(n)).slice(0, 16).map((n) => KEY_ORIGIN + n);
  }

  /** The names an expression carries (see keyOrigins): following local names a few steps. */
  keyNames(node: SyntaxNode, scope: Scope, into: Set<string>, depth: number): void {
    if (depth > 3) return;
    switch (node.name) {
      case "VariableName": {
        const name = textAt(node);
        into.add(name);
        let owner: Scope | undefined = scope;
        while (owner && !owner.bindings.has(name)) owner = owner.parent;
        for (const b of owner?.bindings.get(name) ?? []) if (b.kind === "value") this.keyNames(b.value, owner!, into, depth + 1);
        return;
      }
      case "MemberExpression": {
        const last = node.lastChild;
        if (last?.name === "PropertyName") into.add(textAt(last));
        else {
          const key = node.firstChild?.nextSibling?.nextSibling; // x["KEY"]
          if (key && isExpression(key)) for (const name of this.names(key, scope)) if (!name.includes(NAME_HOLE)) into.add(name);
        }
        return;
      }
      case "CallExpression": {
        // os.getenv("KEY"), os.environ.get("KEY", ...), config("KEY"), settings.service_role_key()
        const callee = calleeOf(node);
        if (callee) into.add(callee.name);
        const first = argumentsOf(node).positional[0];
        if (first?.name === "String") for (const name of this.names(first, scope)) into.add(name);
        return;
      }
      case "AwaitExpression":
      case "ParenthesizedExpression": {
        const inner = childrenOf(node).find(isExpression);
        if (inner) this.keyNames(inner, scope, into, depth);
        return;
      }
      case "BinaryExpression": // KEY or fallback
        for (const part of childrenOf(node).filter(isExpression)) this.keyNames(part, scope, into, depth);
        return;
      case "DictionaryExpression": // headers={"apikey": SERVICE_ROLE_KEY}
        for (const part of childrenOf(node).filter(isExpression)) this.keyNames(part, scope, into, depth);
        return;
      case "FormatString": // f"Bearer {SERVICE_ROLE_KEY}"
        for (let part = node.firstChild; part; part = part.nextSibling) {
          const inner = part.name === "FormatReplacement" ? childrenOf(part).find(isExpression) : undefined;
          if (inner) this.keyNames(inner, scope, into, depth);
        }
        return;
    }
  }

  private dictionary(node: SyntaxNode, scope: Scope): Value {
    const entries: DictEntry[] = [];
    const items = childrenOf(node);
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (item.name === "**" && items[i + 1]) {
        const spread = this.evaluate(items[++i]!, scope);
        if (spread.kind === "dict") entries.push(...spread.entries);
      } else if (isExpression(item) && items[i + 1]?.name === ":" && items[i + 2]) {
        const value = items[i + 2]!;
        entries.push({ key: this.names(item, scope), span: { start: item.from, end: item.to }, value: () => this.evaluate(value, scope) });
        i += 2;
      }
    }
    return { kind: "dict", entries };
  }

  /**
   * `{f"integration_{p}_status": v for p in providers}` / `[{...} for x in xs]`: the element
   * evaluated in the comprehension's scope (scope.ts), where each loop variable is an element of
   * what it loops over (and shadows any outer name).
   */
  private comprehension(node: SyntaxNode, scope: Scope): Value {
    const parts = childrenOf(node);
    const loop = this.index.comprehensions.get(node.from) ?? scope;
    const [element, colon, value] = parts.slice(1);
    if (!element) return UNKNOWN;
    if (node.name !== "DictionaryComprehensionExpression") return { kind: "list", items: [this.evaluate(element, loop)] };
    if (colon?.name !== ":" || !value) return UNKNOWN;
    return { kind: "dict", entries: [{ key: this.names(element, loop), span: { start: element.from, end: element.to }, value: () => this.evaluate(value, loop) }] };
  }

  /** dict(base, k=v, **more) */
  private dictCall(node: SyntaxNode, scope: Scope): Value {
    const args = argumentsOf(node);
    const entries: DictEntry[] = [];
    for (const source of [...args.positional.slice(0, 1), ...args.spreads]) {
      const value = this.evaluate(source, scope);
      if (value.kind === "dict") entries.push(...value.entries);
      // dict(zip(COLUMNS, values)), dict([("k", v)]): pairs.
      if (value.kind === "list") {
        for (const pair of value.items) {
          if (pair.kind === "list" && pair.items.length === 2) entries.push({ key: candidatesOf(pair.items[0]!), span: spanOf(source), value: () => pair.items[1]! });
        }
      }
    }
    for (const [key, { name, value }] of args.keywords) {
      entries.push({ key: [key], span: { start: name.from, end: name.to }, value: () => this.evaluate(value, scope) });
    }
    return { kind: "dict", entries };
  }

  private mutationEntries(mutation: Mutation, scope: Scope): DictEntry[] {
    if ("merge" in mutation) {
      const merged = this.evaluate(mutation.merge, scope);
      return merged.kind === "dict" ? merged.entries : [];
    }
    const { key, value } = mutation;
    return [{
      key: mutation.keyword ? [textAt(key)] : this.names(key, scope),
      span: { start: key.from, end: key.to },
      value: () => this.evaluate(value, scope),
    }];
  }
}

/**
 * The bindings of a name that may reach a use in the same scope: the last one before the use in
 * a block that encloses the use (it always runs first), and any after it (in branches). When none
 * precedes the use (a loop, a function defined later), all of them.
 */
export function reachingBindings(bindings: readonly Binding[], use: { from: number; to: number }): Binding[] {
  const before = bindings.filter((b) => b.from < use.from);
  if (before.length === 0) return [...bindings];
  let dominating = -1;
  before.forEach((b, i) => {
    if (!b.block || (b.block.from <= use.from && use.to <= b.block.to)) dominating = i;
  });
  return dominating < 0 ? before : before.slice(dominating);
}

function str(candidates: string[]): Value {
  return candidates.length > MAX_CANDIDATES ? { kind: "str", candidates: HOLE_ONLY } : { kind: "str", candidates };
}

function mapCandidates(value: Extract<Value, { kind: "str" }>, map: (s: string) => string): Value {
  return str(value.candidates.map(map));
}

/** The candidates of a value used as a name; anything but a string is one unknown part. */
export function candidatesOf(value: Value): string[] {
  return value.kind === "str" ? value.candidates : HOLE_ONLY;
}

function concat(a: Value, b: Value): Value {
  const left = candidatesOf(a);
  const right = candidatesOf(b);
  if (left.length * right.length > MAX_CANDIDATES) return str(HOLE_ONLY);
  return str(left.flatMap((l) => right.map((r) => l + r)));
}

/** Every value an expression may have. Strings mixed with anything else gain an unknown candidate. */
export function union(values: readonly Value[]): Value {
  const known = values.filter((v) => v.kind !== "unknown");
  if (known.length === 0) return UNKNOWN;
  if (known.length === 1 && known.length === values.length) return known[0]!;
  const kinds = new Set(values.map((v) => v.kind));
  if (kinds.size === 1) {
    const [first] = known;
    if (first!.kind === "str") return str([...new Set(known.flatMap((v) => candidatesOf(v)))]);
    if (first!.kind === "dict") return { kind: "dict", entries: known.flatMap((v) => (v.kind === "dict" ? v.entries : [])) };
    if (first!.kind === "client") return { kind: "client", origins: [...new Set(known.flatMap((v) => (v.kind === "client" ? v.origins : [])))] };
    if (first!.kind === "list") return { kind: "list", items: known.flatMap((v) => (v.kind === "list" ? v.items : [])) };
    return first!;
  }
  if (kinds.has("str")) return str([...new Set([...known.flatMap((v) => (v.kind === "str" ? v.candidates : [])), NAME_HOLE])]);
  // A dict on some paths, unknown on others: keep what we know it may hold (may-write).
  const dicts = known.filter((v) => v.kind === "dict");
  if (dicts.length > 0) return union(dicts);
  const clients = known.filter((v) => v.kind === "client");
  if (clients.length > 0) return union(clients);
  return known.find((v) => v.kind === "rows") ?? UNKNOWN;
}

/** A value whose dict keys are written elsewhere, with every key reported at `at` instead. */
function respan(value: Value, at: { from: number; to: number }): Value {
  if (value.kind === "dict") return { kind: "dict", entries: value.entries.map((e) => ({ key: e.key, span: { start: at.from, end: at.to }, value: () => respan(e.value(), at) })) };
  if (value.kind === "list") return { kind: "list", items: value.items.map((item) => respan(item, at)) };
  return value;
}

/** A constant from ExtractOptions.resolveImport. */
function fromConstant(constant: ConstantValue | undefined): Value {
  if (constant === undefined) return UNKNOWN;
  if (typeof constant === "string") return str([constant]);
  return {
    kind: "dict",
    entries: Object.entries(constant).map(([key, value]) => ({ key: [key], span: { start: 0, end: 0 }, value: () => fromConstant(value) })),
  };
}

/** The elements of a list (or the keys of a dict) as values; anything else: one unknown element. */
function elementsOf(value: Value): Value[] {
  if (value.kind === "list") return value.items;
  if (value.kind === "dict") return value.entries.map((e) => str(e.key));
  return [UNKNOWN];
}


function isSelf(node: SyntaxNode): boolean {
  return node.name === "VariableName" && (textAt(node) === "self" || textAt(node) === "cls");
}

/** The class whose methods' `self` this scope sees (a method, or a function or comprehension inside one). */
export function selfClassOf(scope: Scope): Scope | undefined {
  for (let s: Scope | undefined = scope; s; s = s.parent) if (s.selfClass) return s.selfClass;
  return undefined;
}

/** Whether a function takes parameters other than a method's `self` / `cls`. */
function hasParameters(fn: FunctionInfo): boolean {
  for (const bindings of fn.scope.bindings.values()) {
    if (bindings.some((b) => b.kind === "param" && !(fn.isMethod && b.index === 0))) return true;
  }
  return false;
}

/** `@property`, `@functools.cached_property`: reading the attribute runs the method. */
function isProperty(fn: FunctionInfo): boolean {
  return fn.decorators.some((d) => /^(?:functools\.)?(?:cached_)?property$/.test(d));
}

/** `x.storage.from_(...)`: supabase storage, whose from_ takes a bucket, not a table. */
export function isStorage(receiver: SyntaxNode): boolean {
  return receiver.name === "MemberExpression" && receiver.lastChild?.name === "PropertyName" && textAt(receiver.lastChild) === "storage";
}
