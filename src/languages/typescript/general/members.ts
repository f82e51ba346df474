/**
 * MemberFact for property accesses (reads, and writes such as `process.env.X = v`: a rule on a
 * path means any use of it):
 *   - the longest member chain only, not its prefixes: `process.env.API_KEY` is one fact;
 *   - a call's callee chain is the call's fact, not also a member fact (`axios.get(u)` is a
 *     CallFact "axios.get"); but the object the method is called on is a member fact when it is a
 *     chain itself (`process.env.X.trim()` gives "process.env.X" at `process.env.X`), a global
 *     (`localStorage.setItem(k, v)` gives "localStorage") or an alias of a chain (`const store =
 *     window.sessionStorage; store.clear()` gives "store", "window.sessionStorage" at `store`);
 *   - destructuring from a path gives one fact per property, at the property:
 *     `const { API_KEY: k, ...rest } = process.env` -> "process.env.API_KEY" at `API_KEY: k`,
 *     "process.env.<NAME_HOLE>" at `...rest`; the destructured chain itself is then no fact;
 *   - through aliases (`const env = process.env; env.X` -> "env.X", "process.env.X"), computed
 *     keys folded (`env[KEY]`), unknown keys as NAME_HOLE (paths.ts);
 *   - chains on a call's result (`getStripe().charges`, `const { data } = await f()`) are left to
 *     the call facts, as in the Python adapter.
 */
import { NAME_HOLE, type MemberFact, type Span, type TraceStep } from "../../../core/types.js";
import { type Node, outerParent, staticKeyName, unwrap, unwrapAwait } from "../ast.js";
import type { GeneralContext } from "./context.js";
import { joinPath, requireSpecifier } from "./paths.js";

export function extractMembers(ctx: GeneralContext): void {
  for (const member of ctx.nodes.members) {
    const { parent, child } = outerParent(member);
    // Not the longest chain: the outer member reports it.
    if (parent?.type === "MemberExpression" && parent.object === child) continue;
    const callee =
      (parent?.type === "CallExpression" || parent?.type === "NewExpression") ? parent.callee === child
      : parent?.type === "TaggedTemplateExpression" && parent.tag === child;
    if (callee) {
      // The callee is the call's fact; the receiver is read here (see receiverRead).
      receiverRead(ctx, unwrap(member.object));
      continue;
    }
    if (isDestructured(parent, child)) continue;
    add(ctx, member, member);
  }
  for (const node of ctx.nodes.destructurings) {
    const pattern = node.type === "VariableDeclarator" ? node.id : node.left;
    const source = unwrapAwait(node.type === "VariableDeclarator" ? node.init : node.right);
    // `const { a } = require("m")` / `await import("m")` names exports: an import (imports.ts), not a read.
    if (source.type === "ImportExpression" || requireSpecifier(ctx.model, source)) continue;
    if (ctx.paths.onCallResult(source)) continue;
    const { paths, via } = ctx.paths.prefixes(source);
    if (paths.length > 0) properties(ctx, pattern, paths, via);
  }
}

/**
 * The object a method is called on: a chain, a global, or a name that aliases a chain is read
 * there. A local or imported name that stands for no chain (`const cart = createStore(); cart.set()`)
 * is no read: the call fact covers it.
 */
function receiverRead(ctx: GeneralContext, receiver: Node): void {
  if (receiver.type === "MemberExpression") return add(ctx, receiver, receiver);
  if (receiver.type !== "Identifier") return;
  const { paths, via } = ctx.paths.of(receiver);
  const global = paths.length === 1 && paths[0] === receiver.name && !ctx.model.bindingOf(receiver) && !ctx.nodes.importEquals.has(receiver.name);
  if (global || paths.some((path) => path.includes("."))) push(ctx, paths, { start: receiver.start, end: receiver.end }, via);
}

function add(ctx: GeneralContext, chain: Node, at: Node): void {
  if (ctx.paths.onCallResult(chain)) return;
  const { paths, via } = ctx.paths.of(chain);
  if (paths.length === 0) return;
  push(ctx, paths, { start: at.start, end: at.end }, via);
}

function push(ctx: GeneralContext, path: readonly string[], span: Span, via: readonly TraceStep[]): void {
  const fact: MemberFact = { kind: "member", path, span };
  if (via.length > 0) fact.via = via;
  ctx.facts.push(fact);
}

/** `const { a } = chain` / `({ a } = chain)`: the chain is read property by property (see properties). */
function isDestructured(parent: Node | undefined, child: Node): boolean {
  if (parent?.type === "VariableDeclarator") return parent.init === child && parent.id.type === "ObjectPattern" && parent.id.properties.length > 0;
  if (parent?.type === "AssignmentExpression") return parent.right === child && parent.left.type === "ObjectPattern" && parent.left.properties.length > 0;
  return false;
}

/** One fact per destructured property (nested patterns go deeper; `...rest` reads every other key). */
function properties(ctx: GeneralContext, pattern: Node, prefixes: readonly string[], via: readonly TraceStep[]): void {
  for (const prop of pattern.properties as Node[]) {
    if (prop.type === "RestElement") {
      push(ctx, prefixes.map((p) => joinPath(p, NAME_HOLE)), { start: prop.start, end: prop.end }, via);
      continue;
    }
    const key = staticKeyName(prop.key, prop.computed) ?? keyCandidate(ctx, prop);
    const paths = prefixes.map((p) => joinPath(p, key));
    const value = prop.value.type === "AssignmentPattern" ? prop.value.left : prop.value;
    if (value.type === "ObjectPattern" && value.properties.length > 0) properties(ctx, value, paths, via);
    else push(ctx, paths, { start: prop.start, end: prop.end }, via);
  }
}

/** `const { [KEY]: v } = env`: the folded key when it is one known string, else NAME_HOLE. */
function keyCandidate(ctx: GeneralContext, prop: Node): string {
  const keys = prop.computed ? ctx.constants.strings(prop.key) : undefined;
  return keys?.length === 1 ? keys[0]! : NAME_HOLE;
}
