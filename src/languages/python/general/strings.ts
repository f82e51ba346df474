/**
 * StringFacts:
 *   - every string literal and f-string (implicitly concatenated parts are one), its own folded
 *     value, role "other"; and the outermost expression a literal is built into (`BASE + "/v1"`,
 *     `"%s/v1" % BASE`, `"{}/v1".format(BASE)`, embedded.ts stringRoot), folded, role "other";
 *   - the URL argument of each HTTP call (sinks.ts: requests, httpx, aiohttp, urllib, urllib3,
 *     http.client; module functions and client instances), folded through constants, role "url";
 *     a client made with a base URL (`httpx.Client(base_url=B)`, `HTTPSConnection(host)`)
 *     prefixes it to the URLs its methods are given;
 *   - each text embedded.ts reads as SQL, folded, role "sql".
 * Reported at the literal or the argument.
 */
import type { SyntaxNode } from "@lezer/common";
import { NAME_HOLE, type StringFact } from "../../../core/types.js";
import type { CallSite, ModuleIndex, Scope } from "../scope.js";
import { stringRoot } from "../embedded.js";
import { argumentsOf, spanOf } from "../syntax.js";
import type { Evaluator } from "../values.js";
import type { StringFilter } from "../../fact-interest.js";
import type { PathResolver } from "./paths.js";
import { baseUrlOf, type UrlArgument, urlArgumentOf } from "./sinks.js";

/** A text embedded.ts handed to the SQL adapter: the expression it came from. */
export interface SqlSource {
  node: SyntaxNode;
  scope: Scope;
}

const MAX_CANDIDATES = 64;

/**
 * Only the roles a string matcher looks at are read, and only values it may match are kept
 * (`strings`: a value holding none of its needles is left out, FactRequest.strings).
 */
export function stringFacts(index: ModuleIndex, resolver: PathResolver, evaluator: Evaluator, sql: readonly SqlSource[], strings: StringFilter): StringFact[] {
  const facts: StringFact[] = [];
  const push = (value: readonly string[], role: StringFact["role"], node: SyntaxNode, via?: StringFact["via"]): void => {
    if (strings.keeps(role, value)) facts.push({ kind: "string", value, role, span: spanOf(node), ...(via && via.length > 0 ? { via } : {}) });
  };
  const roots = new Set<number>();
  for (const { node, scope } of strings.wants("other") ? index.strings : []) {
    const value = evaluator.evaluate(node, scope);
    if (value.kind === "str") push(value.candidates, "other", node);
    // The whole expression the literal is built into (`BASE + "/v1"`, `"%s/v1" % BASE`, `"{}".format(B)`), once.
    const root = stringRoot(node);
    if (root.from === node.from && root.to === node.to) continue;
    const key = root.from * 2 ** 24 + root.to;
    if (roots.has(key)) continue;
    roots.add(key);
    const built = evaluator.evaluate(root, scope);
    if (built.kind === "str") push(built.candidates, "other", root);
  }
  for (const site of strings.wants("url") ? index.calls : []) {
    const url = urlFact(site, resolver, evaluator);
    if (url) push(url.value, "url", url.at, url.via);
  }
  const seen = new Set<string>();
  for (const { node, scope } of sql) {
    const key = `${node.from}:${node.to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const value = evaluator.evaluate(node, scope);
    if (value.kind === "str") push(value.candidates, "sql", node);
  }
  return facts;
}

function urlFact({ call, scope }: CallSite, resolver: PathResolver, evaluator: Evaluator): { value: string[]; at: SyntaxNode; via: StringFact["via"] } | undefined {
  const callee = resolver.calleePaths(call, scope);
  const at = urlArgumentOf(callee.paths);
  if (!at) return undefined;
  const arg = argumentOf(call, at);
  if (!arg) return undefined;
  let urls = candidates(arg, scope, evaluator);
  if (at.scheme) urls = urls.map((host) => `${at.scheme}://${host}`);
  if (at.base) {
    const bases = baseUrls(call, scope, resolver, evaluator);
    // A relative URL on a client with a base URL: the base comes first (an absolute one stands alone).
    if (bases.length > 0) urls = urls.flatMap((url) => (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? [url] : bases.map((base) => joinUrl(base, url)))).slice(0, MAX_CANDIDATES);
  }
  if (!urls.some((url) => url.replaceAll(NAME_HOLE, "") !== "")) return undefined;
  return { value: urls, at: arg, via: callee.via };
}

function argumentOf(call: SyntaxNode, at: UrlArgument): SyntaxNode | undefined {
  const args = argumentsOf(call);
  return args.keywords.get(at.keyword)?.value ?? (at.index >= 0 && !args.starred ? args.positional[at.index] : undefined);
}

function candidates(node: SyntaxNode, scope: Scope, evaluator: Evaluator): string[] {
  const value = evaluator.evaluate(node, scope);
  return value.kind === "str" ? value.candidates : [NAME_HOLE];
}

/** The base URLs of the client a method is called on: what its constructor call was given. */
function baseUrls(call: SyntaxNode, scope: Scope, resolver: PathResolver, evaluator: Evaluator): string[] {
  const member = call.firstChild;
  const receiver = member?.name === "MemberExpression" ? member.firstChild : null;
  if (!receiver) return [];
  const bases: string[] = [];
  for (const origin of resolver.origins(receiver, scope)) {
    const at = baseUrlOf(resolver.calleePaths(origin.call, origin.scope).paths);
    const arg = at ? argumentOf(origin.call, at) : undefined;
    if (!at || !arg) continue;
    for (const base of candidates(arg, origin.scope, evaluator)) bases.push(at.scheme ? `${at.scheme}://${base}` : base);
  }
  return bases;
}

function joinUrl(base: string, path: string): string {
  if (path === "") return base;
  return base.endsWith("/") && path.startsWith("/") ? base + path.slice(1) : !base.endsWith("/") && !path.startsWith("/") && !path.startsWith("?") ? `${base}/${path}` : base + path;
}
