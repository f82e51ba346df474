/**
 * Client origins: which non-local functions made the value a query runs on. Follows awaits,
 * renames, destructuring, object literals, same-file helpers (their return values) and
 * parameters (the arguments of every same-file call site). Memoised, with a cycle guard.
 */
import { KEY_ORIGIN } from "../../core/types.js";
import { memberName, type Node, parentOf, propertyValue, unwrap, unwrapAwait } from "./ast.js";
import { type Binding, callSitesOf, enclosingClass, localFunction, type Model, type PathStep, receiverClass } from "./model.js";

const NONE: readonly string[] = [];
const MAX_DEPTH = 40;
/** Methods that return a builder on the same client: never a factory of their own. */
const BUILDER_METHODS = new Set(["schema", "from", "select", "rpc", "auth", "storage", "channel", "bind", "call", "apply"]);

export class ClientOrigins {
  private readonly memo = new Map<Binding | Node, readonly string[]>();

  constructor(
    private readonly model: Model,
    /** Origins of an imported value (`of: "value"`) or of what an imported function returns (`of: "call"`): modules.ts. */
    private readonly imported?: (specifier: string, name: string, of: "value" | "call") => readonly string[],
  ) {}

  private importedOrigins(binding: Binding | undefined, of: "value" | "call"): readonly string[] {
    if (!this.imported || binding?.kind !== "import" || !binding.importSource || !binding.importName || binding.importName === "*") return NONE;
    try {
      return this.imported(binding.importSource, binding.importName, of);
    } catch {
      return NONE;
    }
  }

  /** Origins of a function's returned values (for another module calling it). */
  returnedBy(fn: Node): readonly string[] {
    return this.memoised(fn, () => merge(this.model.returnsOf(fn).map((r) => this.ofPath(r, []))));
  }

  /** Names of the factories the value of `expr` can come from (sorted, unique). */
  of(expr: Node): readonly string[] {
    return this.ofPath(expr, []);
  }

  /** Recursion depth: paths into objects are not memoised, so a cycle through them stops here. */
  private depth = 0;

  private ofPath(expr: Node, path: readonly PathStep[]): readonly string[] {
    if (this.depth > MAX_DEPTH) return NONE;
    this.depth++;
    try {
      return this.ofPathUnguarded(expr, path);
    } finally {
      this.depth--;
    }
  }

  private ofPathUnguarded(expr: Node, path: readonly PathStep[]): readonly string[] {
    const n = unwrapAwait(expr);
    switch (n.type) {
      case "Identifier":
        return path.length === 0 ? this.memoised(this.model.bindingOf(n), (b) => this.ofBinding(b, [])) : this.ofIdentifierPath(n, path);
      case "CallExpression":
        return this.ofCall(n, path);
      case "NewExpression": {
        const callee = unwrapAwait(n.callee);
        const name = callee.type === "Identifier" ? callee.name : callee.type === "MemberExpression" ? memberName(callee) : undefined;
        return name ? [name] : NONE;
      }
      case "MemberExpression": {
        const name = memberName(n);
        if (name === undefined) return this.ofPath(n.object, []);
        if (unwrap(n.object).type === "ThisExpression") return this.ofThisMember(n, name, path);
        // `ctx.supabase` where ctx is a literal { supabase: ... }: that property; else the object's origin.
        const inner = this.ofPath(n.object, [name, ...path]);
        return inner.length > 0 ? inner : path.length === 0 ? this.ofPath(n.object, []) : NONE;
      }
      case "ObjectExpression": {
        if (path.length === 0) return NONE;
        const value = typeof path[0] === "string" ? propertyValue(n, path[0]) : undefined;
        return value ? this.ofPath(value, path.slice(1)) : NONE;
      }
      case "ArrayExpression": {
        const step = path[0];
        const element = typeof step === "number" ? (n.elements[step] as Node | null) : undefined;
        return element ? this.ofPath(element, path.slice(1)) : NONE;
      }
      case "ConditionalExpression":
        return merge([this.ofPath(n.consequent, path), this.ofPath(n.alternate, path)]);
      case "LogicalExpression":
        return merge([this.ofPath(n.left, path), this.ofPath(n.right, path)]);
      default:
        return NONE;
    }
  }

  /** `this.supabase` in a class: what its field initializer or `this.supabase = ...` assigned. */
  private ofThisMember(member: Node, name: string, path: readonly PathStep[]): readonly string[] {
    const cls = enclosingClass(member);
    if (!cls) return NONE;
    return merge(this.model.classMemberValues(cls, name).map((value) => this.ofPath(value, path)));
  }

  private ofIdentifierPath(n: Node, path: readonly PathStep[]): readonly string[] {
    const binding = this.model.bindingOf(n);
    if (!binding) return NONE;
    return this.ofBinding(binding, path);
  }

  private ofCall(call: Node, path: readonly PathStep[]): readonly string[] {
    const callee = unwrapAwait(call.callee);
    if (callee.type === "Identifier") {
      const binding = this.model.bindingOf(callee);
      const fn = binding ? localFunction(binding) : undefined;
      if (fn) return this.memoisedPath(fn, path, () => merge(this.model.returnsOf(fn).map((r) => this.ofPath(r, path))));
      // A global or imported factory: its name is the origin (a property of its result has no other),
      // with the names its arguments carry (`createClient(url, SUPABASE_SERVICE_ROLE_KEY)`: the key it was made with),
      // and for a project module's function, what it returns there.
      return path.length === 0 ? merge([[callee.name, ...keyOrigins(this.model, call)], this.importedOrigins(binding, "call")]) : NONE;
    }
    if (callee.type === "MemberExpression") {
      // `Db.getInstance()`, `this.admin()`: a same-file class's method returns the client.
      const cls = receiverClass(this.model, callee);
      const name = memberName(callee);
      const method = cls && name !== undefined ? this.model.classMethod(cls, name) : undefined;
      if (method) return this.memoisedPath(method, path, () => merge(this.model.returnsOf(method).map((r) => this.ofPath(r, path))));
      // Builder methods (`client.schema("public")`) keep the receiver's origin; `lib.createClient()` is named.
      const receiver = this.ofPath(callee.object, []);
      if (receiver.length > 0 || (name !== undefined && BUILDER_METHODS.has(name))) return path.length === 0 ? receiver : NONE;
      return name && path.length === 0 ? [name, ...keyOrigins(this.model, call)] : NONE;
    }
    return NONE;
  }

  private ofBinding(binding: Binding, path: readonly PathStep[]): readonly string[] {
    const full = [...binding.path, ...path];
    switch (binding.kind) {
      case "const":
      case "let":
      case "var": {
        const parts = binding.init ? [this.ofPath(binding.init, full)] : [];
        for (const value of binding.assigned) parts.push(this.ofPath(value, path));
        return merge(parts);
      }
      case "param": {
        const parts = [binding.fn ? this.ofParameter(binding.fn, binding.paramIndex, full) : NONE];
        // `(db = createServiceRoleClient()) =>`: the default is a value too.
        const holder = parentOf(binding.id);
        if (holder?.type === "AssignmentPattern" && holder.left === binding.id) parts.push(this.ofPath(holder.right, full));
        return merge(parts);
      }
      case "import":
        return path.length === 0 ? this.importedOrigins(binding, "value") : NONE;
      default:
        return NONE;
    }
  }

  /** A parameter gets the origins of the argument at its position in every same-file call. */
  private ofParameter(fn: Node, index: number, path: readonly PathStep[]): readonly string[] {
    const parts: (readonly string[])[] = [];
    for (const call of callSitesOf(this.model, fn)) {
      const argument = call.arguments[index] as Node | undefined;
      if (argument && argument.type !== "SpreadElement") parts.push(this.ofPath(argument, path));
    }
    return merge(parts);
  }

  /** Memoised for the value itself (no path); a path into it is computed each time. */
  private memoisedPath(fn: Node, path: readonly PathStep[], compute: () => readonly string[]): readonly string[] {
    return path.length === 0 ? this.memoised(fn, compute) : compute();
  }

  private memoised<K extends Binding | Node>(key: K | undefined, compute: (key: K) => readonly string[]): readonly string[] {
    if (key === undefined) return NONE;
    const cached = this.memo.get(key);
    if (cached) return cached;
    this.memo.set(key, NONE); // cycle guard: a value that depends on itself adds nothing
    const result = compute(key);
    this.memo.set(key, result);
    return result;
  }
}

const MAX_KEY_NAMES = 12;

/** Names the arguments of a factory call carry: identifiers, members, strings, through constants. */
function keyOrigins(model: Model, call: Node): string[] {
  const names = new Set<string>();
  const visit = (node: Node | null | undefined, depth: number): void => {
    if (!node || depth > 4 || names.size >= MAX_KEY_NAMES) return;
    const n = unwrapAwait(node);
    switch (n.type) {
      case "Identifier": {
        names.add(n.name);
        const binding = model.bindingOf(n);
        if (binding?.init && (binding.kind === "const" || !binding.reassigned)) visit(binding.init, depth + 1);
        return;
      }
      case "MemberExpression": {
        const name = memberName(n);
        if (name !== undefined) names.add(name);
        visit(n.object, depth + 1);
        return;
      }
      case "Literal":
        if (typeof n.value === "string" && /^[A-Za-z0-9_]{1,64}$/.test(n.value)) names.add(n.value);
        return;
      case "LogicalExpression":
      case "ConditionalExpression":
        visit(n.left ?? n.consequent, depth + 1);
        visit(n.right ?? n.alternate, depth + 1);
        return;
      case "CallExpression":
        for (const argument of n.arguments as Node[]) visit(argument, depth + 1);
        return;
      case "TemplateLiteral":
        for (const expression of n.expressions as Node[]) visit(expression, depth + 1);
        return;
      default:
    }
  };
  for (const argument of call.arguments as Node[]) if (argument.type !== "SpreadElement") visit(argument, 0);
  return [...names].map((name) => KEY_ORIGIN + name);
}


function merge(parts: readonly (readonly string[])[]): readonly string[] {
  const nonEmpty = parts.filter((p) => p.length > 0);
  if (nonEmpty.length === 0) return NONE;
  if (nonEmpty.length === 1) return nonEmpty[0]!;
  return [...new Set(nonEmpty.flat())].sort();
}
