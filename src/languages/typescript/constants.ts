/**
 * Constant folding for names: what strings can this expression be? Literals, plain templates,
 * `const` (and never-reassigned `let`/`var`) bindings, members of constant object literals
 * (`TABLES.cloud`, `PREFIX[p]` = every value of PREFIX), `+` concatenation, templates, enums,
 * `Object.freeze`, class fields and getters (`this.table`, `Repo.TABLE`), parameters (their
 * defaults and the arguments of same-file calls; inside a helper called with constants, that
 * call's arguments), `??` / `||` fallbacks, constant arrays and the elements a loop or an array
 * callback gets from them, `Object.entries/keys/values`, drizzle `pgTable("t", ...)` objects,
 * and imports the caller can resolve. A part that cannot be known becomes NAME_HOLE inside a
 * candidate, so `integration_${p}_status` is still a usable name.
 *
 * Two semantics (rules.md): a name built from a map lookup matches a pattern only when every
 * candidate does (strings()); but a table sink also sees each alternative on its own
 * (alternatives(): every side of `?:`/`??`/`||`, every element a loop visits, every caller's
 * argument), since a value that may be the forbidden table is the forbidden table.
 */
import { type ConstantValue, type ExtractOptions, NAME_HOLE } from "../../core/types.js";
import { isFunction, memberName, type Node, parentOf, staticKeyName, unwrap } from "./ast.js";
import { TABLE_SINKS } from "./sinks.js";
import { type Binding, callSitesOf, enclosingClass, localFunction, type Model, type PathStep, receiverClass } from "./model.js";

/** Candidates of a string, a constant object (or array), or a table object (drizzle `pgTable`). */
export type Value = readonly string[] | ObjectValue | TableRef | FunctionRef;

export class ObjectValue {
  constructor(
    readonly props: ReadonlyMap<string, Value | undefined>,
    /** An array literal: props are "0", "1", ... */
    readonly isArray = false,
  ) {}
}

/** A function of another module (an imported helper): calling it gives what it returns there. */
export class FunctionRef {
  constructor(
    readonly constants: Constants,
    readonly fn: Node,
  ) {}
}

/** Where imported names get their values: lint --project's resolver, or modules read from disk. */
export interface ImportSources {
  resolveImport?: ExtractOptions["resolveImport"];
  /** `import { name } from specifier` as a Value (modules.ts), when resolveImport is not given. */
  importedValue?: (specifier: string, name: string) => Value | undefined;
}

/** A table definition object (`pgTable("t", {...})`): names a table wherever a query uses it. */
export class TableRef {
  constructor(
    readonly names: readonly string[],
    /** The table's columns by property name (`integrationOpenaiStatus: text("integration_openai_status")`). */
    readonly columns: ReadonlyMap<string, string> = new Map(),
  ) {}
}

/** Calls that define a table object and name it by their first argument (drizzle, and kin). */
const TABLE_DEFINERS = new Set(TABLE_SINKS.flatMap((sink) => (sink.form === "definition" ? sink.callees : [])));
/** Array methods whose callback's first parameter is an element of the array. */
const ELEMENT_CALLBACKS = new Set(["map", "forEach", "flatMap", "filter", "find", "some", "every", "reduce"]);

/** More candidates than this and the name is treated as unknown (a product of many maps). */
const MAX_CANDIDATES = 64;
const HOLE_ONLY: readonly string[] = [NAME_HOLE];
const PENDING = Symbol("pending");

export class Constants {
  private readonly memo = new Map<Binding, Value | undefined | typeof PENDING>();
  private readonly pendingParams = new Set<Binding>();
  /** Functions being evaluated (recursion guard). */
  private readonly calling = new Set<Node>();

  constructor(
    private readonly model: Model,
    private readonly options: ImportSources,
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
      case "ConditionalExpression":
        return this.either(this.strings(n.consequent), this.strings(n.alternate));
      case "LogicalExpression":
        // `process.env.T ?? "t"`: the known side is what the name may be.
        if (n.operator === "&&") return this.strings(n.right);
        return this.either(this.strings(n.left), this.strings(n.right));
      case "Identifier":
        return this.identifier(n);
      case "MemberExpression":
        return this.member(n);
      case "ObjectExpression":
        return this.object(n);
      case "ArrayExpression":
        return this.array(n);
      case "CallExpression":
        return this.call(n);
      case "NewExpression": {
        // `new URL("/rest/v1/t", base)`: the path is what names a PostgREST table (http.ts).
        const callee = unwrap(n.callee);
        return callee.type === "Identifier" && callee.name === "URL" && n.arguments[0] ? this.strings(n.arguments[0]) : undefined;
      }
      case "TSEnumDeclaration":
        return this.enumValue(n);
      default:
        return undefined;
    }
  }

  private either(a: readonly string[] | undefined, b: readonly string[] | undefined): readonly string[] | undefined {
    return a && b ? union([a, b]) : (a ?? b);
  }

  private call(n: Node): Value | undefined {
    const callee = unwrap(n.callee);
    const first = n.arguments[0] as Node | undefined;
    // `const { TABLES } = require("./tables")`: the module's exports, as for `import * as`.
    if (callee.type === "Identifier" && callee.name === "require" && !this.model.bindingOf(callee) && first) {
      const specifier = this.strings(first);
      return specifier?.length === 1 ? this.options.importedValue?.(specifier[0]!, "*") : undefined;
    }
    if (callee.type === "Identifier" && TABLE_DEFINERS.has(callee.name) && first) {
      const names = this.strings(first);
      return names ? new TableRef(names, this.tableColumns(n.arguments[1] as Node | undefined)) : undefined;
    }
    if (callee.type === "MemberExpression" && unwrap(callee.object).type === "Identifier" && unwrap(callee.object).name === "Object" && first) {
      const name = memberName(callee);
      // Object.freeze({...}) is the same constant object.
      if (name === "freeze") return this.value(first);
      if (name === "keys" || name === "values" || name === "entries") return this.objectList(this.value(first), name);
      return undefined;
    }
    if (callee.type === "MemberExpression" && memberName(callee) === "map" && first && isFunction(unwrap(first))) {
      // `PROVIDERS.map((p) => \`integration_${p}\`)`: one element standing for every result.
      const element = this.returnedBy(unwrap(first));
      return element ? new ObjectValue(new Map([["0", element]]), true) : undefined;
    }
    return this.returned(n);
  }

  /** Drizzle column definitions: property name -> the column name its builder call gives (`text("col")`). */
  private tableColumns(definitions: Node | undefined): Map<string, string> {
    const columns = new Map<string, string>();
    const object = definitions ? unwrap(definitions) : undefined;
    if (object?.type !== "ObjectExpression") return columns;
    for (const prop of object.properties as Node[]) {
      const key = prop.type === "Property" ? staticKeyName(prop.key, prop.computed) : undefined;
      if (key === undefined) continue;
      // `text("col").notNull().default(...)`: the innermost call names the column.
      let call = unwrap(prop.value);
      while (call.type === "CallExpression" && calleeMemberObject(call)?.type === "CallExpression") call = calleeMemberObject(call)!;
      const name = call.type === "CallExpression" && call.arguments[0] ? this.strings(call.arguments[0]) : undefined;
      if (name?.length === 1 && !name[0]!.includes(NAME_HOLE)) columns.set(key, name[0]!);
    }
    return columns;
  }

  /** `Object.keys/values/entries(OBJ)` as an array: one element per property (a `[key, value]` pair for entries). */
  private objectList(object: Value | undefined, kind: string): Value | undefined {
    if (!(object instanceof ObjectValue)) return undefined;
    const elements = new Map<string, Value | undefined>();
    let index = 0;
    for (const [key, value] of object.props) {
      const element: Value | undefined =
        kind === "keys" ? [key] : kind === "values" ? value : new ObjectValue(new Map<string, Value | undefined>([["0", [key]], ["1", value]]), true);
      elements.set(String(index++), element);
    }
    return new ObjectValue(elements, true);
  }

  /** Arguments of the helper calls being inlined: a parameter inside takes this call's argument. */
  private readonly frames: { fn: Node; args: readonly Node[] }[] = [];

  /** A same-file helper (`columnOf(p)` returning `\`integration_${p}_status\``): any of its returned strings. */
  private returned(call: Node): Value | undefined {
    const callee = unwrap(call.callee);
    const binding = callee.type === "Identifier" ? this.model.bindingOf(callee) : undefined;
    // `this.tableName()`, `Repo.table()`: a method of a same-file class.
    const cls = callee.type === "MemberExpression" ? receiverClass(this.model, callee) : undefined;
    const name = callee.type === "MemberExpression" ? memberName(callee) : undefined;
    const fn = binding ? localFunction(binding) : cls && name !== undefined ? this.model.classMethod(cls, name) : undefined;
    if (!fn || this.calling.has(fn)) return binding?.kind === "import" ? this.importedCall(binding) : undefined;
    this.frames.push({ fn, args: call.arguments as Node[] });
    try {
      return this.returnedBy(fn);
    } finally {
      this.frames.pop();
    }
  }

  /** What a function returns (strings, or one object / table), with recursion guarded. */
  returnedBy(fn: Node): Value | undefined {
    if (this.calling.has(fn)) return undefined;
    this.calling.add(fn);
    try {
      const values: Value[] = [];
      for (const returned of this.model.returnsOf(fn)) {
        const value = this.value(returned);
        if (value === undefined) return undefined;
        values.push(value);
      }
      return combine(values);
    } finally {
      this.calling.delete(fn);
    }
  }

  /** An imported helper: what it returns in its own module (its parameters are unknown there). */
  private importedCall(binding: Binding): Value | undefined {
    const value = this.identifierValue(binding);
    return value instanceof FunctionRef ? value.constants.returnedBy(value.fn) : undefined;
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
    // A parameter's value depends on the helper call being inlined: never memoised.
    if (binding.kind === "param") {
      if (this.pendingParams.has(binding)) return undefined;
      this.pendingParams.add(binding);
      try {
        return this.bindingValue(binding);
      } finally {
        this.pendingParams.delete(binding);
      }
    }
    const cached = this.memo.get(binding);
    if (cached === PENDING) return undefined;
    if (cached !== undefined || this.memo.has(binding)) return cached;
    this.memo.set(binding, PENDING);
    const value = this.bindingValue(binding);
    this.memo.set(binding, value);
    return value;
  }

  /** The value of a binding (memoised like an identifier's). */
  private identifierValue(binding: Binding): Value | undefined {
    return this.identifier(binding.id);
  }

  private bindingValue(binding: Binding): Value | undefined {
    if (binding.kind === "import") return this.imported(binding);
    // A function is a value only for another module that calls it (importedCall).
    const fn = localFunction(binding);
    if (fn) return new FunctionRef(this, fn);
    if (binding.kind === "enum") return binding.init ? this.enumValue(binding.init) : undefined;
    if (binding.kind === "param") return combine(this.parameterValues(binding));
    const constant = binding.kind === "const" || ((binding.kind === "let" || binding.kind === "var") && !binding.reassigned);
    if (!constant) return undefined;
    if (!binding.init) {
      const iterated = loopSource(binding);
      return iterated ? follow(elementOf(this.value(iterated)), binding.path) : undefined;
    }
    return follow(this.value(binding.init), binding.path);
  }

  /**
   * What a parameter can be: the argument of the helper call being inlined, else every same-file
   * caller's argument and the default; an array callback's parameter is an element of the array.
   */
  private parameterValues(binding: Binding): Value[] {
    const fn = binding.fn;
    if (!fn || binding.paramIndex < 0) return [];
    const values: Value[] = [];
    const add = (value: Value | undefined): void => {
      if (value !== undefined) values.push(value);
    };
    const frame = this.frames.findLast((f) => f.fn === fn);
    const argument = (node: Node | undefined): Value | undefined =>
      node && node.type !== "SpreadElement" ? follow(this.value(node), binding.path) : undefined;
    if (frame) {
      add(argument(frame.args[binding.paramIndex]));
    } else {
      for (const call of callSitesOf(this.model, fn)) add(argument(call.arguments[binding.paramIndex] as Node | undefined));
      // `TABLES.forEach((t) => ...)`: each element of the array, on its own.
      const array = binding.paramIndex === 0 ? arrayOfCallback(fn) : undefined;
      const elements = array ? this.value(array) : undefined;
      if (elements instanceof ObjectValue && elements.isArray) for (const element of elements.props.values()) add(follow(element, binding.path));
    }
    // `(table = "t") =>`, `({ table = "t" }) =>`: the default of this very binding.
    const holder = parentOf(binding.id);
    if (holder?.type === "AssignmentPattern" && holder.left === binding.id) add(this.value(holder.right));
    return values;
  }

  /**
   * Each value a table sink may get on its own: the sides of `?:` / `??` / `||`, each element a
   * loop or callback visits, each caller's argument, each class member assignment; else strings().
   */
  alternatives(node: Node, depth = 0): (readonly string[])[] {
    const n = unwrap(node);
    if (depth > 8) return [];
    const out: (readonly string[])[] = [];
    const more = (child: Node | undefined): void => {
      if (child) out.push(...this.alternatives(child, depth + 1));
    };
    switch (n.type) {
      case "ConditionalExpression":
        more(n.consequent);
        more(n.alternate);
        return out;
      case "LogicalExpression":
        if (n.operator !== "&&") more(n.left);
        more(n.right);
        return out;
      case "Identifier": {
        const binding = this.model.bindingOf(n);
        if (binding && binding.path.length === 0 && binding.init && (binding.kind === "const" || !binding.reassigned)) {
          more(binding.init);
          return out;
        }
        if (binding?.kind === "param" && !this.frames.some((f) => f.fn === binding.fn)) {
          for (const value of this.parameterValues(binding)) out.push(...listsOf(value));
          return out;
        }
        if (binding && !binding.init && binding.kind === "const") {
          const iterated = loopSource(binding);
          const array = iterated ? this.value(iterated) : undefined;
          if (array instanceof ObjectValue) for (const value of array.props.values()) out.push(...listsOf(follow(value, binding.path)));
          if (out.length > 0) return out;
        }
        break;
      }
      case "MemberExpression": {
        const object = unwrap(n.object);
        const name = memberName(n);
        if (object.type === "ThisExpression" && name !== undefined) {
          const cls = enclosingClass(n);
          for (const value of cls ? this.model.classMemberValues(cls, name) : []) more(value);
          return out;
        }
        const value = name === undefined ? this.value(n.object) : undefined;
        if (value instanceof ObjectValue) {
          for (const item of value.props.values()) out.push(...listsOf(item));
          return out;
        }
        break;
      }
      default:
    }
    out.push(...listsOf(this.value(n)));
    return out;
  }

  private imported(binding: Binding): Value | undefined {
    const resolve = this.options.resolveImport;
    if (!resolve && this.options.importedValue && binding.importSource && binding.importName) {
      try {
        return this.options.importedValue(binding.importSource, binding.importName);
      } catch {
        return undefined;
      }
    }
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
    const name = memberName(n);
    const members = name === undefined ? undefined : this.classMembers(n, name);
    if (members) return combine(members.map((value) => this.value(value)).filter((v): v is Value => v !== undefined));
    const object = this.value(n.object);
    if (!(object instanceof ObjectValue)) return undefined;
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

  /** `this.table` in a class, `Repo.TABLE` of a same-file class: the values given to that member. */
  private classMembers(n: Node, name: string): readonly Node[] | undefined {
    const object = unwrap(n.object);
    let cls: Node | undefined;
    if (object.type === "ThisExpression") cls = enclosingClass(n);
    else if (object.type === "Identifier") {
      const binding = this.model.bindingOf(object);
      if (binding?.kind === "class") cls = parentOf(binding.id);
    }
    if (!cls) return undefined;
    const values = this.model.classMemberValues(cls, name);
    return values.length > 0 ? values : undefined;
  }

  private array(n: Node): ObjectValue {
    const props = new Map<string, Value | undefined>();
    (n.elements as (Node | null)[]).forEach((element, index) => {
      if (element && element.type !== "SpreadElement") props.set(String(index), this.value(element));
    });
    return new ObjectValue(props, true);
  }

  private object(n: Node): ObjectValue {
    const props = new Map<string, Value | undefined>();
    for (const prop of n.properties as Node[]) {
      if (prop.type === "SpreadElement") {
        const spread = this.value(prop.argument);
        if (spread instanceof ObjectValue) for (const [k, v] of spread.props) props.set(k, v);
        continue;
      }
      if (prop.kind === "get" && !prop.computed && isFunction(unwrap(prop.value))) {
        // `{ get table() { return "t"; } }`
        const key = staticKeyName(prop.key, false);
        if (key !== undefined) props.set(key, this.returnedBy(unwrap(prop.value)));
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

/** `a.b(...)`: the unwrapped `a` of a member call, if any. */
function calleeMemberObject(call: Node): Node | undefined {
  const callee = unwrap(call.callee);
  return callee.type === "MemberExpression" ? unwrap(callee.object) : undefined;
}

/** `for (const t of X)` / `for (const [k, v] of X)`: X, for a binding the loop declares. */
function loopSource(binding: Binding): Node | undefined {
  let node = parentOf(binding.id);
  while (node && node.type !== "VariableDeclarator") node = parentOf(node);
  const declaration = node ? parentOf(node) : undefined;
  const loop = declaration ? parentOf(declaration) : undefined;
  return loop?.type === "ForOfStatement" && loop.left === declaration ? loop.right : undefined;
}

/** `X.map((p) => ...)`: X, for the callback given as the first argument of an array method. */
function arrayOfCallback(fn: Node): Node | undefined {
  const call = parentOf(fn);
  if (call?.type !== "CallExpression" || call.arguments[0] !== fn) return undefined;
  const callee = unwrap(call.callee);
  if (callee.type !== "MemberExpression" || !ELEMENT_CALLBACKS.has(memberName(callee) ?? "")) return undefined;
  return callee.object;
}

/** One value standing for every element of a constant array. */
function elementOf(value: Value | undefined): Value | undefined {
  if (!(value instanceof ObjectValue) || !value.isArray) return undefined;
  const elements = [...value.props.values()];
  return elements.every((v) => v !== undefined) ? combine(elements as Value[]) : undefined;
}

/** Several possible values as one: strings merge into candidates, objects key by key. */
function combine(values: readonly (Value | undefined)[]): Value | undefined {
  const known = values.filter((v): v is Value => v !== undefined);
  if (known.length === 0 || known.length !== values.length) return undefined;
  if (known.length === 1) return known[0];
  if (known.every((v) => Array.isArray(v))) return union(known as (readonly string[])[]);
  if (known.every((v) => v instanceof TableRef)) {
    const tables = known as TableRef[];
    return new TableRef(union(tables.map((v) => v.names)) ?? [], new Map(tables.flatMap((v) => [...v.columns])));
  }
  if (known.every((v) => v instanceof ObjectValue)) {
    const keys = new Set<string>();
    for (const v of known as ObjectValue[]) for (const key of v.props.keys()) keys.add(key);
    const props = new Map<string, Value | undefined>();
    for (const key of keys) props.set(key, combine((known as ObjectValue[]).map((v) => v.props.get(key))));
    return new ObjectValue(props, (known as ObjectValue[]).every((v) => v.isArray));
  }
  return undefined;
}

/** The candidate lists a value holds on its own (a string list, a table's names). */
export function listsOf(value: Value | undefined): (readonly string[])[] {
  if (Array.isArray(value)) return [value as readonly string[]];
  if (value instanceof TableRef) return [value.names];
  return [];
}

function follow(value: Value | undefined, path: readonly PathStep[]): Value | undefined {
  let current = value;
  for (const step of path) {
    if (!(current instanceof ObjectValue) || step === null) return undefined;
    current = current.props.get(String(step));
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
export function product(parts: readonly (readonly string[])[]): readonly string[] | undefined {
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
