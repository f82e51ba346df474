/**
 * Supabase query chains: `X.from(T)` and every method chained after it (directly or through a
 * variable the chain is stored in). Emits the table, the written keys of insert/update/upsert,
 * the columns named by select text and filters; reads.ts follows the response's data.
 */
import { isUseful } from "./constants.js";
import { addQueryFact, type Context, type Query } from "./context.js";
import { calleeMember, enclosingFunction, isFunction, memberName, type Node, outerParent, staticKeyName, unwrap } from "./ast.js";
import { literalText } from "./embedded.js";
import { callSitesOf } from "./model.js";
import { traceResponses } from "./reads.js";
import { parseSelect } from "../postgrest-select.js";
import { collectWrites } from "./writes.js";
import { WRITE_METHODS } from "../token-scan.js";

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
  // supabase.storage.from("bucket") names a storage bucket, not a table.
  "storage",
]);

/** Supabase methods that write a row (tokens.ts reads the same set). */
const DELETE_METHOD = "delete";
const FILTER_METHODS = new Set([
  "eq", "neq", "gt", "gte", "lt", "lte", "like", "ilike", "is", "in", "contains", "containedBy", "overlaps",
  "rangeGt", "rangeGte", "rangeLt", "rangeLte", "rangeAdjacent", "textSearch", "order", "filter", "not",
  "likeAllOf", "likeAnyOf", "ilikeAllOf", "ilikeAnyOf",
]);

export function extractQueries(ctx: Context): void {
  for (const call of ctx.model.calls) {
    const member = calleeMember(call);
    if (!member || memberName(member) !== "from" || call.arguments.length !== 1) continue;
    const argument = call.arguments[0] as Node;
    if (argument.type === "SpreadElement" || isNotTableReceiver(ctx, member.object)) continue;
    const query: Query = {
      id: ctx.nextQuery++,
      clients: ctx.origins.of(member.object),
      calls: [],
      responses: [],
      responsePatterns: [],
    };
    followChain(ctx, call, query, new Set());
    const table = ctx.constants.strings(argument);
    if (isUseful(table)) {
      const access = query.calls.some((c) => isWrite(memberName(calleeMember(c)!))) ? "write" : "read";
      addQueryFact(ctx, query, "table", table, access, { start: member.property.start, end: call.end });
    }
    for (const method of query.calls) extractMethod(ctx, query, method);
    traceResponses(ctx, query);
  }
}

function isWrite(name: string | undefined): boolean {
  return name !== undefined && (WRITE_METHODS.has(name) || name === DELETE_METHOD);
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
  const name = memberName(calleeMember(call)!);
  if (name === undefined) return;
  const first = call.arguments[0] as Node | undefined;
  if (!first) return;
  if (WRITE_METHODS.has(name)) {
    collectWrites(ctx, first, (names, span) => addQueryFact(ctx, query, "column", names, "write", span));
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
