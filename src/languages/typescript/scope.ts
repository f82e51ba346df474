/**
 * The one walk over the AST: parent links, scopes and bindings (with hoisting and shadowing),
 * references, reassignments and mutations of variables, return values of functions, and the
 * nodes later passes need (calls, tagged templates, function definitions).
 * Everything else works from what this walk records, never walking the tree again.
 */
import type { FunctionDefinitionFact } from "../../core/types.js";
import { isFunction, type Node, parentOf, setParent, staticKeyName, unwrap } from "./ast.js";
import { type Binding, type BindingKind, enclosingClass, localFunction, type Model, type PathStep } from "./model.js";

class Scope {
  /** Created on the first declaration: most block scopes declare nothing. */
  bindings: Map<string, Binding> | undefined;
  constructor(
    readonly parent: Scope | undefined,
    readonly isFunction: boolean,
  ) {}

  lookup(name: string): Binding | undefined {
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) {
      const found = scope.bindings?.get(name);
      if (found) return found;
    }
    return undefined;
  }

  functionScope(): Scope {
    let scope: Scope = this;
    while (!scope.isFunction && scope.parent) scope = scope.parent;
    return scope;
  }
}

/** Type-only syntax: never values, never findings (rules.md: type members are not writes). */
export const TYPE_ONLY: ReadonlySet<string> = new Set([
  "TSTypeAliasDeclaration",
  "TSInterfaceDeclaration",
  "TSDeclareFunction",
  "TSTypeAnnotation",
  "TSTypeParameterDeclaration",
  "TSTypeParameterInstantiation",
  "TSIndexSignature",
  "TSImportEqualsDeclaration",
  "TSAbstractMethodDefinition",
  "TSAbstractPropertyDefinition",
]);
/** Fields that hold no value-level child: positions, links, type-only syntax (also ignored by pattern/compile.ts). */
export const SKIPPED_FIELDS: ReadonlySet<string> = new Set([
  "parent",
  "type",
  "start",
  "end",
  "typeAnnotation",
  "returnType",
  "typeParameters",
  "typeArguments",
  "superTypeArguments",
  "implements",
  "regex",
]);

/** What a declaration knows beyond the name: its value, function and parameter index, import. */
interface DeclarationInfo {
  init?: Node | undefined;
  fn?: Node;
  paramIndex?: number;
  importSource?: string;
  importName?: string;
}
const NO_INFO: DeclarationInfo = {};
const NO_PATH: readonly PathStep[] = [];
/** Strings shorter than this cannot be a statement naming a table. */
const MIN_STATEMENT = 10;

interface PendingAssignment {
  target: Node;
  scope: Scope;
  value: Node | undefined;
}

/** A call that wraps a function (`withAuth(async () => ...)`, `f.bind(null)`), a few calls deep. */
function wrapsFunction(node: Node, depth: number): boolean {
  const call = unwrap(node);
  if (call.type !== "CallExpression" || depth > 3) return false;
  const callee = unwrap(call.callee);
  if (callee.type === "MemberExpression" && !callee.computed && callee.property.name === "bind") return true;
  return (call.arguments as Node[]).some((argument) => isFunction(unwrap(argument)) || wrapsFunction(argument, depth + 1));
}

export function buildModel(program: Node): Model {
  return new ModelBuilder().build(program);
}

class ModelBuilder implements Model {
  program!: Node;
  readonly calls: Node[] = [];
  readonly taggedTemplates: Node[] = [];
  readonly strings: Node[] = [];
  readonly definitions: FunctionDefinitionFact[] = [];
  private readonly functionBindings = new Map<Node, Binding>();
  private readonly returns = new Map<Node, Node[]>();
  private readonly classMembers = new Map<Node, Map<string, Node[]>>();
  private readonly classMethods = new Map<Node, Map<string, Node>>();
  private readonly classes: Node[] = [];
  private readonly constructions: Node[] = [];
  private readonly pendingRefs: Node[] = [];
  private readonly pendingRefScopes: Scope[] = [];
  private readonly pendingAssignments: PendingAssignment[] = [];
  private readonly pendingMutations: { member: Node; target: Node; scope: Scope }[] = [];
  private readonly pendingAssignCalls: { call: Node; target: Node; scope: Scope }[] = [];
  private readonly pendingAliases: { name: Node; target: Node; scope: Scope }[] = [];
  private currentFunction: Node | undefined;
  /**
   * The fields of each node type that may hold child nodes. Per document: oxc gives every node of
   * a type the same fields within one parse, but JS and TS parses differ.
   */
  private readonly fieldsByType = new Map<string, readonly string[]>();

  build(program: Node): Model {
    this.program = program;
    const scope = new Scope(undefined, true);
    this.visitList(program.body, program, scope);
    this.resolve();
    return this;
  }

  bindingOf(identifier: Node): Binding | undefined {
    return (identifier as { binding?: Binding }).binding;
  }

  bindingOfFunction(fn: Node): Binding | undefined {
    return this.functionBindings.get(fn);
  }

  returnsOf(fn: Node): readonly Node[] {
    return this.returns.get(fn) ?? [];
  }

  classMemberValues(cls: Node, name: string): readonly Node[] {
    const own = this.classMembers.get(cls)?.get(name) ?? [];
    // `this.table` in a base class may be a subclass's `table = "t"`.
    const inherited = this.subclassesOf(cls).flatMap((sub) => this.classMembers.get(sub)?.get(name) ?? []);
    return inherited.length > 0 ? [...own, ...inherited] : own;
  }

  classMethod(cls: Node, name: string): Node | undefined {
    return this.classMethods.get(cls)?.get(name);
  }

  constructorCalls(cls: Node): readonly Node[] {
    const calls: Node[] = [];
    for (const construction of this.constructions) {
      const callee = unwrap(construction.callee);
      if (callee.type === "Identifier" && this.bindingOf(callee)?.id.parent === cls) calls.push(construction);
    }
    // `super(...)` in a subclass's constructor.
    for (const call of this.calls) {
      if (call.callee.type !== "Super") continue;
      const sub = enclosingClass(call);
      if (sub && this.superOf(sub) === cls) calls.push(call);
    }
    return calls;
  }

  /** The same-file class a class extends, if any. */
  private superOf(cls: Node): Node | undefined {
    const base = cls.superClass ? unwrap(cls.superClass) : undefined;
    return base?.type === "Identifier" ? this.bindingOf(base)?.id.parent : undefined;
  }

  private subclassesOf(cls: Node, depth = 0): Node[] {
    if (depth > 8) return [];
    const subs = this.classes.filter((other) => other !== cls && this.superOf(other) === cls);
    return [...subs, ...subs.flatMap((sub) => this.subclassesOf(sub, depth + 1))];
  }

  private addClassMember(cls: Node | undefined, name: string | undefined, value: Node): void {
    if (!cls || name === undefined) return;
    let members = this.classMembers.get(cls);
    if (!members) {
      members = new Map();
      this.classMembers.set(cls, members);
    }
    const values = members.get(name);
    if (values) values.push(value);
    else members.set(name, [value]);
  }

  /** References are resolved after the walk, so hoisted and later declarations are seen. */
  private resolve(): void {
    for (let i = 0; i < this.pendingRefs.length; i++) {
      const id = this.pendingRefs[i]!;
      const binding = this.pendingRefScopes[i]!.lookup(id.name);
      if (!binding) continue;
      (id as { binding?: Binding }).binding = binding;
      binding.refs.push(id);
    }
    for (const { target, scope, value } of this.pendingAssignments) {
      const binding = scope.lookup(target.name);
      if (!binding) continue;
      binding.reassigned = true;
      if (value) binding.assigned.push(value);
    }
    for (const { member, target, scope } of this.pendingMutations) scope.lookup(target.name)?.mutations.push(member);
    for (const { name, target, scope } of this.pendingAliases) {
      const binding = scope.lookup(target.name);
      if (binding && (binding.kind === "function" || localFunction(binding))) this.define(name);
    }
    for (const { call, target, scope } of this.pendingAssignCalls) scope.lookup(target.name)?.assignCalls.push(call);
  }

  private declare(
    id: Node,
    scope: Scope,
    kind: BindingKind,
    extra: DeclarationInfo = NO_INFO,
    path: readonly PathStep[] = NO_PATH,
  ): Binding {
    const binding: Binding = {
      name: id.name,
      kind,
      id,
      init: extra.init,
      path,
      fn: extra.fn,
      paramIndex: extra.paramIndex ?? -1,
      importSource: extra.importSource,
      importName: extra.importName,
      refs: [],
      assigned: [],
      reassigned: false,
      mutations: [],
      assignCalls: [],
    };
    (scope.bindings ??= new Map()).set(id.name, binding);
    (id as { binding?: Binding }).binding = binding;
    return binding;
  }

  private define(nameNode: Node): void {
    const name = staticKeyName(nameNode, false);
    if (name !== undefined) this.definitions.push({ kind: "function-definition", name, span: { start: nameNode.start, end: nameNode.end } });
  }

  private visitList(nodes: readonly (Node | null)[], parent: Node, scope: Scope): void {
    for (const node of nodes) if (node) this.visit(node, parent, scope);
  }

  private visit(node: Node, parent: Node, scope: Scope): void {
    setParent(node, parent);
    switch (node.type) {
      case "Identifier":
        this.pendingRefs.push(node);
        this.pendingRefScopes.push(scope);
        return;
      case "ImportDeclaration":
        this.visitImport(node, scope);
        return;
      case "FunctionDeclaration":
        if (node.id) {
          setParent(node.id, node);
          const binding = this.declare(node.id, scope, "function");
          this.functionBindings.set(node, binding);
          this.define(node.id);
        }
        this.visitFunction(node, scope);
        return;
      case "FunctionExpression":
      case "ArrowFunctionExpression":
        // A named function expression is a definition of that name too (`const b = function saveB() {}`).
        if (node.id) this.define(node.id);
        this.visitFunction(node, scope);
        return;
      case "ClassDeclaration":
      case "ClassExpression": {
        if (node.declare) return;
        this.classes.push(node);
        const inner = new Scope(scope, false);
        if (node.id) {
          setParent(node.id, node);
          this.declare(node.id, node.type === "ClassDeclaration" ? scope : inner, "class");
        }
        // `@Entity({ name: "t" })`: decorators are calls like any other.
        if (node.decorators) this.visitList(node.decorators, node, scope);
        if (node.superClass) this.visit(node.superClass, node, scope);
        this.visit(node.body, node, inner);
        return;
      }
      case "MethodDefinition":
      case "PropertyDefinition":
      case "AccessorProperty":
      case "Property":
        this.visitProperty(node, scope);
        return;
      case "VariableDeclaration":
        this.visitVariables(node, scope);
        return;
      case "BlockStatement":
      case "StaticBlock":
      case "ForStatement":
      case "ForInStatement":
      case "ForOfStatement":
      case "SwitchStatement":
      case "TSModuleBlock":
        this.visitChildren(node, new Scope(scope, false));
        return;
      case "CatchClause": {
        const inner = new Scope(scope, false);
        if (node.param) this.declarePattern(node.param, node, inner, "catch", {}, []);
        this.visit(node.body, node, inner);
        return;
      }
      case "TSEnumDeclaration":
        if (node.id) {
          setParent(node.id, node);
          this.declare(node.id, scope, "enum", { init: node });
        }
        return;
      case "TSModuleDeclaration":
        if (!node.declare && node.body) this.visit(node.body, node, scope);
        return;
      case "MemberExpression":
        this.visit(node.object, node, scope);
        if (node.computed) this.visit(node.property, node, scope);
        else node.property.parent = node;
        return;
      case "AssignmentExpression":
        this.visitAssignment(node, scope);
        return;
      case "UpdateExpression": {
        const target = unwrap(node.argument);
        if (target.type === "Identifier") this.pendingAssignments.push({ target, scope, value: undefined });
        this.visit(node.argument, node, scope);
        return;
      }
      case "CallExpression":
        this.calls.push(node);
        this.noteObjectAssign(node, scope);
        this.visitChildren(node, scope);
        return;
      case "NewExpression":
        this.constructions.push(node);
        this.visitChildren(node, scope);
        return;
      case "TaggedTemplateExpression":
        this.taggedTemplates.push(node);
        this.visitChildren(node, scope);
        return;
      case "Literal":
        // The shortest statement that names a table is longer than this ("DROP TABLE t").
        if (typeof node.value === "string" && node.value.length >= MIN_STATEMENT) this.strings.push(node);
        return;
      case "TemplateLiteral":
        if (node.end - node.start >= MIN_STATEMENT) this.strings.push(node);
        this.visitChildren(node, scope);
        return;
      case "ReturnStatement":
        if (node.argument && this.currentFunction) this.returnList(this.currentFunction).push(node.argument);
        this.visitChildren(node, scope);
        return;
      case "LabeledStatement":
        this.visit(node.body, node, scope);
        return;
      case "BreakStatement":
      case "ContinueStatement":
      case "MetaProperty":
        return;
      case "ExportNamedDeclaration":
        if (node.exportKind === "type") return;
        if (node.declaration) this.visit(node.declaration, node, scope);
        if (!node.source) for (const spec of node.specifiers) this.visit(spec.local, spec, scope);
        // `export { persist as saveXIntegrationStatus }`: the module now has a function by that name.
        for (const spec of node.specifiers) {
          if (spec.exportKind === "type" || staticKeyName(spec.exported, false) === staticKeyName(spec.local, false)) continue;
          setParent(spec.exported, spec);
          this.define(spec.exported);
        }
        return;
      case "ExportAllDeclaration":
        return;
      default:
        if (TYPE_ONLY.has(node.type)) return;
        this.visitChildren(node, scope);
    }
  }

  private visitChildren(node: Node, scope: Scope): void {
    let fields = this.fieldsByType.get(node.type);
    if (!fields) {
      fields = Object.keys(node).filter((field) => !SKIPPED_FIELDS.has(field));
      this.fieldsByType.set(node.type, fields);
    }
    for (const field of fields) {
      const child = node[field];
      if (child === null || typeof child !== "object") continue;
      if (Array.isArray(child)) {
        for (const item of child) if (item !== null && typeof item === "object" && typeof item.type === "string") this.visit(item, node, scope);
      } else if (typeof child.type === "string") {
        this.visit(child, node, scope);
      }
    }
  }

  private returnList(fn: Node): Node[] {
    let list = this.returns.get(fn);
    if (!list) {
      list = [];
      this.returns.set(fn, list);
    }
    return list;
  }

  private visitImport(node: Node, scope: Scope): void {
    if (node.importKind === "type") return;
    const source = String(node.source.value);
    for (const spec of node.specifiers) {
      if (spec.importKind === "type") continue;
      setParent(spec, node);
      setParent(spec.local, spec);
      const importName =
        spec.type === "ImportDefaultSpecifier"
          ? "default"
          : spec.type === "ImportNamespaceSpecifier"
            ? "*"
            : (staticKeyName(spec.imported, false) ?? spec.local.name);
      this.declare(spec.local, scope, "import", { importSource: source, importName });
    }
  }

  private visitFunction(fn: Node, scope: Scope): void {
    const inner = new Scope(scope, true);
    if (fn.type === "FunctionExpression" && fn.id) {
      setParent(fn.id, fn);
      this.declare(fn.id, inner, "function");
    }
    const outerFunction = this.currentFunction;
    this.currentFunction = fn;
    const params: Node[] = fn.params ?? [];
    // A TS `this: T` parameter is not an argument: call-site positions start after it.
    const skip = params[0]?.type === "Identifier" && params[0].name === "this" ? 1 : 0;
    for (let i = skip; i < params.length; i++) {
      const property = params[i]!.type === "TSParameterProperty";
      const param = property ? params[i]!.parameter : params[i]!;
      this.declarePattern(param, fn, inner, "param", { fn, paramIndex: i - skip }, []);
      // `constructor(private db = ...)` is also the field `this.db`: its value is the parameter's.
      const id = param.type === "AssignmentPattern" ? param.left : param;
      if (property && id.type === "Identifier") this.addClassMember(enclosingClass(fn), id.name, id);
    }
    const body = fn.body as Node | null;
    if (body?.type === "BlockStatement") {
      setParent(body, fn);
      this.visitList(body.body, body, inner);
    } else if (body) {
      this.returnList(fn).push(body);
      this.visit(body, fn, inner);
    }
    this.currentFunction = outerFunction;
  }

  private visitProperty(node: Node, scope: Scope): void {
    if (node.computed) this.visit(node.key, node, scope);
    else node.key.parent = node;
    const value = node.value as Node | null;
    if (!value) return;
    const isMethod = node.type === "MethodDefinition" ? node.kind !== "constructor" : isFunction(unwrap(value));
    if (!node.computed && isMethod) this.define(node.key);
    // `{ saveX: persist }`: a property naming a function by another name.
    if (node.type === "Property" && !node.computed && !node.shorthand && unwrap(value).type === "Identifier") {
      this.pendingAliases.push({ name: node.key, target: unwrap(value), scope });
    }
    if (node.type === "PropertyDefinition" && !node.computed) this.addClassMember(parentOf(parentOf(node)!), staticKeyName(node.key, false), value);
    this.visit(value, node, scope);
    if (node.type === "MethodDefinition" && node.kind === "method" && !node.computed) {
      const cls = parentOf(parentOf(node)!)!;
      const name = staticKeyName(node.key, false);
      if (name !== undefined) {
        let methods = this.classMethods.get(cls);
        if (!methods) this.classMethods.set(cls, (methods = new Map()));
        methods.set(name, value);
      }
    }
    // `get table() { return "t"; }`: reading `this.table` gives what the getter returns.
    if (node.type === "MethodDefinition" && node.kind === "get" && !node.computed) {
      const cls = parentOf(parentOf(node)!);
      for (const returned of this.returnsOf(value)) this.addClassMember(cls, staticKeyName(node.key, false), returned);
    }
  }

  private visitVariables(node: Node, scope: Scope): void {
    if (node.declare) return;
    const kind: BindingKind = node.kind === "const" || node.kind === "let" ? node.kind : node.kind === "var" ? "var" : "const";
    const target = kind === "var" ? scope.functionScope() : scope;
    for (const declarator of node.declarations as Node[]) {
      setParent(declarator, node);
      const init = declarator.init as Node | null;
      if (init) this.visit(init, declarator, scope);
      const bindings = this.declarePattern(declarator.id, declarator, target, kind, { init: init ?? undefined }, []);
      if (declarator.id.type === "Identifier" && init && isFunction(unwrap(init))) {
        this.define(declarator.id);
        if (bindings[0]) this.functionBindings.set(unwrap(init), bindings[0]);
      } else if (declarator.id.type === "Identifier" && init && wrapsFunction(init, 0)) {
        // `const saveX = withAuth(async () => ...)`, `const saveX = persist.bind(null)`: a function by that name.
        this.define(declarator.id);
      } else if (declarator.id.type === "Identifier" && init && unwrap(init).type === "Identifier") {
        // `const saveX = persist`: a function by that name when `persist` is one (known after the walk).
        this.pendingAliases.push({ name: declarator.id, target: unwrap(init), scope });
      }
    }
  }

  /** Declares every identifier of a binding pattern with its path; visits defaults and computed keys. */
  private declarePattern(
    pattern: Node,
    parent: Node,
    scope: Scope,
    kind: BindingKind,
    extra: DeclarationInfo,
    path: readonly PathStep[],
    out: Binding[] = [],
  ): Binding[] {
    setParent(pattern, parent);
    switch (pattern.type) {
      case "Identifier":
        out.push(this.declare(pattern, scope, kind, extra, path));
        break;
      case "ObjectPattern":
        for (const prop of pattern.properties as Node[]) {
          setParent(prop, pattern);
          if (prop.type === "RestElement") {
            this.declarePattern(prop.argument, prop, scope, kind, extra, [...path, null], out);
            continue;
          }
          if (prop.computed) this.visit(prop.key, prop, scope);
          else prop.key.parent = prop;
          const key = staticKeyName(prop.key, prop.computed) ?? null;
          this.declarePattern(prop.value, prop, scope, kind, extra, [...path, key], out);
        }
        break;
      case "ArrayPattern":
        (pattern.elements as (Node | null)[]).forEach((element, index) => {
          if (element) this.declarePattern(element, pattern, scope, kind, extra, [...path, element.type === "RestElement" ? null : index], out);
        });
        break;
      case "AssignmentPattern":
        this.visit(pattern.right, pattern, scope);
        this.declarePattern(pattern.left, pattern, scope, kind, extra, path, out);
        break;
      case "RestElement":
        this.declarePattern(pattern.argument, pattern, scope, kind, extra, path, out);
        break;
      default:
        // Assignment targets in patterns (`[a.b] = x`) and anything unusual: plain expressions.
        this.visit(pattern, parent, scope);
    }
    return out;
  }

  private visitAssignment(node: Node, scope: Scope): void {
    this.visit(node.right, node, scope);
    const left = node.left as Node;
    const target = unwrap(left);
    if (target.type === "Identifier") {
      setParent(left, node);
      setParent(target, left === target ? node : left);
      this.pendingAssignments.push({ target, scope, value: node.operator === "=" ? node.right : undefined });
      return;
    }
    if (target.type === "MemberExpression") {
      this.visit(left, node, scope);
      const object = unwrap(target.object);
      if (object.type === "Identifier") this.pendingMutations.push({ member: target, target: object, scope });
      if (object.type === "ThisExpression" && !target.computed) this.addClassMember(enclosingClass(node), target.property.name, node.right);
      // `exports.save = function () {}`, `module.exports.save = () => {}`, `this.save = ...`
      if (!target.computed && (isFunction(unwrap(node.right)) || wrapsFunction(node.right, 0))) this.define(target.property);
      else if (!target.computed && unwrap(node.right).type === "Identifier") this.pendingAliases.push({ name: target.property, target: unwrap(node.right), scope });
      return;
    }
    this.markPatternAssigned(left, node, scope);
  }

  /** `[a, b] = pair`, `({ a } = obj)`: the identifiers are reassigned to unknown values. */
  private markPatternAssigned(pattern: Node, parent: Node, scope: Scope): void {
    setParent(pattern, parent);
    switch (pattern.type) {
      case "Identifier":
        this.pendingAssignments.push({ target: pattern, scope, value: undefined });
        return;
      case "ObjectPattern":
        for (const prop of pattern.properties as Node[]) {
          if (prop.type === "RestElement") this.markPatternAssigned(prop.argument, prop, scope);
          else {
            if (prop.computed) this.visit(prop.key, prop, scope);
            this.markPatternAssigned(prop.value, prop, scope);
          }
        }
        return;
      case "ArrayPattern":
        for (const element of pattern.elements as (Node | null)[]) if (element) this.markPatternAssigned(element, pattern, scope);
        return;
      case "AssignmentPattern":
        this.visit(pattern.right, pattern, scope);
        this.markPatternAssigned(pattern.left, pattern, scope);
        return;
      case "RestElement":
        this.markPatternAssigned(pattern.argument, pattern, scope);
        return;
      default:
        this.visit(pattern, parent, scope);
    }
  }

  /** `Object.assign(target, ...)` with a variable target extends that variable's object. */
  private noteObjectAssign(call: Node, scope: Scope): void {
    const callee = unwrap(call.callee);
    if (callee.type !== "MemberExpression" || callee.computed) return;
    const object = unwrap(callee.object);
    if (object.type !== "Identifier" || object.name !== "Object" || callee.property.name !== "assign") return;
    const first = call.arguments[0] as Node | undefined;
    const target = first ? unwrap(first) : undefined;
    if (target?.type === "Identifier") this.pendingAssignCalls.push({ call, target, scope });
  }
}
