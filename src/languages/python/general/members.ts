/**
 * MemberFacts: each longest attribute / subscript chain that starts at a name (`os.environ["X"]`
 * -> "os.environ.X"; `a.b.c` of `a.b.c.d` is not a fact of its own), with its paths through
 * aliases (paths.ts). Chains on a call's result (`f().x`) are left to the call facts.
 *
 * Environment reads by call count as the member they read: `os.environ.get("X")`,
 * `os.getenv("X")` (and aliases: `from os import getenv`) add the path "os.environ.X" (the
 * variable folded; unknown: a hole), so a rule for `os.environ.*` covers every way to read it.
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
  for (const chain of general.chains) {
    if (rootOf(chain).name !== "VariableName") continue;
    const resolved = resolver.paths(chain, scopes.scopeOf(chain));
    if (resolved.paths.length === 0) continue;
    facts.set(chain.from * 2 ** 24 + chain.to, { kind: "member", path: resolved.paths, span: spanOf(chain), ...(resolved.via.length > 0 ? { via: resolved.via } : {}) });
  }
  for (const { call, scope } of calls) {
    const callee = resolver.calleePaths(call, scope);
    if (!isEnvironmentRead(callee.paths)) continue;
    const first = argumentsOf(call).positional[0] ?? argumentsOf(call).keywords.get("key")?.value;
    const names = first ? evaluator.names(first, scope) : [NAME_HOLE];
    const read = names.map((name) => `${ENVIRONMENT}.${name.includes(".") ? NAME_HOLE : name}`);
    const node = call.firstChild!;
    const key = node.from * 2 ** 24 + node.to;
    const existing = facts.get(key);
    const path = [...new Set([...(existing?.path ?? callee.paths), ...read])];
    facts.set(key, { kind: "member", path, span: spanOf(node), ...(callee.via.length > 0 ? { via: callee.via } : {}) });
  }
  return [...facts.values()];
}

/** The innermost object of a chain: `os` of `os.environ["X"].strip`. */
function rootOf(chain: SyntaxNode): SyntaxNode {
  let root = chain;
  while (root.name === "MemberExpression" && root.firstChild) root = root.firstChild;
  return root;
}
