/**
 * Supabase query chains: `X.from(T)` and every method chained after it (directly or through a
 * variable the chain is stored in). Emits the table, the written keys of insert/update/upsert,
 * the columns named by select text and filters; reads.ts follows the response's data.
 */
import { type Access, NAME_HOLE, type Span } from "../../core/types.js";
import { isUseful, TableRef } from "./constants.js";
import { type CallSink, COLUMN_WRITE_METHODS, type DefinitionSink, type MethodSink, type OptionsSink, ROW_DELETE_METHODS, TABLE_SINKS, type TableSink } from "./sinks.js";
import { addQueryFact, type Context, type Query } from "./context.js";
import { calleeMember, enclosingFunction, isFunction, memberName, type Node, outerParent, propertyValue, staticKeyName, unwrap } from "./ast.js";
import { literalText } from "./embedded.js";
import { callSitesOf } from "./model.js";
import { traceResponses } from "./reads.js";
import { parseSelect } from "../postgrest-select.js";
import { collectWrites } from "./writes.js";

/** `X.from(...)` on these is not a database table (Array.from("..."), Buffer.from("...")...). */
const NOT_TABLE_RECEIVERS = new Set([
  "Array",
  "Buffer",
  "Object",
  "Set",
  "Map",
  "WeakMap",
  "WeakSet",
  "Promise",
  "Iterator",
  "AsyncIterator",
  "Readable",
  "Observable",
  "String",
  "Int8Array",
  "Uint8Array",
  "Uint8ClampedArray",
  "Int16Array",
  "Uint16Array",
  "Int32Array",
  "Uint32Array",
  "Float16Array",
  "Float32Array",
  "Float64Array",
  "BigInt64Array",
  "BigUint64Array",
  "console",
  // supabase.storage.from("bucket") names a storage bucket, not a table.
  "storage",
]);

/** Methods whose first argument is a filter column (supabase-js). */
const FILTER_METHODS = new Set([
  "eq", "neq", "gt", "gte", "lt", "lte", "like", "ilike", "is", "in", "contains", "containedBy", "overlaps",
  "rangeGt", "rangeGte", "rangeLt", "rangeLte", "rangeAdjacent", "textSearch", "order", "filter", "not",
  "likeAllOf", "likeAnyOf", "ilikeAllOf", "ilikeAnyOf",
]);

const METHOD_SINKS = new Map<string, MethodSink>();
for (const sink of TABLE_SINKS) if (sink.form === "method") for (const method of sink.methods) METHOD_SINKS.set(method, sink);
const CALL_SINKS = TABLE_SINKS.filter((s): s is CallSink => s.form === "call");
const DEFINITION_SINKS = TABLE_SINKS.filter((s): s is DefinitionSink => s.form === "definition");
const OPTIONS_SINKS = TABLE_SINKS.filter((s): s is OptionsSink => s.form === "options");

/** A call that names a table, by one of the TABLE_SINKS rows. */
interface SinkCall {
  sink: TableSink;
  call: Node;
  /** The node holding the table name. */
  argument: Node;
  /** The value the query runs on (for client origins), if any. */
  receiver: Node | undefined;
  /** Where the table fact is reported. */
  span: Span;
}

export function extractQueries(ctx: Context): void {
  for (const call of ctx.model.calls) {
    const found = sinkCall(ctx, call);
    if (!found) continue;
    const { sink, argument, receiver, span } = found;
    const names = ctx.constants.alternatives(argument).filter(isUseful).map(withoutAlias);
    const value = ctx.constants.value(argument);
    if (sink.form === "method" && sink.tableObjectOnly && !(value instanceof TableRef)) continue;
    const query: Query = {
      id: ctx.nextQuery++,
      clients: receiver ? ctx.origins.of(receiver) : [],
      calls: precedingCalls(call),
      responses: [],
      responsePatterns: [],
      ...(value instanceof TableRef && value.columns.size > 0 ? { columns: value.columns } : {}),
    };
    if (sink.form === "method" || sink.form === "call") followChain(ctx, call, query, new Set());
    const access: Access =
      sink.access !== "chain" ? sink.access : query.calls.some((c) => isWrite(methodName(ctx, c))) ? "write" : "read";
    for (const table of names) addQueryFact(ctx, query, "table", table, access, span);
    for (const method of query.calls) extractMethod(ctx, query, method);
    traceResponses(ctx, query);
  }
}

function sinkCall(ctx: Context, call: Node): SinkCall | undefined {
  const first = call.arguments[0] as Node | undefined;
  if (!first || first.type === "SpreadElement") return undefined;
  const method = resolvedMethod(ctx, call);
  const callee = unwrap(call.callee);
  const calleeName = !method && callee.type === "Identifier" ? callee.name : undefined;
  for (const sink of OPTIONS_SINKS) {
    const named = method ? sink.methods?.includes(method.name) : calleeName !== undefined && sink.callees?.includes(calleeName);
    if (!named || (sink.event !== undefined && ctx.constants.strings(first)?.[0] !== sink.event)) continue;
    const options = call.arguments[sink.argument] ? unwrap(call.arguments[sink.argument]) : undefined;
    const table = options?.type === "ObjectExpression" ? propertyValue(options, sink.property) : undefined;
    if (table) return { sink, call, argument: table, receiver: method?.receiver, span: { start: table.start, end: table.end } };
  }
  if (method) {
    const sink = METHOD_SINKS.get(method.name);
    if (!sink || (sink.arity !== undefined && call.arguments.length !== sink.arity) || isNotTableReceiver(ctx, method.receiver)) return undefined;
    return { sink, call, argument: first, receiver: method.receiver, span: { start: method.nameStart, end: call.end } };
  }
  if (calleeName === undefined) return undefined;
  for (const sink of DEFINITION_SINKS) {
    if (sink.callees.includes(calleeName)) return { sink, call, argument: first, receiver: undefined, span: { start: first.start, end: first.end } };
  }
  // `knex("t")`, or `db("t")` where `const db = knex(config)`: a name, never a function or an object literal.
  const kind = unwrap(first).type;
  if (kind === "ObjectExpression" || kind === "ArrowFunctionExpression" || kind === "FunctionExpression" || kind === "ArrayExpression") return undefined;
  const origins = [calleeName, ...ctx.origins.of(callee)];
  for (const sink of CALL_SINKS) {
    if (origins.some((name) => sink.callees.includes(name))) {
      return { sink, call, argument: first, receiver: callee, span: { start: callee.start, end: call.end } };
    }
  }
  return undefined;
}

/**
 * The method a call invokes and its receiver: `x.m()`, `x["m"]()`, `x[M.name]()` with a constant
 * key, and `f()` where `const f = x.m.bind(x)`.
 */
function resolvedMethod(ctx: Context, call: Node): { name: string; receiver: Node; nameStart: number } | undefined {
  let callee = unwrap(call.callee);
  if (callee.type === "Identifier") {
    const binding = ctx.model.bindingOf(callee);
    const init = binding?.kind === "const" && binding.path.length === 0 && binding.init ? unwrap(binding.init) : undefined;
    const bound = init?.type === "CallExpression" ? calleeMember(init) : undefined;
    if (!bound || memberName(bound) !== "bind") return undefined;
    const target = unwrap(bound.object);
    if (target.type !== "MemberExpression") return undefined;
    const name = memberMethodName(ctx, target);
    return name === undefined ? undefined : { name, receiver: target.object, nameStart: callee.start };
  }
  if (callee.type !== "MemberExpression") return undefined;
  const name = methodName(ctx, call);
  return name === undefined ? undefined : { name, receiver: callee.object, nameStart: callee.property.start };
}

/** The name of the method a call invokes, a computed constant key included (`x[M.from](...)`). */
function methodName(ctx: Context, call: Node): string | undefined {
  const member = calleeMember(call);
  return member ? memberMethodName(ctx, member) : undefined;
}

function memberMethodName(ctx: Context, member: Node): string | undefined {
  const name = memberName(member);
  if (name !== undefined || !member.computed) return name;
  const keys = ctx.constants.strings(member.property);
  return keys?.length === 1 && !keys[0]!.includes(NAME_HOLE) ? keys[0] : undefined;
}

/** `db.insert(row).into("t")`: the builder calls before the sink belong to the same query. */
function precedingCalls(call: Node): Node[] {
  const calls: Node[] = [];
  let current = calleeMember(call) ? unwrap(calleeMember(call)!.object) : undefined;
  while (current?.type === "CallExpression" && calleeMember(current)) {
    calls.unshift(current);
    current = unwrap(calleeMember(current)!.object);
  }
  return calls;
}

/** kysely / knex accept `"t as alias"`: the table is the part before the alias. */
function withoutAlias(names: readonly string[]): readonly string[] {
  return names.map((name) => name.replace(/\s+as\s+[A-Za-z0-9_$]+\s*$/i, "").trim());
}

function isWrite(name: string | undefined): boolean {
  return name !== undefined && (COLUMN_WRITE_METHODS.has(name) || ROW_DELETE_METHODS.has(name));
}

function isNotTableReceiver(ctx: Context, receiver: Node): boolean {
  const n = unwrap(receiver);
  if (n.type === "Identifier") {
    if (NOT_TABLE_RECEIVERS.has(n.name)) return true;
    // `const bucket = admin.storage; bucket.from("avatars")`
    const binding = ctx.model.bindingOf(n);
    const init = binding?.kind === "const" && binding.path.length === 0 && binding.init ? unwrap(binding.init) : undefined;
    return init?.type === "MemberExpression" && isNotTableReceiver(ctx, init);
  }
  if (n.type === "MemberExpression") {
    const name = memberName(n);
    return name !== undefined && NOT_TABLE_RECEIVERS.has(name);
  }
  return false;
}

/**
 * Collects the calls chained on `start` (a value that is the query builder), continuing through a
 * variable the chain is stored in and through same-file functions that return it.
 */
function followChain(ctx: Context, start: Node, query: Query, seen: Set<Node>): void {
  let current = start;
  for (;;) {
    const { parent, child } = outerParent(current);
    if (parent?.type !== "MemberExpression" || parent.object !== child) break;
    const outer = outerParent(parent);
    if (outer.parent?.type !== "CallExpression" || outer.parent.callee !== outer.child) break;
    if (memberName(parent) === "then") {
      const callback = outer.parent.arguments[0] as Node | undefined;
      const param = callback && isFunction(unwrap(callback)) ? (unwrap(callback).params[0] as Node | undefined) : undefined;
      if (param) query.responsePatterns.push(param);
      return;
    }
    query.calls.push(outer.parent);
    current = outer.parent;
  }
  const { parent, child } = outerParent(current);
  if (!parent) return;
  if (parent.type === "AwaitExpression") {
    query.responses.push(parent);
  } else if (parent.type === "VariableDeclarator" && parent.init === child && parent.id.type === "Identifier") {
    for (const ref of ctx.model.bindingOf(parent.id)?.refs ?? []) {
      if (seen.has(ref)) continue;
      seen.add(ref);
      followChain(ctx, ref, query, seen);
    }
  } else if (parent.type === "ReturnStatement" || (parent.type === "ArrowFunctionExpression" && parent.body === child)) {
    const fn = parent.type === "ReturnStatement" ? enclosingFunction(parent) : parent;
    if (!fn || seen.has(fn)) return;
    seen.add(fn);
    for (const call of callSitesOf(ctx.model, fn)) followChain(ctx, call, query, seen);
  }
}

function extractMethod(ctx: Context, query: Query, call: Node): void {
  const name = methodName(ctx, call);
  if (name === undefined) return;
  const first = call.arguments[0] as Node | undefined;
  if (!first) return;
  if (COLUMN_WRITE_METHODS.has(name)) {
    // knex `update("col", value)`: the column by name.
    const column = call.arguments.length >= 2 ? ctx.constants.strings(first) : undefined;
    if (isUseful(column)) addQueryFact(ctx, query, "column", column, "write", { start: first.start, end: first.end });
    else collectWrites(ctx, first, (names, span) => addQueryFact(ctx, query, "column", names.map((n) => query.columns?.get(n) ?? n), "write", span));
  } else if (name === "select") {
    selectColumns(ctx, query, first);
  } else if (name === "match") {
    const object = unwrap(first);
    if (object.type !== "ObjectExpression") return;
    for (const prop of object.properties as Node[]) {
      const key = prop.type === "Property" ? staticKeyName(prop.key, prop.computed) : undefined;
      if (key !== undefined) addQueryFact(ctx, query, "column", [key], "read", { start: prop.key.start, end: prop.key.end });
    }
  } else if (FILTER_METHODS.has(name)) {
    filterColumn(ctx, query, first);
  }
}

/** The literal's content as written (raw, so offsets are the document's), or undefined. */
function literalContent(ctx: Context, node: Node): { text: string; offset: number } | undefined {
  const n = unwrap(node);
  // A template with interpolations is not a literal here (literalText would blank them).
  if (n.type === "TemplateLiteral" && n.expressions.length > 0) return undefined;
  return literalText(ctx.text, n);
}

/** A select list named directly or through a constant bound to a literal. */
function selectLiteral(ctx: Context, node: Node): { text: string; offset: number } | undefined {
  const direct = literalContent(ctx, node);
  if (direct) return direct;
  const n = unwrap(node);
  if (n.type !== "Identifier") return undefined;
  const binding = ctx.model.bindingOf(n);
  if (!binding?.init || binding.path.length > 0 || (binding.kind !== "const" && binding.reassigned)) return undefined;
  return literalContent(ctx, binding.init);
}

function selectColumns(ctx: Context, query: Query, argument: Node): void {
  const literal = selectLiteral(ctx, argument);
  if (!literal) return;
  for (const item of parseSelect(literal.text)) {
    const span = { start: literal.offset + item.start, end: literal.offset + item.end };
    addQueryFact(ctx, query, item.kind === "relation" ? "table" : "column", [item.name], "read", span);
  }
}

/** `.eq("col", v)`, `.order("col->>key")`, `.eq("rel.col", v)`: the column's characters. */
function filterColumn(ctx: Context, query: Query, argument: Node): void {
  const literal = literalContent(ctx, argument);
  if (!literal) {
    const name = ctx.constants.strings(argument);
    if (isUseful(name)) addQueryFact(ctx, query, "column", name, "read", { start: argument.start, end: argument.end });
    return;
  }
  const match = /^\s*(?:[A-Za-z0-9_$]+\.)?([A-Za-z0-9_$]+)/.exec(literal.text);
  if (!match?.[1]) return;
  const start = literal.offset + match[0].length - match[1].length;
  addQueryFact(ctx, query, "column", [match[1]], "read", { start, end: start + match[1].length });
}
