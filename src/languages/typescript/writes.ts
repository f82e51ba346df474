/**
 * Keys of the object(s) handed to insert/update/upsert: literal, quoted and computed keys, arrays
 * of rows, objects built in a variable first, spreads, `Object.assign`, `obj[key] = v` / `obj.key = v`
 * mutations, values returned by same-file helpers and arguments of same-file callers.
 */
import type { Span } from "../../core/types.js";
import { isUseful } from "./constants.js";
import type { Context } from "./context.js";
import { isFunction, memberName, type Node, outerParent, staticKeyName, unwrap, unwrapAwait } from "./ast.js";
import { type Binding, callSitesOf, localFunction } from "./model.js";

/** Array methods whose callback builds the rows: `rows.map((r) => ({ ... }))`. */
const ROW_BUILDERS = new Set(["map", "flatMap"]);

export type EmitColumn = (name: readonly string[], span: Span) => void;

export function collectWrites(ctx: Context, node: Node, emit: EmitColumn, seen: Set<Node | Binding> = new Set()): void {
  const n = unwrapAwait(node);
  if (seen.has(n)) return;
  seen.add(n);
  switch (n.type) {
    case "ObjectExpression":
      for (const prop of n.properties as Node[]) {
        if (prop.type === "SpreadElement") collectWrites(ctx, prop.argument, emit, seen);
        else if (prop.type === "Property") emitKey(ctx, prop.key, prop.computed, emit);
      }
      return;
    case "ArrayExpression":
      for (const element of n.elements as (Node | null)[]) {
        if (element) collectWrites(ctx, element.type === "SpreadElement" ? element.argument : element, emit, seen);
      }
      return;
    case "Identifier": {
      const binding = ctx.model.bindingOf(n);
      if (binding && !seen.has(binding)) {
        seen.add(binding);
        collectFromBinding(ctx, binding, emit, seen);
      }
      return;
    }
    case "CallExpression":
      collectFromCall(ctx, n, emit, seen);
      return;
    case "ConditionalExpression":
      collectWrites(ctx, n.consequent, emit, seen);
      collectWrites(ctx, n.alternate, emit, seen);
      return;
    case "LogicalExpression":
      collectWrites(ctx, n.left, emit, seen);
      collectWrites(ctx, n.right, emit, seen);
      return;
    default:
  }
}

function emitKey(ctx: Context, key: Node, computed: boolean, emit: EmitColumn): void {
  const name = computed ? ctx.constants.strings(key) : [staticKeyName(key, false) ?? ""];
  if (isUseful(name)) emit(name, { start: key.start, end: key.end });
}

function collectFromBinding(ctx: Context, binding: Binding, emit: EmitColumn, seen: Set<Node | Binding>): void {
  if (binding.kind === "param") {
    // `function save(values) { db.from(t).update(values) }`: what callers in this file pass.
    if (!binding.fn || binding.path.length > 0) return;
    for (const call of callSitesOf(ctx.model, binding.fn)) {
      const argument = call.arguments[binding.paramIndex] as Node | undefined;
      if (argument && argument.type !== "SpreadElement") collectWrites(ctx, argument, emit, seen);
    }
    return;
  }
  if (binding.kind !== "const" && binding.kind !== "let" && binding.kind !== "var") return;
  if (binding.init && binding.path.length === 0) collectWrites(ctx, binding.init, emit, seen);
  for (const value of binding.assigned) collectWrites(ctx, value, emit, seen);
  for (const member of binding.mutations) {
    const property = member.property as Node;
    emitKey(ctx, property, member.computed, emit);
  }
  for (const call of binding.assignCalls) {
    for (const argument of (call.arguments as Node[]).slice(1)) {
      if (argument.type !== "SpreadElement") collectWrites(ctx, argument, emit, seen);
    }
  }
  for (const ref of binding.refs) collectFromHelperMutation(ctx, ref, emit, seen);
}

/** lodash-style helpers that write a key of their first argument: `set(row, key, v)`, `merge(row, {...})`. */
const PATH_SETTERS = new Set(["set", "setWith"]);
const OBJECT_MERGERS = new Set(["merge", "mergeWith", "assign", "defaults", "extend", "assignIn"]);
const LODASH_OBJECTS = new Set(["_", "lodash", "R"]);

function collectFromHelperMutation(ctx: Context, ref: Node, emit: EmitColumn, seen: Set<Node | Binding>): void {
  const { parent, child } = outerParent(ref);
  if (parent?.type !== "CallExpression" || parent.arguments[0] !== child) return;
  const callee = unwrap(parent.callee);
  let name: string | undefined;
  if (callee.type === "Identifier") name = callee.name;
  else if (callee.type === "MemberExpression" && unwrap(callee.object).type === "Identifier" && LODASH_OBJECTS.has(unwrap(callee.object).name)) {
    name = memberName(callee);
  }
  if (name === undefined) return;
  const second = parent.arguments[1] as Node | undefined;
  if (!second || second.type === "SpreadElement") return;
  if (PATH_SETTERS.has(name)) emitKey(ctx, second, true, emit);
  else if (OBJECT_MERGERS.has(name)) {
    for (const argument of (parent.arguments as Node[]).slice(1)) if (argument.type !== "SpreadElement") collectWrites(ctx, argument, emit, seen);
  }
}

function collectFromCall(ctx: Context, call: Node, emit: EmitColumn, seen: Set<Node | Binding>): void {
  const callee = unwrap(call.callee);
  const global = callee.type === "MemberExpression" && unwrap(callee.object).type === "Identifier" ? unwrap(callee.object).name : undefined;
  if (global === "Object") {
    const name = memberName(callee);
    if (name === "assign" || name === "freeze") {
      for (const argument of call.arguments as Node[]) if (argument.type !== "SpreadElement") collectWrites(ctx, argument, emit, seen);
    }
    // `Object.fromEntries(PROVIDERS.map((p) => [\`integration_${p}_status\`, v]))`: the entries' keys.
    if (name === "fromEntries" && call.arguments[0]) collectEntryKeys(ctx, call.arguments[0], emit, seen);
    return;
  }
  // `body: JSON.stringify(row)` (PostgREST over HTTP): the row's keys.
  if (global === "JSON" && memberName(callee) === "stringify" && call.arguments[0]) {
    collectWrites(ctx, call.arguments[0], emit, seen);
    return;
  }
  // `rows.map((r) => ({ ... }))`: the rows the callback returns.
  if (callee.type === "MemberExpression" && ROW_BUILDERS.has(memberName(callee) ?? "")) {
    const callback = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
    if (callback && isFunction(callback)) for (const value of ctx.model.returnsOf(callback)) collectWrites(ctx, value, emit, seen);
    return;
  }
  if (callee.type !== "Identifier") return;
  // A same-file helper that builds the row: `update(buildRow(status))`.
  const binding = ctx.model.bindingOf(callee);
  const fn = binding ? localFunction(binding) : undefined;
  if (fn) for (const value of ctx.model.returnsOf(fn)) collectWrites(ctx, value, emit, seen);
}

/** Keys of `[key, value]` entries: an array literal of them, or an array callback returning one. */
function collectEntryKeys(ctx: Context, node: Node, emit: EmitColumn, seen: Set<Node | Binding>): void {
  const n = unwrapAwait(node);
  if (seen.has(n)) return;
  seen.add(n);
  if (n.type === "ArrayExpression") {
    for (const element of n.elements as (Node | null)[]) {
      const pair = element ? unwrap(element) : undefined;
      if (pair?.type === "ArrayExpression" && pair.elements[0]) emitKey(ctx, pair.elements[0], true, emit);
    }
  } else if (n.type === "CallExpression") {
    const callee = unwrap(n.callee);
    const callback = n.arguments[0] ? unwrap(n.arguments[0]) : undefined;
    if (callee.type === "MemberExpression" && ROW_BUILDERS.has(memberName(callee) ?? "") && callback && isFunction(callback)) {
      for (const value of ctx.model.returnsOf(callback)) {
        const pair = unwrap(value);
        if (pair.type === "ArrayExpression" && pair.elements[0]) emitKey(ctx, pair.elements[0], true, emit);
      }
    }
  } else if (n.type === "Identifier") {
    const binding = ctx.model.bindingOf(n);
    if (binding?.init && binding.path.length === 0 && (binding.kind === "const" || !binding.reassigned)) collectEntryKeys(ctx, binding.init, emit, seen);
  }
}
