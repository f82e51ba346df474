/** Arguments as the rules see them (core/types.ts FoldedValue): strings through constants, dict keys, paths, calls, plain. */
import type { SyntaxNode } from "@lezer/common";
import type { FoldedValue, ResolvedName } from "../../../core/types.js";
import type { Scope } from "../scope.js";
import type { Evaluator, Value } from "../values.js";
import { type PathResolver, unwrap } from "./paths.js";

const MAX_KEYS = 64;
const MAX_NESTING = 4;

export function foldValue(node: SyntaxNode, scope: Scope, evaluator: Evaluator, resolver: PathResolver): FoldedValue {
  const value = evaluator.evaluate(node, scope);
  const inner = unwrap(node);
  const folded: { value: ResolvedName; keys?: Record<string, ResolvedName>; paths?: string[]; calls?: string[]; callGroups?: string[][]; plain?: boolean } = { value: value.kind === "str" ? value.candidates : [] };
  if (value.kind === "dict") {
    const keys: Record<string, ResolvedName> = {};
    flattenKeys(value, "", keys, 0);
    folded.keys = keys;
  }
  if (inner.name === "VariableName" || inner.name === "MemberExpression") {
    const paths = resolver.paths(inner, scope).paths;
    if (paths.length > 0) folded.paths = paths;
  }
  // The calls whose result the value is: `sanitize(x)`, or `safe = sanitize(x)` ... `f(safe)`.
  const callGroups = resolver.origins(inner, scope).map(({ call, scope: at }) => resolver.calleePaths(call, at).paths);
  const calls = [...new Set(callGroups.flat())];
  if (calls.length > 0) {
    folded.calls = calls;
    folded.callGroups = callGroups;
  }
  if (resolver.hasPlainCandidate(inner, scope)) folded.plain = true;
  return folded;
}

/** `{"headers": {"Authorization": A}}` -> keys["headers"] = [] (not a string), keys["headers.Authorization"] = A's candidates. */
function flattenKeys(value: Extract<Value, { kind: "dict" }>, prefix: string, into: Record<string, ResolvedName>, depth: number): void {
  for (const entry of value.entries) {
    for (const key of entry.key) {
      if (Object.keys(into).length >= MAX_KEYS) return;
      const name = prefix + key;
      const inner = entry.value();
      const candidates = inner.kind === "str" ? inner.candidates : [];
      into[name] = name in into ? [...new Set([...into[name]!, ...candidates])] : candidates;
      if (inner.kind === "dict" && depth < MAX_NESTING) flattenKeys(inner, `${name}.`, into, depth + 1);
    }
  }
}
