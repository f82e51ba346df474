/**
 * MemberFacts: each longest attribute / subscript chain that starts at a name (`os.environ["X"]`
 * -> "os.environ.X"; `a.b.c` of `a.b.c.d` is not a fact of its own), with its paths through
 * aliases (paths.ts). As in TypeScript, a call's callee chain is the call's, but its receiver
 * chain is a member (`os.environ["X"].strip()` -> "os.environ.X"); chains on a call's result
 * (`f().x`) are left to the call facts.
 *
 * Environment reads by call count as the member they read: `os.environ.get("X")`,
 * `os.getenv("X")` (and aliases: `from os import getenv`) have the path "os.environ.X" (the
 * variable folded; unknown: a hole), at the receiver chain (`os.environ`) or, without one, at the
 * callee, so a rule for `os.environ.*` covers every way to read it.
 */
import type { SyntaxNode } from "@lezer/common";
import { type MemberFact, NAME_HOLE } from "../../../core/types.js";
import type { CallSite } from "../scope.js";
import { argumentsOf, spanOf } from "../syntax.js";
import type { Evaluator } from "../values.js";
import type { PathResolver } from "./paths.js";
import type { ScopeFinder } from "./scopes.js";
import { ENVIRONMENT, isEnvironmentRead } from "./sinks.js";
import type { GeneralIndex } from "./walk.js";

export function memberFacts(general: GeneralIndex, calls: readonly CallSite[], resolver: PathResolver, evaluator: Evaluator, scopes: ScopeFinder): MemberFact[] {
  const facts = new Map<number, MemberFact>();
  const keyOf = (node: SyntaxNode) => node.from * 2 ** 24 + node.to;
  for (const chain of general.chains) {
    // A callee chain belongs to its call; its receiver, when it is a chain, is the member read.
    const isCallee = chain.parent?.name === "CallExpression" && chain.parent.firstChild?.from === chain.from && chain.parent.firstChild.to === chain.to;
    const member = isCallee ? chain.firstChild : chain;
    // A method called on a bare name that stands for a module's member (`from sys import argv;
    // argv.pop()`) reads that member, as `sys.argv.pop()` does; a name of the file's own is not a member.
    const aliasReceiver = isCallee && member?.name === "VariableName";
    if (!aliasReceiver && (member?.name !== "MemberExpression" || rootOf(member).name !== "VariableName")) continue;
    const resolved = resolver.paths(member!, scopes.scopeOf(member!));
    if (resolved.paths.length === 0) continue;
    if (aliasReceiver && !resolved.paths.some((path) => path.includes("."))) continue;
    facts.set(keyOf(member!), { kind: "member", path: resolved.paths, span: spanOf(member!), ...(resolved.via.length > 0 ? { via: resolved.via } : {}) });
  }
  for (const { call, scope } of calls) {
    const callee = resolver.calleePaths(call, scope);
    if (!isEnvironmentRead(callee.paths)) continue;
    const first = argumentsOf(call).positional[0] ?? argumentsOf(call).keywords.get("key")?.value;
    const names = first ? evaluator.names(first, scope) : [NAME_HOLE];
    const read = names.map((name) => `${ENVIRONMENT}.${name.includes(".") ? NAME_HOLE : name}`);
    const receiver = call.firstChild?.name === "MemberExpression" ? call.firstChild.firstChild : null;
    // At the receiver when it is a member read of its own (`os.environ`, an alias of it), else at the callee.
    const node = receiver && (receiver.name === "MemberExpression" || facts.has(keyOf(receiver))) ? receiver : call.firstChild!;
    const existing = facts.get(keyOf(node));
    facts.set(keyOf(node), { kind: "member", path: [...new Set([...(existing?.path ?? []), ...read])], span: spanOf(node), ...(callee.via.length > 0 ? { via: callee.via } : {}) });
  }
  return [...facts.values()];
}

/** The innermost object of a chain: `os` of `os.environ["X"].strip`. */
function rootOf(chain: SyntaxNode): SyntaxNode {
  let root = chain;
  while (root.name === "MemberExpression" && root.firstChild) root = root.firstChild;
  return root;
}
