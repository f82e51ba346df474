/**
 * Dotted paths of expressions (core/types.ts: "Dotted paths"), as written and through what they
 * alias, each candidate counting:
 *   - `const c = stripe.charges; c.create` -> "c.create", "stripe.charges.create"
 *   - `const { charges } = stripe` (also `= require("stripe")`), `const f = fetch.bind(x)`
 *   - imports: `import { OpenAI as O } from "openai"` -> "O", "OpenAI" and, for a bare package,
 *     "openai.OpenAI" (as Python's `from m import n` gives "m.n"); `import ax from "axios"` /
 *     `import * as ax from "axios"` / `import ax = require("axios")` -> "ax", "axios"
 *   - `this.client` when the class gives its field an aliasable value (`this.client = stripe`)
 *   - an instance of a package's export: `const s = new Stripe(key)` -> "s", "stripe"
 *   - a computed member by its folded key (`env[KEY]` -> "env.API_KEY"), NAME_HOLE when unknown
 *   - a call's result by the called function's path (await and parentheses transparent):
 *     `(await getStripe()).charges.create` -> "getStripe.charges.create"
 *   - `globalThis.fetch`, `window.fetch`, `self.fetch`, `global.fetch` also stand for "fetch".
 * Every step taken through an alias or an import is a TraceStep for `explain`.
 */
import { NAME_HOLE, type TraceStep } from "../../../core/types.js";
import { memberName, type Node, parentOf, unwrap, unwrapAwait } from "../ast.js";
import type { Constants } from "../constants.js";
import { type Binding, enclosingClass, type Model } from "../model.js";

export interface PathsOf {
  /** Candidates, the path as written first; [] when the expression is not a path (a call result...). */
  readonly paths: readonly string[];
  readonly via: readonly TraceStep[];
}

const NONE: PathsOf = { paths: [], via: [] };
/** More candidates than this are cut: a path through many aliases is still matched by its first ones. */
const MAX_PATHS = 16;
const MAX_DEPTH = 12;
/** Computed keys with more candidates than this become NAME_HOLE. */
const MAX_KEYS = 4;
/** Global objects whose properties are the globals themselves (`window.fetch` is `fetch`, unless the file declares its own `window`). */
const GLOBAL_OBJECTS = new Set(["globalThis", "window", "self", "global"]);
/** The global scope as a path prefix (see Paths.prefixes). */
const GLOBAL_SCOPE = "";

/** A path and what follows it ("" for nothing): `joinPath("process", "env")` is "process.env"; on GLOBAL_SCOPE, just the rest. */
export function joinPath(prefix: string, rest: string): string {
  if (rest === "") return prefix;
  return prefix === GLOBAL_SCOPE ? rest : `${prefix}.${rest}`;
}

/**
 * The path segment a bare package specifier stands for ("axios", "node:http" -> "http", "node-fetch",
 * a scoped package "@anthropic-ai/sdk" as it is: rules' path patterns take it as a first segment),
 * or undefined for relative, aliased or deep specifiers (and names with a dot, which would split).
 */
export function packageSegment(specifier: string): string | undefined {
  const name = specifier.startsWith("node:") ? specifier.slice(5) : specifier;
  return /^(@[A-Za-z0-9_-]+\/)?[A-Za-z0-9_$][A-Za-z0-9_$-]*$/.test(name) ? name : undefined;
}

/** `require("m")` with the global require: the specifier node, else undefined. */
export function requireSpecifier(model: Model, node: Node): Node | undefined {
  const call = unwrap(node);
  if (call.type !== "CallExpression" || call.arguments.length !== 1) return undefined;
  const callee = unwrap(call.callee);
  if (callee.type !== "Identifier" || callee.name !== "require" || model.bindingOf(callee)) return undefined;
  return call.arguments[0] as Node;
}

/** `import x = require("m")` declarations of a module's top level by local name (what Paths needs when no general walk ran: patterns). */
export function importEqualsOf(program: Node): Map<string, Node> {
  const found = new Map<string, Node>();
  for (const statement of program.body as Node[]) {
    if (statement.type === "TSImportEqualsDeclaration" && statement.moduleReference?.type === "TSExternalModuleReference") found.set(statement.id.name, statement);
  }
  return found;
}

export class Paths {
  private readonly memo = new Map<Binding, PathsOf | null>();
  /** of() asked by the passes (outside any alias being followed): a call's callee is asked by calls, urls and jsx. */
  private readonly asked = new Map<Node, PathsOf>();
  private depth = 0;

  constructor(
    private readonly model: Model,
    private readonly constants: Constants,
    /** `import x = require("m")` declarations by local name. */
    private readonly importEquals: ReadonlyMap<string, Node>,
  ) {}

  of(node: Node): PathsOf {
    if (this.depth > 0) return this.withoutGlobalScope(node);
    let found = this.asked.get(node);
    if (!found) {
      found = this.withoutGlobalScope(node);
      this.asked.set(node, found);
    }
    return found;
  }

  private withoutGlobalScope(node: Node): PathsOf {
    const found = this.prefixes(node);
    return found.paths.includes(GLOBAL_SCOPE) ? { paths: found.paths.filter((path) => path !== GLOBAL_SCOPE), via: found.via } : found;
  }

  /**
   * Like of(), but a global object (`globalThis`, `window`...) also stands for the global scope
   * itself, written GLOBAL_SCOPE (""), so a path built on it (joinPath) also names the global:
   * `const { fetch: f } = globalThis` -> "globalThis.fetch", "fetch".
   */
  prefixes(node: Node): PathsOf {
    if (this.depth > MAX_DEPTH) return NONE;
    this.depth++;
    try {
      return this.ofUnguarded(unwrap(node));
    } finally {
      this.depth--;
    }
  }

  private ofUnguarded(n: Node): PathsOf {
    switch (n.type) {
      case "Identifier":
        return this.identifier(n);
      case "ThisExpression":
        return { paths: ["this"], via: [] };
      case "Super":
        return { paths: ["super"], via: [] };
      case "MetaProperty":
        return { paths: [`${n.meta.name}.${n.property.name}`], via: [] };
      case "MemberExpression":
        return this.member(n);
      default:
        return this.module(n);
    }
  }

  /**
   * Whether a chain starts at a call's result (`getStripe().charges`, `(await f()).x`), other than
   * a `require` or a package instance (module()): the member facts leave those to the call facts.
   */
  onCallResult(node: Node): boolean {
    let root = unwrapAwait(node);
    while (root.type === "MemberExpression") root = unwrapAwait(root.object);
    return root.type === "CallExpression" && !requireSpecifier(this.model, root) && !this.instance(root);
  }

  /**
   * `require("m")` / `await import("m")` used as a value: the package's path. And an instance a
   * package's export makes (`new Stripe(key)`, `new OpenAI()`, `Stripe(key)` with the export
   * imported from "stripe" / "openai"): the package's path too, so `const payments = new
   * Stripe(key); payments.charges.create()` is also "stripe.charges.create", as rules name it.
   */
  private module(n: Node): PathsOf {
    const inner = unwrapAwait(n);
    if (inner.type === "NewExpression" || inner.type === "CallExpression") {
      const made = this.instance(inner);
      if (made) return made;
    }
    const source = inner.type === "ImportExpression" ? inner.source : requireSpecifier(this.model, inner);
    if (!source) return inner.type === "CallExpression" ? this.callResult(inner) : NONE;
    const specifier = this.constants.strings(source);
    const segment = specifier?.length === 1 ? packageSegment(specifier[0]!) : undefined;
    return segment ? { paths: [segment], via: [{ span: span(inner), note: `module "${specifier![0]}"` }] } : NONE;
  }

  /**
   * A call's result stands for the called function's path (as in the Python adapter):
   * `getStripe().charges.create`, `(await getStripe()).charges.create` -> "getStripe.charges.create".
   */
  private callResult(call: Node): PathsOf {
    const callee = this.of(call.callee);
    if (callee.paths.length === 0) return NONE;
    return { paths: callee.paths, via: [{ span: span(call), note: `result of ${callee.paths[0]}()` }, ...callee.via] };
  }

  private instance(construction: Node): PathsOf | undefined {
    const callee = unwrap(construction.callee);
    const binding = callee.type === "Identifier" ? this.model.bindingOf(callee) : undefined;
    const segment = binding?.kind === "import" && binding.importSource !== undefined ? packageSegment(binding.importSource) : undefined;
    return segment ? { paths: [segment], via: [{ span: span(construction), note: `instance of "${binding!.importSource}"` }] } : undefined;
  }

  private identifier(n: Node): PathsOf {
    const binding = this.model.bindingOf(n);
    if (!binding) {
      const declaration = this.importEquals.get(n.name);
      if (declaration) return this.imported(n.name, declaration.moduleReference.expression, "*", declaration);
      return { paths: GLOBAL_OBJECTS.has(n.name) ? [n.name, GLOBAL_SCOPE] : [n.name], via: [] };
    }
    const cached = this.memo.get(binding);
    if (cached === null) return { paths: [n.name], via: [] };
    if (cached) return cached;
    this.memo.set(binding, null);
    const found = this.binding(binding);
    this.memo.set(binding, found);
    return found;
  }

  private binding(binding: Binding): PathsOf {
    const name = binding.name;
    if (binding.kind === "import" && binding.importSource !== undefined) {
      const specifier = parentOf(binding.id);
      return this.importedAs(name, binding.importSource, binding.importName ?? "*", specifier ?? binding.id);
    }
    const constant = binding.kind === "const" || ((binding.kind === "let" || binding.kind === "var") && !binding.reassigned);
    if (!constant || !binding.init || binding.path.some((step) => typeof step !== "string")) return { paths: [name], via: [] };
    let init = unwrapAwait(binding.init);
    // `const f = fetch.bind(globalThis)`: the same function.
    if (init.type === "CallExpression" && unwrap(init.callee).type === "MemberExpression" && memberName(unwrap(init.callee)) === "bind") {
      init = unwrap(unwrap(init.callee).object);
    }
    const steps = binding.path as readonly string[];
    // `const { a } = require("m")`, `const x = await import("m")`: an import by another syntax.
    const source = init.type === "ImportExpression" ? init.source : requireSpecifier(this.model, init);
    if (source) return this.imported(name, source, steps[0] ?? "*", binding.id, steps.slice(1));
    const target = this.prefixes(init);
    if (target.paths.length === 0) return { paths: [name], via: [] };
    const aliased = target.paths.map((path) => joinPath(path, steps.join(".")));
    const step: TraceStep = { span: span(binding.id), note: `alias of ${aliased[0] || name}` };
    return { paths: unique([name, ...aliased]), via: [step, ...target.via] };
  }

  /** A binding made by an import whose specifier is an expression (`require`, `import x = require`). */
  private imported(local: string, source: Node, importName: string, at: Node, rest: readonly string[] = []): PathsOf {
    const specifier = this.constants.strings(source);
    if (specifier?.length !== 1) return { paths: [local], via: [] };
    const found = this.importedAs(local, specifier[0]!, importName, at);
    if (rest.length === 0) return found;
    return { paths: unique([local, ...found.paths.slice(1).map((path) => joinPath(path, rest.join(".")))]), via: found.via };
  }

  private importedAs(local: string, source: string, importName: string, at: Node): PathsOf {
    const segment = packageSegment(source);
    const paths = [local];
    if (importName === "*" || importName === "default") {
      if (segment) paths.push(segment);
    } else {
      paths.push(importName);
      if (segment) paths.push(`${segment}.${importName}`);
    }
    return { paths: unique(paths), via: [{ span: span(at), note: `imported from "${source}"` }] };
  }

  private member(n: Node): PathsOf {
    const object = unwrap(n.object);
    const own = object.type === "ThisExpression" ? this.thisMember(n) : undefined;
    if (own) return own;
    const target = this.prefixes(object);
    if (target.paths.length === 0) return NONE;
    const segments = this.segments(n);
    const paths: string[] = [];
    for (const prefix of target.paths) for (const segment of segments) paths.push(joinPath(prefix, segment));
    // `(await import("openai")).default`, `require("openai").default`: the module's default export, named by the package.
    if (segments.length === 1 && segments[0] === "default" && object.type !== "Identifier" && object.type !== "MemberExpression") paths.push(...target.paths);
    return { paths: unique(paths), via: target.via };
  }

  /** `this.client`: "this.client" and the paths of the values the class gives it (`this.client = stripe`). */
  private thisMember(n: Node): PathsOf | undefined {
    const name = memberName(n);
    const cls = name === undefined ? undefined : enclosingClass(n);
    if (!cls || name === undefined) return undefined;
    const paths = [`this.${name}`];
    const via: TraceStep[] = [];
    for (const value of this.model.classMemberValues(cls, name)) {
      const inner = unwrap(value);
      // `constructor(private client: Stripe)`: a parameter aliases nothing.
      if (inner.type === "Identifier" && this.model.bindingOf(inner)?.kind === "param") continue;
      const aliased = this.prefixes(inner);
      if (aliased.paths.length === 0) continue;
      paths.push(...aliased.paths);
      via.push({ span: span(value), note: `this.${name} = ${aliased.paths.at(-1)}` }, ...aliased.via);
    }
    return { paths: unique(paths), via };
  }

  /** The property as a path segment: its name, its folded computed key(s), or NAME_HOLE. */
  private segments(n: Node): readonly string[] {
    const name = memberName(n);
    if (name !== undefined) return [name];
    const keys = this.constants.strings(n.property);
    return keys && keys.length > 0 && keys.length <= MAX_KEYS ? keys : [NAME_HOLE];
  }
}

/** Without repeats, at most MAX_PATHS. Callers pass a fresh array: returned as it is when it has neither (most do). */
function unique(paths: string[]): string[] {
  let repeats = paths.length > MAX_PATHS;
  for (let i = 1; i < paths.length && !repeats; i++) repeats = paths.lastIndexOf(paths[i]!, i - 1) >= 0;
  return repeats ? [...new Set(paths)].slice(0, MAX_PATHS) : paths;
}

function span(node: Node): { start: number; end: number } {
  return { start: node.start, end: node.end };
}
