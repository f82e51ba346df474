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
import { type ConstantValue, type ExtractOptions, NAME_HOLE, type Span } from "../../core/types.js";
import type { Binding, FunctionInfo, ModuleIndex, Mutation, Scope } from "./scope.js";
import { argumentsOf, calleeOf, childrenOf, decodeContent, isExpression, stringLayout, textAt } from "./syntax.js";

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
  private readonly memo = new Map<object, Value>();
  /** Query id of each `.table()` / `.from_()` call, by its position: assigned in source order by queryOf. */
  private readonly queries = new Map<number, number>();

  constructor(
    private readonly index: ModuleIndex,
    private readonly options: ExtractOptions = {},
  ) {}

  /** The query id of a `.table()` / `.from_()` call (the same one every time it is asked). */
  queryOf(call: SyntaxNode): number {
    let id = this.queries.get(call.from);
    if (id === undefined) {
      id = this.queries.size + 1;
      this.queries.set(call.from, id);
    }
    return id;
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
        return this.comprehension(node, scope);
      case "ArrayExpression":
      case "TupleExpression":
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
    // "integration_%s_status" % provider: each conversion is an unknown part.
    if (operator === "%" && a.kind === "str") return mapCandidates(a, (s) => s.replace(/%(\([^)]*\))?[-#0 +]*\d*(\.\d+)?[a-zA-Z]/g, NAME_HOLE).replace(/%%/g, "%"));
    return UNKNOWN;
  }

  /** A name at a use site: the bindings that may reach it, plus the dict mutations made before it. */
  private lookup(name: string, use: SyntaxNode, scope: Scope): Value {
    let owner: Scope | undefined = scope;
    while (owner && !owner.bindings.has(name)) owner = owner.parent;
    if (!owner) return UNKNOWN;
    const sameScope = owner === scope;
    const bindings = sameScope ? reachingBindings(owner.bindings.get(name)!, use) : owner.bindings.get(name)!;
    const value = union(bindings.map((binding) => this.binding(binding, owner)));
    if (value.kind !== "dict") return value;
    const mutations = (owner.mutations.get(name) ?? []).filter((m) => !sameScope || m.from < use.from);
    return { kind: "dict", entries: [...value.entries, ...mutations.flatMap((m) => this.mutationEntries(m, owner))] };
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
          return fromConstant(this.options.resolveImport?.(binding.module, binding.name));
        case "element": {
          const iterable = this.evaluate(binding.iterable, scope);
          if (iterable.kind === "rows") return iterable;
          return iterable.kind === "list" ? union(iterable.items) : UNKNOWN;
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

  /** A parameter holds what the same-file call sites pass (or its default). */
  private parameter(param: Extract<Binding, { kind: "param" }>): Value {
    const { fn } = param;
    const outer = fn.scope.parent ?? this.index.module;
    // A constructor is called by its class name: `Repo(client)` runs `__init__(self, client)`.
    const constructor = fn.name === "__init__" && fn.className !== undefined;
    const sites = this.index.callsByName.get(constructor ? fn.className! : fn.name) ?? [];
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
    if (base.kind === "namespace") return this.lookupIn(base.scope, property);
    if (base.kind === "rows") return property === "data" ? base : UNKNOWN;
    if (base.kind === "dict") return this.subscript(base, [property]); // resolveImport objects: TABLES.cloud
    const assigned = this.index.attributes.get(property);
    if (assigned && object.name === "VariableName" && (textAt(object) === "self" || textAt(object) === "cls")) {
      return union(assigned.map((a) => this.evaluate(a.value, a.scope)));
    }
    return base.kind === "client" ? base : UNKNOWN;
  }

  /** A class attribute: every binding of the name in the class body. */
  private lookupIn(scope: Scope, name: string): Value {
    const bindings = scope.bindings.get(name);
    if (!bindings) return UNKNOWN;
    return union(bindings.map((b) => (b.kind === "function" ? UNKNOWN : this.binding(b, scope))));
  }

  /** dict[key]: the entry's value; an unknown key may be any entry. */
  private subscript(base: Value, key: string[]): Value {
    if (base.kind !== "dict") return UNKNOWN;
    const known = key.every((k) => !k.includes(NAME_HOLE));
    const entries = known ? base.entries.filter((e) => e.key.some((k) => key.includes(k))) : base.entries;
    return entries.length === 0 ? UNKNOWN : union(entries.map((e) => e.value()));
  }

  private call(node: SyntaxNode, scope: Scope): Value {
    const callee = calleeOf(node);
    if (!callee) return UNKNOWN;
    const args = argumentsOf(node);
    if (!callee.receiver) {
      if (callee.name === "dict") return this.dictCall(node, scope);
      if (callee.name === "str" && args.positional[0]) return this.evaluate(args.positional[0], scope);
      const fn = this.functionNamed(callee.name, node, scope);
      if (fn) return this.returns(fn);
      // Not defined here: its result is identified by the function's name (a client factory).
      return { kind: "client", origins: [callee.name] };
    }
    const receiver = this.evaluate(callee.receiver, scope);
    // x.table(T) starts a query whatever x is (often an imported client we cannot see).
    if ((callee.name === "table" || callee.name === "from_") && !isStorage(callee.receiver)) {
      return { kind: "rows", query: this.queryOf(node), clients: receiver.kind === "client" ? receiver.origins : [] };
    }
    switch (receiver.kind) {
      case "str":
        if (callee.name === "format") return mapCandidates(receiver, (s) => s.replace(/\{[^{}]*\}/g, NAME_HOLE).replace(/\{\{/g, "{").replace(/\}\}/g, "}"));
        if (callee.name === "lower" || callee.name === "upper" || callee.name === "strip") return mapCandidates(receiver, (s) => (callee.name === "upper" ? s.toUpperCase() : callee.name === "lower" ? s.toLowerCase() : s.trim()));
        return UNKNOWN;
      case "dict":
        if (callee.name === "copy") return receiver;
        if (callee.name === "get" && args.positional[0]) return this.subscript(receiver, this.names(args.positional[0], scope));
        return UNKNOWN;
      case "client":
        return receiver; // client.schema("x"), client.postgrest: still that client
      case "rows":
        // .select(...).eq(...).single().execute(): the same query's rows; rows.get("col") is a column value.
        return callee.name === "get" ? UNKNOWN : receiver;
      case "namespace": {
        const binding = receiver.scope.bindings.get(callee.name)?.find((b) => b.kind === "function");
        return binding?.kind === "function" ? this.returns(binding.fn) : UNKNOWN;
      }
      default:
        // module.create_service_role_client(): identified by the function's name.
        return { kind: "client", origins: [callee.name] };
    }
  }

  private functionNamed(name: string, use: SyntaxNode, scope: Scope): FunctionInfo | undefined {
    let owner: Scope | undefined = scope;
    while (owner && !owner.bindings.has(name)) owner = owner.parent;
    const bindings = owner ? owner.bindings.get(name)! : [];
    const fn = reachingBindings(bindings, use).find((b) => b.kind === "function");
    return fn?.kind === "function" ? fn.fn : undefined;
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
   * evaluated with the loop variables unknown (they shadow any outer name).
   */
  private comprehension(node: SyntaxNode, scope: Scope): Value {
    const parts = childrenOf(node);
    const loop: Scope = { kind: "function", parent: scope, bindings: new Map(), mutations: new Map(), globals: new Set() };
    parts.forEach((part, i) => {
      if (part.name !== "for") return;
      for (let j = i + 1; j < parts.length && parts[j]!.name !== "in"; j++) {
        if (parts[j]!.name === "VariableName") loop.bindings.set(textAt(parts[j]!), [{ kind: "unknown", from: parts[j]!.from }]);
      }
    });
    const [element, colon, value] = parts.slice(1);
    if (!element) return UNKNOWN;
    if (node.name === "ArrayComprehensionExpression") return { kind: "list", items: [this.evaluate(element, loop)] };
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
function reachingBindings(bindings: readonly Binding[], use: SyntaxNode): Binding[] {
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

/** A constant from ExtractOptions.resolveImport. */
function fromConstant(constant: ConstantValue | undefined): Value {
  if (constant === undefined) return UNKNOWN;
  if (typeof constant === "string") return str([constant]);
  return {
    kind: "dict",
    entries: Object.entries(constant).map(([key, value]) => ({ key: [key], span: { start: 0, end: 0 }, value: () => fromConstant(value) })),
  };
}

/** `x.storage.from_(...)`: supabase storage, whose from_ takes a bucket, not a table. */
export function isStorage(receiver: SyntaxNode): boolean {
  return receiver.name === "MemberExpression" && receiver.lastChild?.name === "PropertyName" && textAt(receiver.lastChild) === "storage";
}
