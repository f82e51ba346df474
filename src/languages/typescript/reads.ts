/**
 * Column reads through a query's response: `const { data } = await chain`, `res.data`,
 * `data[0]`, `data?.x`, `for (const row of data)`, array callbacks (`data.map((row) => row.x)`),
 * destructuring (`const { integration_x_status } = row`). Only values traced from a query count,
 * so `props.integration_x_status` is never a read.
 */
import { addQueryFact, type Context, type Query } from "./context.js";
import { enclosingFunction, isFunction, memberName, type Node, outerParent, staticKeyName, unwrap } from "./ast.js";
import { callSitesOf, localFunction } from "./model.js";

/** Array methods whose callback's first parameter is an element (a row). */
const ROW_CALLBACKS = new Set([
  "map", "forEach", "filter", "find", "findLast", "findIndex", "findLastIndex", "some", "every", "flatMap", "sort", "toSorted",
]);
/** Array methods that return rows of the array. */
const ROW_RESULTS = new Set(["filter", "find", "findLast", "slice", "sort", "toSorted", "reverse", "toReversed", "at", "flat", "concat"]);
/** Properties of arrays and of every object: never a column. */
const NOT_COLUMNS = new Set([
  ...ROW_CALLBACKS, ...ROW_RESULTS, "length", "reduce", "reduceRight", "includes", "indexOf", "join", "keys", "values",
  "entries", "push", "pop", "shift", "unshift", "splice", "fill", "toString", "valueOf", "then", "constructor",
]);

export function traceResponses(ctx: Context, query: Query): void {
  if (query.responses.length === 0 && query.responsePatterns.length === 0) return;
  const tracer = new DataTracer(ctx, query);
  for (const response of query.responses) tracer.response(response);
  for (const pattern of query.responsePatterns) tracer.responsePattern(pattern);
}

class DataTracer {
  private readonly seen = new Set<Node>();

  constructor(
    private readonly ctx: Context,
    private readonly query: Query,
  ) {}

  /** `expr` is the response object `{ data, error, count }`. */
  response(expr: Node): void {
    const { parent, child } = outerParent(expr);
    if (!parent) return;
    if (parent.type === "VariableDeclarator" && parent.init === child) this.responsePattern(parent.id);
    else if (parent.type === "MemberExpression" && parent.object === child && memberName(parent) === "data") this.data(parent);
  }

  responsePattern(pattern: Node): void {
    const p = pattern.type === "AssignmentPattern" ? pattern.left : pattern;
    if (p.type === "Identifier") {
      for (const ref of this.ctx.model.bindingOf(p)?.refs ?? []) {
        const { parent, child } = outerParent(ref);
        if (parent?.type === "MemberExpression" && parent.object === child && memberName(parent) === "data") this.data(parent);
      }
    } else if (p.type === "ObjectPattern") {
      for (const prop of p.properties as Node[]) {
        if (prop.type === "Property" && staticKeyName(prop.key, prop.computed) === "data") this.bindData(prop.value);
      }
    }
  }

  /** `expr` evaluates to query data: rows, one row, or a nested relation of a row. */
  private data(expr: Node): void {
    if (this.seen.has(expr)) return;
    this.seen.add(expr);
    const { parent, child } = outerParent(expr);
    if (!parent) return;
    switch (parent.type) {
      case "MemberExpression":
        if (parent.object === child) this.member(parent);
        return;
      case "VariableDeclarator":
        if (parent.init === child) this.bindData(parent.id);
        return;
      case "ForOfStatement":
        if (parent.right === child && parent.left.type === "VariableDeclaration") this.bindData(parent.left.declarations[0].id);
        return;
      case "LogicalExpression":
      case "ConditionalExpression":
      case "AwaitExpression":
        if (parent.type !== "ConditionalExpression" || parent.test !== child) this.data(parent);
        return;
      case "CallExpression":
        this.argument(parent, child);
        return;
      case "ReturnStatement":
        this.returned(enclosingFunction(parent));
        return;
      case "ArrowFunctionExpression":
        if (parent.body === child) this.returned(parent);
        return;
      default:
    }
  }

  /** A same-file function returns the data: every call of it is the data too (`const org = await getOrg()`). */
  private returned(fn: Node | undefined): void {
    if (!fn || this.seen.has(fn)) return;
    this.seen.add(fn);
    for (const call of callSitesOf(this.ctx.model, fn)) this.data(call);
  }

  /** `data.x`, `data[0]`, `data.map(cb)`. */
  private member(member: Node): void {
    const name = memberName(member);
    if (name === undefined || /^\d+$/.test(name)) {
      this.data(member); // an element
      return;
    }
    const { parent: call, child } = outerParent(member);
    const called = call?.type === "CallExpression" && call.callee === child;
    if (called && ROW_CALLBACKS.has(name)) {
      const callback = call.arguments[0] as Node | undefined;
      const fn = callback ? this.functionOf(callback) : undefined;
      if (fn?.params[0]) this.bindData(fn.params[0]);
      if (fn && name === "sort" && fn.params[1]) this.bindData(fn.params[1]);
    }
    if (called && ROW_RESULTS.has(name)) this.data(call);
    if (NOT_COLUMNS.has(name)) return;
    const property = member.property as Node;
    addQueryFact(this.ctx, this.query, "column", [name], "read", { start: property.start, end: property.end });
  }

  /** Data passed to a same-file function: its parameter holds the data. */
  private argument(call: Node, argument: Node): void {
    const index = (call.arguments as Node[]).indexOf(argument);
    if (index < 0) return;
    const fn = call.callee === argument ? undefined : this.functionOf(call.callee);
    if (fn?.params[index]) this.bindData(fn.params[index]);
  }

  /** An inline function, or a same-file function named by an identifier (`data.map(renderRow)`). */
  private functionOf(node: Node): Node | undefined {
    const n = unwrap(node);
    if (isFunction(n)) return n;
    const binding = n.type === "Identifier" ? this.ctx.model.bindingOf(n) : undefined;
    return binding ? localFunction(binding) : undefined;
  }

  /** A pattern bound to data: each destructured key is a column read. */
  private bindData(pattern: Node): void {
    switch (pattern.type) {
      case "Identifier":
        for (const ref of this.ctx.model.bindingOf(pattern)?.refs ?? []) this.data(ref);
        return;
      case "ObjectPattern":
        for (const prop of pattern.properties as Node[]) {
          if (prop.type === "RestElement") {
            this.bindData(prop.argument);
            continue;
          }
          const name = staticKeyName(prop.key, prop.computed);
          if (name !== undefined && !NOT_COLUMNS.has(name)) {
            addQueryFact(this.ctx, this.query, "column", [name], "read", { start: prop.key.start, end: prop.key.end });
          }
          const value = prop.value.type === "AssignmentPattern" ? prop.value.left : prop.value;
          // A nested pattern destructures a related row; a plain name holds a column's value.
          if (value.type === "ObjectPattern" || value.type === "ArrayPattern") this.bindData(value);
        }
        return;
      case "ArrayPattern":
        for (const element of pattern.elements as (Node | null)[]) if (element) this.bindData(element);
        return;
      case "AssignmentPattern":
        this.bindData(pattern.left);
        return;
      case "RestElement":
        this.bindData(pattern.argument);
        return;
      case "TSParameterProperty":
        this.bindData(pattern.parameter);
        return;
      default:
    }
  }
}
