/**
 * CallFacts: every call, reported at its callee, with the callee's paths (paths.ts: as written,
 * through aliases and imports; a method of an HTTP client instance also by its module-level path,
 * sinks.ts), its arguments folded (fold.ts) and keyword arguments by name: for the calls some
 * matcher reads the arguments of (FactRequest.callArguments; the others have none).
 *
 * `new`: Python has no `new`; a class is called like a function. A call whose callee (as written
 * or through an alias) ends in a CapWords name (`OpenAI()`, `httpx.Client()`, `O()` for
 * `from openai import OpenAI as O`) counts as `new: true`, so a rule written for
 * `new OpenAI()` matches the Python `OpenAI()` too; every other call is `new: false`.
 */
import type { CallFact, FactRequest, FoldedValue } from "../../../core/types.js";
import { wantsArguments } from "../../fact-interest.js";
import type { CallSite } from "../scope.js";
import { argumentsOf, spanOf } from "../syntax.js";
import type { Evaluator } from "../values.js";
import { foldValue } from "./fold.js";
import type { PathResolver } from "./paths.js";
import { clientShortcut } from "./sinks.js";

/** A class name: a capital first letter and a lower-case letter somewhere (not an ALL_CAPS constant). */
const CLASS_NAME = /^_*[A-Z][A-Za-z0-9_]*[a-z][A-Za-z0-9_]*$/;

export function callFacts(sites: readonly CallSite[], resolver: PathResolver, evaluator: Evaluator, request?: FactRequest): CallFact[] {
  const facts: CallFact[] = [];
  for (const { call, scope } of sites) {
    const resolved = resolver.calleePaths(call, scope);
    if (resolved.paths.length === 0) continue;
    const callee = [...resolved.paths];
    for (const path of resolved.paths) {
      const shortcut = clientShortcut(path);
      if (shortcut && !callee.includes(shortcut)) callee.push(shortcut);
    }
    const isNew = callee.some((path) => CLASS_NAME.test(path.slice(path.lastIndexOf(".") + 1)));
    // Folded only for the calls some matcher reads the arguments of (FactRequest.callArguments).
    const args = wantsArguments(request, callee) ? argumentsOf(call) : undefined;
    const keywords: Record<string, FoldedValue> = {};
    for (const [name, { value }] of args?.keywords ?? []) keywords[name] = foldValue(value, scope, evaluator, resolver);
    facts.push({
      kind: "call",
      callee,
      new: isNew,
      args: args ? args.positional.map((arg) => foldValue(arg, scope, evaluator, resolver)) : [],
      ...(args && args.keywords.size > 0 ? { keywords } : {}),
      span: spanOf(call.firstChild!),
      ...(resolved.via.length > 0 ? { via: resolved.via } : {}),
    });
  }
  return facts;
}
