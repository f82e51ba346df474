/**
 * CallFact for every call and `new` expression whose callee is a path (paths.ts: as written,
 * through aliases, destructuring and imports; `a?.b()` is `a.b()`; through a call's result,
 * `getClient().create()` is "getClient.create"). A callee that is no path (an IIFE) gives no
 * fact: no callee pattern could match it. Arguments are
 * folded by values.ts, for the calls some matcher reads the arguments of (FactRequest.callArguments;
 * the others have none). A tagged template (`sql\`…\``) is a call of its tag with the template as its
 * one argument. Reported at the callee.
 */
import type { CallFact, FoldedValue } from "../../../core/types.js";
import { type Node, unwrap } from "../ast.js";
import { wantsArguments } from "../../fact-interest.js";
import type { GeneralContext } from "./context.js";

const SPREAD: FoldedValue = { value: [] };

export function extractCalls(ctx: GeneralContext): void {
  for (const call of ctx.nodes.calls) {
    const callee = unwrap(call.callee);
    if (callee.type === "Super") continue;
    const { paths, via } = ctx.paths.of(callee);
    if (paths.length === 0) continue;
    // Folded only for the calls some matcher reads the arguments of (FactRequest.callArguments).
    const args = wantsArguments(ctx.request, paths) ? (call.arguments as Node[]).map((arg) => (arg.type === "SpreadElement" ? SPREAD : ctx.values.of(arg))) : [];
    const fact: CallFact = { kind: "call", callee: paths, new: call.type === "NewExpression", args, span: { start: callee.start, end: callee.end } };
    if (via.length > 0) fact.via = via;
    ctx.facts.push(fact);
  }
  for (const tagged of ctx.nodes.taggedTemplates) {
    const tag = unwrap(tagged.tag);
    const { paths, via } = ctx.paths.of(tag);
    if (paths.length === 0) continue;
    const args = wantsArguments(ctx.request, paths) ? [ctx.values.of(tagged.quasi)] : [];
    const fact: CallFact = { kind: "call", callee: paths, new: false, args, span: { start: tag.start, end: tag.end } };
    if (via.length > 0) fact.via = via;
    ctx.facts.push(fact);
  }
}
