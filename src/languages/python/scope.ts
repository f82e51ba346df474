/**
 * One walk over a Python module that records what later resolution needs: scopes and the names
 * bound in them (assignments, parameters, defs, classes, imports), dict mutations
 * (`d["k"] = v`, `d.update({...})`, `d |= {...}`), `self.attr = v` assignments, every call with
 * its scope.
 *
 * Python scoping as far as constants need it: module, function (def/lambda) and class scopes; a
 * function does not see the names of an enclosing class body; `global x` binds x in the module.
 */
import type { SyntaxNode } from "@lezer/common";
import { argumentsOf, calleeOf, childrenOf, isExpression, textAt } from "./syntax.js";

/** `from`: where the name is bound; `block`: the Body (or Script) the binding statement is in. */
export type Binding = { from: number; block?: SyntaxNode } & (
  /** `index`: `a, b = value` binds a to value[0], b to value[1]. */
  | { kind: "value"; value: SyntaxNode; index?: number }
  | { kind: "param"; fn: FunctionInfo; index: number; name: string; defaultValue?: SyntaxNode }
  | { kind: "function"; fn: FunctionInfo }
  | { kind: "class"; scope: Scope }
  /** `name` "": the module itself (`import a.b as m`). */
  | { kind: "import"; module: string; name: string }
  /** `for name in iterable`: one element of the iterable; `for a, b in pairs`: part `index` of one element. */
  | { kind: "element"; iterable: SyntaxNode; index?: number }
  | { kind: "unknown" }
);

/** A change to the dict a variable holds: one key set, or another dict merged in. */
export type Mutation =
  /** `keyword`: the key is a keyword argument's name (`d.update(k=v)`), not an expression. */
  | { from: number; key: SyntaxNode; value: SyntaxNode; keyword?: boolean }
  | { from: number; merge: SyntaxNode };

export interface Scope {
  kind: "module" | "function" | "class";
  /** The class's name, for a class scope (its `__init__` is called as `Name(...)`). */
  name?: string;
  /** The scope names are looked up in next (a method skips its class body). */
  parent?: Scope;
  bindings: Map<string, Binding[]>;
  mutations: Map<string, Mutation[]>;
  globals: Set<string>;
  /** A method's scope: the body of the class `self` / `cls` belong to. */
  selfClass?: Scope;
  /** A class scope: its base class expressions (`class Repo(Base)`), evaluated in `parent`. */
  bases?: SyntaxNode[];
}

export interface FunctionInfo {
  name: string;
  node: SyntaxNode;
  scope: Scope;
  /** Declared in a class body: called as `obj.m(...)`, its first parameter is `self`. */
  isMethod: boolean;
  /** The class a method is declared in. */
  className?: string;
  /** Expressions of its return statements (the body of a lambda). */
  returns: SyntaxNode[];
  /** Decorator texts without the `@` (`property`, `functools.lru_cache(maxsize=1)`). */
  decorators: string[];
}

export interface CallSite {
  call: SyntaxNode;
  scope: Scope;
}

export interface ModuleIndex {
  module: Scope;
  calls: CallSite[];
  /** Calls by callee name (`f(...)` and `x.f(...)`): the call sites of a same-file function. */
  callsByName: Map<string, CallSite[]>;
  /** `self.client = ...` / `obj.attr = ...` by attribute name. */
  attributes: Map<string, { value: SyntaxNode; scope: Scope }[]>;
  /** `x["key"]` reads with a string key: a column read when x holds query results. */
  subscripts: { node: SyntaxNode; key: SyntaxNode; scope: Scope }[];
  definitions: FunctionInfo[];
  /** The scope of each comprehension (its loop variables), by the comprehension's start. */
  comprehensions: Map<number, Scope>;
  /** Every class body scope (their attributes may be definitions: `save = partialmethod(...)`). */
  classes: Scope[];
  /** Every string literal not part of an implicit concatenation (`"a" "b"` is one), with its scope. */
  strings: { node: SyntaxNode; scope: Scope }[];
  /** Modules of the module-level `from m import *` statements. */
  stars: string[];
}

export function indexModule(root: SyntaxNode): ModuleIndex {
  const module = newScope("module");
  const index: ModuleIndex = { module, calls: [], callsByName: new Map(), attributes: new Map(), subscripts: [], definitions: [], comprehensions: new Map(), classes: [], strings: [], stars: [] };
  walkChildren(root, module, index, undefined);
  return index;
}

function newScope(kind: Scope["kind"], parent?: Scope): Scope {
  return { kind, bindings: new Map(), mutations: new Map(), globals: new Set(), ...(parent ? { parent } : {}) };
}

function bind(scope: Scope, name: string, binding: Binding, at?: SyntaxNode): void {
  if (at) binding.block = enclosingBlock(at);
  // `global x` in a function: assignments bind the module's x.
  let target = scope;
  if (scope.globals.has(name)) while (target.parent) target = target.parent;
  const list = target.bindings.get(name) ?? [];
  list.push(binding);
  target.bindings.set(name, list);
}

/** The statement list a node runs in: the nearest Body (of a def, if, for...) or the module. */
function enclosingBlock(node: SyntaxNode): SyntaxNode | undefined {
  for (let n = node.parent; n; n = n.parent) if (n.name === "Body" || n.name === "Script") return n;
  return undefined;
}

function mutate(scope: Scope, name: string, mutation: Mutation): void {
  const list = scope.mutations.get(name) ?? [];
  list.push(mutation);
  scope.mutations.set(name, list);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function walkChildren(node: SyntaxNode, scope: Scope, index: ModuleIndex, fn: FunctionInfo | undefined): void {
  for (let child = node.firstChild; child; child = child.nextSibling) walk(child, scope, index, fn);
}

function walk(node: SyntaxNode, scope: Scope, index: ModuleIndex, fn: FunctionInfo | undefined): void {
  switch (node.name) {
    case "FunctionDefinition":
    case "LambdaExpression":
      return functionDefinition(node, scope, index);
    case "ClassDefinition":
      return classDefinition(node, scope, index, fn);
    case "AssignStatement":
      assignment(node, scope, index);
      break;
    case "UpdateStatement":
      updateStatement(node, scope);
      break;
    case "ForStatement":
      loopTargets(childrenOf(node), scope);
      break;
    case "ArrayComprehensionExpression":
    case "DictionaryComprehensionExpression":
    case "SetComprehensionExpression":
    case "ComprehensionExpression": {
      // Its own scope: the loop variables are elements of what they loop over and shadow outer names.
      const comprehension = newScope("function", scope);
      index.comprehensions.set(node.from, comprehension);
      const parts = childrenOf(node);
      parts.forEach((part, i) => {
        if (part.name === "for") loopTargets(parts.slice(i), comprehension);
      });
      walkChildren(node, comprehension, index, fn);
      return;
    }
    case "MemberExpression": {
      const key = node.firstChild?.nextSibling?.name === "[" ? node.firstChild.nextSibling.nextSibling : null;
      const isTarget = node.parent?.name === "AssignStatement" && node.nextSibling?.name === "AssignOp";
      if (key?.name === "String" && !isTarget) index.subscripts.push({ node, key, scope });
      break;
    }
    case "WithStatement":
    case "TryStatement":
      bindAfterAs(node, scope);
      break;
    case "ImportStatement":
      importStatement(node, scope, index);
      return;
    case "ScopeStatement":
      if (node.firstChild?.name === "global") for (const name of node.getChildren("VariableName")) scope.globals.add(textAt(name));
      return;
    case "ReturnStatement": {
      const values = childrenOf(node).filter(isExpression);
      // `return a, b` returns a tuple: the statement itself stands for it (values.ts evaluates it as a list).
      const value = values.length > 1 ? node : values[0];
      if (fn && value) fn.returns.push(value);
      break;
    }
    case "CallExpression":
      callExpression(node, scope, index);
      break;
    case "String":
    case "FormatString":
    case "ContinuedString":
      if (node.parent?.name !== "ContinuedString") index.strings.push({ node, scope });
      break;
  }
  walkChildren(node, scope, index, fn);
}

/**
 * `for row in rows` (from `for`): the element of the iterable; `for k, v in pairs`: part i of an
 * element; deeper targets (`for (a, b), c in ...`): unknown.
 */
function loopTargets(parts: SyntaxNode[], scope: Scope): void {
  const inAt = parts.findIndex((p) => p.name === "in");
  if (inAt < 0) return;
  const targets = parts.slice(1, inAt).filter(isExpression);
  const iterable = parts[inAt + 1];
  targets.forEach((target, i) => {
    if (target.name !== "VariableName") return;
    const binding: Binding = !iterable
      ? { kind: "unknown", from: target.from }
      : targets.length === 1 ? { kind: "element", from: target.from, iterable } : { kind: "element", from: target.from, iterable, index: i };
    bind(scope, textAt(target), binding, target);
  });
}

function functionDefinition(node: SyntaxNode, scope: Scope, index: ModuleIndex): void {
  const isLambda = node.name === "LambdaExpression";
  const nameNode = isLambda ? undefined : node.getChild("VariableName");
  // A method does not see its class body's names: look up in the scope around the class.
  const lookupParent = scope.kind === "class" ? scope.parent : scope;
  const fnScope = newScope("function", lookupParent);
  if (scope.kind === "class") fnScope.selfClass = scope;
  else if (scope.selfClass) fnScope.selfClass = scope.selfClass; // a function nested in a method sees its `self`
  const decorators = node.parent?.name === "DecoratedStatement" ? node.parent.getChildren("Decorator").map((d) => textAt(d).replace(/^@\s*/, "").trim()) : [];
  const info: FunctionInfo = { name: nameNode ? textAt(nameNode) : "", node, scope: fnScope, isMethod: scope.kind === "class", returns: [], decorators, ...(scope.name ? { className: scope.name } : {}) };
  if (nameNode) {
    bind(scope, info.name, { kind: "function", from: nameNode.from, fn: info });
    index.definitions.push(info);
  }
  const params = node.getChild("ParamList");
  if (params) parameters(params, info, scope, index);
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name === "Body") walkChildren(child, fnScope, index, info);
    else if (child.name === "Decorator") walk(child, scope, index, undefined);
  }
  if (isLambda) {
    const body = node.lastChild;
    if (body && isExpression(body) && body.name !== "ParamList") {
      info.returns.push(body);
      walk(body, fnScope, index, info);
    }
  }
}

/** Positional index of each parameter; `*` / `**` parameters are unknown. Defaults run in the outer scope. */
function parameters(list: SyntaxNode, fn: FunctionInfo, outer: Scope, index: ModuleIndex): void {
  const items = childrenOf(list);
  let position = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if ((item.name === "*" || item.name === "**") && items[i + 1]?.name === "VariableName") {
      bind(fn.scope, textAt(items[i + 1]!), { kind: "unknown", from: items[i + 1]!.from });
      i++;
    } else if (item.name === "VariableName") {
      let j = i + 1;
      if (items[j]?.name === "TypeDef") j++;
      const defaultValue = items[j]?.name === "AssignOp" ? items[j + 1] : undefined;
      if (defaultValue) walk(defaultValue, outer, index, undefined);
      const name = textAt(item);
      bind(fn.scope, name, { kind: "param", from: item.from, fn, index: position++, name, ...(defaultValue ? { defaultValue } : {}) });
    }
  }
}

function classDefinition(node: SyntaxNode, scope: Scope, index: ModuleIndex, fn: FunctionInfo | undefined): void {
  const classScope = newScope("class", scope);
  index.classes.push(classScope);
  const bases = node.getChild("ArgList");
  // Base classes: the positional entries of the ArgList (`metaclass=M` is a keyword).
  if (bases) classScope.bases = childrenOf(bases).filter((item) => isExpression(item) && item.nextSibling?.name !== "AssignOp" && item.prevSibling?.name !== "AssignOp");
  const nameNode = node.getChild("VariableName");
  if (nameNode) classScope.name = textAt(nameNode);
  if (nameNode) bind(scope, textAt(nameNode), { kind: "class", from: nameNode.from, scope: classScope });
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name === "Body") walkChildren(child, classScope, index, undefined);
    else if (child.name === "ArgList") walk(child, scope, index, fn);
  }
}

/** `a = b = value`, `a, b = x, y`, `d[k] = v`, `self.attr = v`, `x: T = v`. */
function assignment(node: SyntaxNode, scope: Scope, index: ModuleIndex): void {
  const segments: SyntaxNode[][] = [[]];
  for (const child of childrenOf(node)) {
    if (child.name === "AssignOp") segments.push([]);
    else if (child.name !== "TypeDef") segments[segments.length - 1]!.push(child);
  }
  if (segments.length < 2) return; // `x: int` declares, binds nothing
  const values = segments.pop()!.filter(isExpression);
  for (const segment of segments) {
    const targets = segment.filter(isExpression);
    targets.forEach((target, i) => {
      if (targets.length > 1 && values.length === 1 && target.name === "VariableName") {
        // Unpacking one value: `admin, anon = make_clients()`.
        bind(scope, textAt(target), { kind: "value", from: target.from, value: values[0]!, index: i }, target);
        return;
      }
      const value = targets.length === values.length ? values[i] : undefined;
      assignTarget(target, value, scope, index);
    });
  }
}

function assignTarget(target: SyntaxNode, value: SyntaxNode | undefined, scope: Scope, index: ModuleIndex): void {
  if (target.name === "VariableName") {
    bind(scope, textAt(target), value ? { kind: "value", from: target.from, value } : { kind: "unknown", from: target.from }, target);
    return;
  }
  if (target.name !== "MemberExpression" || !value) return;
  const object = target.firstChild;
  const second = object?.nextSibling;
  if (object?.name === "VariableName" && second?.name === "[") {
    const key = second.nextSibling;
    if (key && isExpression(key)) mutate(scope, textAt(object), { from: target.from, key, value });
  } else if (second?.name === "." && target.lastChild?.name === "PropertyName") {
    push(index.attributes, textAt(target.lastChild), { value, scope });
  }
}

/** `d |= {...}` merges into a dict; `x += ...` and the like make x unknown. */
function updateStatement(node: SyntaxNode, scope: Scope): void {
  const [target, op, value] = childrenOf(node);
  if (target?.name !== "VariableName" || !op) return;
  if (textAt(op) === "|=" && value) mutate(scope, textAt(target), { from: node.from, merge: value });
  else bind(scope, textAt(target), { kind: "unknown", from: target.from }, target);
}

/** `with open() as f`, `with (a as x, b as y):`, `except E as e`: the name after `as` holds nothing we can know. */
function bindAfterAs(node: SyntaxNode, scope: Scope): void {
  const items = node.getChild("WithItems");
  for (const child of [...childrenOf(node), ...(items ? childrenOf(items) : [])]) {
    if (child.name === "as") {
      const name = child.nextSibling;
      if (name?.name === "VariableName") bind(scope, textAt(name), { kind: "unknown", from: name.from }, name);
    }
  }
}

/**
 * `from m import a as b` binds b to name a of module m; `import a.b.c as C` binds C to module
 * a.b.c; `import a.b.c` binds a to module a; `from m import *` is kept in ModuleIndex.stars.
 * Modules are read from disk (modules.ts) or, with `lint --project`, through ExtractOptions.resolveImport.
 */
function importStatement(node: SyntaxNode, scope: Scope, index: ModuleIndex): void {
  const items = childrenOf(node);
  const fromImport = items[0]?.name === "from";
  const importAt = items.findIndex((item) => item.name === "import");
  const module = fromImport ? items.slice(1, importAt).map(textAt).join("") : "";
  for (let i = importAt + 1; i < items.length; i++) {
    const item = items[i]!;
    if (item.name === "*" && fromImport && scope.kind === "module") index.stars.push(module);
    if (item.name !== "VariableName") continue;
    // `import a.b.c`: the dotted name.
    let dotted = textAt(item);
    while (!fromImport && items[i + 1]?.name === "." && items[i + 2]?.name === "VariableName") {
      dotted += `.${textAt(items[i + 2]!)}`;
      i += 2;
    }
    const alias = items[i + 1]?.name === "as" && items[i + 2]?.name === "VariableName" ? items[i + 2]! : undefined;
    const local = alias ?? item;
    const binding: Binding = fromImport
      ? { kind: "import", from: local.from, module, name: textAt(item) }
      : { kind: "import", from: local.from, module: alias ? dotted : textAt(item), name: "" };
    bind(scope, textAt(local), binding);
    if (alias) i += 2;
  }
}

function callExpression(node: SyntaxNode, scope: Scope, index: ModuleIndex): void {
  const site = { call: node, scope };
  index.calls.push(site);
  const callee = calleeOf(node);
  if (!callee) return;
  push(index.callsByName, callee.name, site);
  // d.update({...}) / d.setdefault("k", v) on a local dict: keys it will have when it reaches a query.
  if (callee.receiver?.name === "VariableName") {
    const args = argumentsOf(node);
    const name = textAt(callee.receiver);
    if (callee.name === "update" && args.positional.length === 1) mutate(scope, name, { from: node.from, merge: args.positional[0]! });
    if (callee.name === "update") for (const { name: key, value } of args.keywords.values()) mutate(scope, name, { from: node.from, key, value, keyword: true });
    if (callee.name === "setdefault" && args.positional.length === 2) mutate(scope, name, { from: node.from, key: args.positional[0]!, value: args.positional[1]! });
  }
}
