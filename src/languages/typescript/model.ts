/**
 * What the model walk (scope.ts) knows about a file, as the extraction passes see it: bindings with
 * their references, values and mutations, function returns, class members, and small queries on them.
 */
import type { FunctionDefinitionFact } from "../../core/types.js";
import { type Node, outerParent, unwrap, unwrapAwait } from "./ast.js";

export type BindingKind = "const" | "let" | "var" | "param" | "function" | "class" | "import" | "catch" | "enum";

/** One step into a destructuring pattern: a property name, an array index, or null (rest / unknown key). */
export type PathStep = string | number | null;

export interface Binding {
  readonly name: string;
  readonly kind: BindingKind;
  readonly id: Node;
  /** Value the declaration binds (`const x = init`), before `path` is applied; the enum node for enums. */
  readonly init: Node | undefined;
  /** Where in `init` the identifier sits: `const { a: { b } } = init` binds b at ["a", "b"]. */
  readonly path: readonly PathStep[];
  /** Parameters: the function and the parameter's index. */
  readonly fn: Node | undefined;
  readonly paramIndex: number;
  /** Imports: module and imported name ("default", "*" for namespaces). */
  readonly importSource: string | undefined;
  readonly importName: string | undefined;
  readonly refs: Node[];
  /** Right-hand sides of `x = value` after the declaration. */
  readonly assigned: Node[];
  /** True when written after its declaration (`x = v`, `x++`, destructuring assignment). */
  reassigned: boolean;
  /** Member targets of `x.k = v` / `x[k] = v`. */
  readonly mutations: Node[];
  /** `Object.assign(x, ...)` calls. */
  readonly assignCalls: Node[];
}

export interface Model {
  readonly program: Node;
  /** Every CallExpression (an outer call comes before the calls inside it). */
  readonly calls: Node[];
  readonly taggedTemplates: Node[];
  /** String literals and template literals that may hold a statement (embedded.ts reads them as SQL). */
  readonly strings: Node[];
  readonly definitions: FunctionDefinitionFact[];
  /** Binding of a reference or declaration identifier; undefined for globals. */
  bindingOf(identifier: Node): Binding | undefined;
  /** The binding that names a function (`function f`, `const f = () =>`). */
  bindingOfFunction(fn: Node): Binding | undefined;
  /** Returned expressions of a function (arrow expression bodies included), nested functions excluded. */
  returnsOf(fn: Node): readonly Node[];
  /** Values given to `this.<name>` in a class: its property initializer and `this.name = v` assignments. */
  classMemberValues(cls: Node, name: string): readonly Node[];
  /** The function of a class's method `name` (static or not), if the class has one. */
  classMethod(cls: Node, name: string): Node | undefined;
  /** `new Cls(...)` and subclasses' `super(...)`: the calls of a class's constructor. */
  constructorCalls(cls: Node): readonly Node[];
}

/** The class whose body holds `node` (for `this`), if any. */
export function enclosingClass(node: Node): Node | undefined {
  for (let current = node.parent as Node | undefined; current; current = current.parent as Node | undefined) {
    if (current.type === "ClassBody") return current.parent as Node | undefined;
    // A plain function has its own `this`; arrows keep the class's.
    if (current.type === "FunctionExpression" && current.parent?.type !== "MethodDefinition") return undefined;
    if (current.type === "FunctionDeclaration") return undefined;
  }
  return undefined;
}

/** The function a binding names in this file (`function f`, `const f = () =>`), if any. */
export function localFunction(binding: Binding): Node | undefined {
  if (binding.kind === "function") return binding.id.parent;
  if ((binding.kind === "const" || binding.kind === "let" || binding.kind === "var") && binding.init && binding.path.length === 0) {
    const init = unwrapAwait(binding.init);
    if (init.type === "FunctionExpression" || init.type === "ArrowFunctionExpression") return init;
    // `const getAdmin = cache(() => createServiceRoleClient())`: the wrapped function.
    if (init.type === "CallExpression") {
      for (const argument of init.arguments as Node[]) {
        const inner = unwrap(argument);
        if (inner.type === "FunctionExpression" || inner.type === "ArrowFunctionExpression") return inner;
      }
    }
  }
  return undefined;
}

/** The class a member call's receiver names: `this` inside it, or a same-file class by name. */
export function receiverClass(model: Model, member: Node): Node | undefined {
  const object = unwrap(member.object);
  if (object.type === "ThisExpression") return enclosingClass(member);
  if (object.type !== "Identifier") return undefined;
  const binding = model.bindingOf(object);
  return binding?.kind === "class" ? binding.id.parent : undefined;
}

/** Calls of a same-file function by its name: `f(...)`. */
export function callSitesOf(model: Model, fn: Node): Node[] {
  // A constructor: `new Cls(...)` and `super(...)` of subclasses.
  const method = fn.parent as Node | undefined;
  if (method?.type === "MethodDefinition" && method.kind === "constructor") {
    const cls = method.parent?.parent as Node | undefined;
    return cls ? [...model.constructorCalls(cls)] : [];
  }
  const binding = model.bindingOfFunction(fn);
  if (!binding) return [];
  const calls: Node[] = [];
  for (const ref of binding.refs) {
    const { parent, child } = outerParent(ref);
    if (parent?.type === "CallExpression" && parent.callee === child) calls.push(parent);
  }
  return calls;
}

/** An object literal given directly or through a constant that names it (`const init = { ... }; fetch(u, init)`). */
export function objectLiteralOf(model: Model, node: Node | undefined): Node | undefined {
  if (!node || node.type === "SpreadElement") return undefined;
  const n = unwrap(node);
  if (n.type === "ObjectExpression") return n;
  const init = constantInit(model, n);
  return init?.type === "ObjectExpression" ? init : undefined;
}

/** `const x = value` (or a never reassigned let/var): the value an identifier always has, unwrapped. */
export function constantInit(model: Model, node: Node): Node | undefined {
  const binding = node.type === "Identifier" ? model.bindingOf(node) : undefined;
  if (!binding?.init || binding.path.length > 0 || binding.kind === "param" || binding.kind === "import") return undefined;
  return binding.kind === "const" || !binding.reassigned ? unwrap(binding.init) : undefined;
}
