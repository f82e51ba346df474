/**
 * Constant folding for names: what strings can this expression be? Literals, plain templates,
 * `const` (and never-reassigned `let`/`var`) bindings, members of constant object literals
 * (`TABLES.cloud`, `PREFIX[p]` = every value of PREFIX), `+` concatenation, templates, enums,
 * `Object.freeze`, and imports the caller can resolve. A part that cannot be known becomes
 * NAME_HOLE inside a candidate, so `integration_${p}_status` is still a usable name.
 */
import { type ConstantValue, type ExtractOptions, NAME_HOLE } from "../../core/types.js";
import { memberName, type Node, staticKeyName, unwrap } from "./ast.js";
import { type Binding, localFunction, type Model, type PathStep } from "./model.js";

/** Candidates of a string, or a constant object. */
export type Value = readonly string[] | ObjectValue;

export class ObjectValue {
  constructor(readonly props: ReadonlyMap<string, Value | undefined>) {}
}

/** More candidates than this and the name is treated as unknown (a product of many maps). */
const MAX_CANDIDATES = 64;
const HOLE_ONLY: readonly string[] = [NAME_HOLE];
const PENDING = Symbol("pending");

export class Constants {
  private readonly memo = new Map<Binding, Value | undefined | typeof PENDING>();
  /** Functions being evaluated (recursion guard). */
  private readonly calling = new Set<Node>();

  constructor(
    private readonly model: Model,
    private readonly options: ExtractOptions,
  ) {}

  /** Every string the expression can be, with NAME_HOLE for unknown parts; undefined when unknown. */
  strings(node: Node): readonly string[] | undefined {
    const value = this.value(node);
    return Array.isArray(value) ? (value as readonly string[]) : undefined;
  }

  /** Like strings(), but a fully unknown part gives [NAME_HOLE] (used inside templates and `+`). */
  private part(node: Node): readonly string[] {
    return this.strings(node) ?? HOLE_ONLY;
  }

  value(node: Node): Value | undefined {
    const n = unwrap(node);
    switch (n.type) {
      case "Literal":
        return typeof n.value === "string" || typeof n.value === "number" || typeof n.value === "boolean" ? [String(n.value)] : undefined;
      case "TemplateLiteral":
        return this.template(n);
      case "BinaryExpression": {
        if (n.operator !== "+") return undefined;
        const left = this.strings(n.left);
        const right = this.strings(n.right);
        if (!left && !right) return undefined;
        return product([left ?? HOLE_ONLY, right ?? HOLE_ONLY]);
      }
      case "ConditionalExpression": {
        const a = this.strings(n.consequent);
        const b = this.strings(n.alternate);
        return a && b ? union([a, b]) : undefined;
      }
      case "Identifier":
        return this.identifier(n);
      case "MemberExpression":
        return this.member(n);
      case "ObjectExpression":
        return this.object(n);
      case "CallExpression":
        // Object.freeze({...}) is the same constant object.
        if (isObjectFreeze(n) && n.arguments.length === 1) return this.value(n.arguments[0]);
        return this.returned(n);
      case "TSEnumDeclaration":
        return this.enumValue(n);
      default:
        return undefined;
    }
  }

  /** A same-file helper (`columnOf(p)` returning `\`integration_${p}_status\``): any of its returned strings. */
  private returned(call: Node): readonly string[] | undefined {
    const callee = unwrap(call.callee);
    const binding = callee.type === "Identifier" ? this.model.bindingOf(callee) : undefined;
    const fn = binding ? localFunction(binding) : undefined;
    if (!fn || this.calling.has(fn)) return undefined;
    this.calling.add(fn);
    try {
      const lists: (readonly string[])[] = [];
      for (const value of this.model.returnsOf(fn)) {
        const strings = this.strings(value);
        if (!strings) return undefined;
        lists.push(strings);
      }
      return lists.length > 0 ? union(lists) : undefined;
    } finally {
      this.calling.delete(fn);
    }
  }

  private template(n: Node): readonly string[] | undefined {
    const parts: (readonly string[])[] = [];
    const quasis = n.quasis as Node[];
    const expressions = n.expressions as Node[];
    for (let i = 0; i < quasis.length; i++) {
      const cooked = quasis[i]!.value.cooked;
      if (typeof cooked !== "string") return undefined;
      parts.push([cooked]);
      const expression = expressions[i];
      if (expression) parts.push(this.part(expression));
    }
    return product(parts);
  }

  private identifier(n: Node): Value | undefined {
    const binding = this.model.bindingOf(n);
    if (!binding) return undefined;
    const cached = this.memo.get(binding);
    if (cached === PENDING) return undefined;
    if (cached !== undefined || this.memo.has(binding)) return cached;
    this.memo.set(binding, PENDING);
    const value = this.bindingValue(binding);
    this.memo.set(binding, value);
    return value;
  }

  private bindingValue(binding: Binding): Value | undefined {
    if (binding.kind === "import") return this.imported(binding);
    if (binding.kind === "enum") return binding.init ? this.enumValue(binding.init) : undefined;
    const constant = binding.kind === "const" || ((binding.kind === "let" || binding.kind === "var") && !binding.reassigned);
    if (!constant || !binding.init) return undefined;
    return follow(this.value(binding.init), binding.path);
  }

  private imported(binding: Binding): Value | undefined {
    const resolve = this.options.resolveImport;
    if (!resolve || !binding.importSource || !binding.importName || binding.importName === "*") return undefined;
    let resolved: ConstantValue | undefined;
    try {
      resolved = resolve(binding.importSource, binding.importName);
    } catch {
      return undefined;
    }
    return resolved === undefined ? undefined : fromConstant(resolved);
  }

  private member(n: Node): Value | undefined {
    const object = this.value(n.object);
    if (!(object instanceof ObjectValue)) return undefined;
    const name = memberName(n);
    if (name !== undefined) return object.props.get(name);
    // `MAP[key]`: the key's candidates when known, else any value of the map.
    const keys = this.strings(n.property);
    const chosen: Value[] = [];
    if (keys && keys.every((k) => !k.includes(NAME_HOLE))) {
      for (const key of keys) {
        const value = object.props.get(key);
        if (value === undefined) return undefined;
        chosen.push(value);
      }
    } else {
      for (const value of object.props.values()) chosen.push(value ?? HOLE_ONLY);
    }
    if (chosen.length === 0) return undefined;
    if (chosen.length === 1) return chosen[0];
    // Several possible values: only strings can be merged into one list of candidates.
    return union(chosen.map((v) => (Array.isArray(v) ? (v as readonly string[]) : HOLE_ONLY)));
  }

  private object(n: Node): ObjectValue {
    const props = new Map<string, Value | undefined>();
    for (const prop of n.properties as Node[]) {
      if (prop.type === "SpreadElement") {
        const spread = this.value(prop.argument);
        if (spread instanceof ObjectValue) for (const [k, v] of spread.props) props.set(k, v);
        continue;
      }
      if (prop.kind !== "init" || prop.method) continue;
      const key = prop.computed ? this.strings(prop.key) : [staticKeyName(prop.key, false) ?? NAME_HOLE];
      if (!key || key.length !== 1 || key[0]!.includes(NAME_HOLE)) continue;
      props.set(key[0]!, this.value(prop.value));
    }
    return new ObjectValue(props);
  }

  private enumValue(n: Node): ObjectValue {
    const props = new Map<string, Value | undefined>();
    const members: Node[] = n.body?.members ?? n.members ?? [];
    for (const member of members) {
      const key = staticKeyName(member.id, member.computed ?? false);
      if (key !== undefined) props.set(key, member.initializer ? this.value(member.initializer) : undefined);
    }
    return new ObjectValue(props);
  }
}

function isObjectFreeze(call: Node): boolean {
  const callee = unwrap(call.callee);
  return (
    callee.type === "MemberExpression" &&
    unwrap(callee.object).type === "Identifier" &&
    unwrap(callee.object).name === "Object" &&
    memberName(callee) === "freeze"
  );
}

function follow(value: Value | undefined, path: readonly PathStep[]): Value | undefined {
  let current = value;
  for (const step of path) {
    if (!(current instanceof ObjectValue) || typeof step !== "string") return undefined;
    current = current.props.get(step);
  }
  return current;
}

function fromConstant(value: ConstantValue): Value {
  if (typeof value === "string") return [value];
  const props = new Map<string, Value | undefined>();
  for (const [key, inner] of Object.entries(value)) props.set(key, fromConstant(inner));
  return new ObjectValue(props);
}

/** Every concatenation of one candidate per part; undefined past MAX_CANDIDATES. */
function product(parts: readonly (readonly string[])[]): readonly string[] | undefined {
  let result: string[] = [""];
  for (const part of parts) {
    if (result.length * part.length > MAX_CANDIDATES) return undefined;
    const next: string[] = [];
    for (const prefix of result) for (const candidate of part) next.push(prefix + candidate);
    result = next;
  }
  return [...new Set(result)];
}

function union(lists: readonly (readonly string[])[]): readonly string[] | undefined {
  const all = new Set<string>();
  for (const list of lists) for (const item of list) all.add(item);
  return all.size > MAX_CANDIDATES ? undefined : [...all];
}

/** A name that is nothing but unknown parts tells nothing: no fact for it. */
export function isUseful(name: readonly string[] | undefined): name is readonly string[] {
  return name !== undefined && name.length > 0 && name.every((candidate) => candidate.replaceAll(NAME_HOLE, "").length > 0);
}
