/**
 * StringFact with role "url" for the URL of each HTTP request (sinks.ts URL_SINKS, by callee path
 * through aliases and imports; CLIENT_METHODS on client instances), folded through constants:
 *   fetch(`${BASE}/v1/chat`), window.fetch(URL), axios({ url }), axios.get(API + "/x"),
 *   fetch(new URL("/v1/chat", "https://api.openai.com")), https.request({ hostname, path }),
 *   const api = axios.create({ baseURL }); api.post("/v1/chat") -> baseURL + "/v1/chat".
 * Reported at the URL argument (or the `url` property of an options object written in the call).
 */
import type { Span, StringFact, TraceStep } from "../../../core/types.js";
import { NAME_HOLE } from "../../../core/types.js";
import { memberName, type Node, propertyValue, unwrap, unwrapAwait } from "../ast.js";
import { isUseful, product } from "../constants.js";
import { BASE_URL_OPTIONS, CLIENT_FACTORIES, CLIENT_METHODS, CLIENT_NAME, URL_SINKS, type UrlSink } from "../sinks.js";
import { constantInit, objectLiteralOf } from "../model.js";
import type { GeneralContext } from "./context.js";
import { joinBaseUrl } from "./values.js";

const SINKS = new Map<string, UrlSink>();
for (const sink of URL_SINKS) for (const callee of sink.callees) if (!SINKS.has(callee)) SINKS.set(callee, sink);
const VERB = /^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/i;
const MAX_DEPTH = 6;

interface Url {
  value: readonly string[];
  /** Where the URL is written (the argument, or the `url` property value of an options literal). */
  at: Node;
  via: TraceStep[];
}

export function extractUrls(ctx: GeneralContext): void {
  for (const call of ctx.nodes.calls) {
    const request = requestOf(ctx, call);
    if (!request) continue;
    const args = call.arguments as Node[];
    let index = request.url;
    if (args[index + 1] && isVerb(ctx, args[index])) index++;
    const argument = args[index];
    if (!argument || argument.type === "SpreadElement") continue;
    const url = urlOf(ctx, argument, 0, request.scheme);
    if (!url) continue;
    const value = request.bases.length > 0 ? combine(request.bases, url.value, joinBaseUrl) : url.value;
    if (!isUseful(value) || !ctx.strings.keeps("url", value)) continue;
    const fact: StringFact = { kind: "string", role: "url", value, span: spanOf(url.at) };
    const via = [...request.via, ...url.via];
    if (via.length > 0) fact.via = via;
    ctx.facts.push(fact);
  }
}

interface Request {
  url: number;
  /** `https.request({ hostname })`: the protocol an options object without `protocol` gets. */
  scheme?: string;
  /** baseURL of the client instance the request goes through, when it has one. */
  bases: readonly string[];
  via: TraceStep[];
}

function requestOf(ctx: GeneralContext, call: Node): Request | undefined {
  const callee = unwrap(call.callee);
  const { paths } = ctx.paths.of(callee);
  for (const path of paths) {
    const sink = SINKS.get(path);
    if (!sink || (sink.new ?? false) !== (call.type === "NewExpression")) continue;
    const scheme = /^(https?)\./.exec(path)?.[1];
    return { url: sink.url, bases: [], via: [], ...(scheme ? { scheme: `${scheme}:` } : {}) };
  }
  if (call.type !== "CallExpression" || callee.type !== "MemberExpression") return undefined;
  const method = memberName(callee);
  if (method === undefined || !CLIENT_METHODS.has(method)) return undefined;
  // `app.get("/path", handler)`: a route, not a request.
  if ((call.arguments as Node[]).some((arg) => arg.type === "ArrowFunctionExpression" || arg.type === "FunctionExpression")) return undefined;
  const instance = clientInstance(ctx, unwrap(callee.object));
  if (instance) return { url: 0, ...instance };
  const receiver = ctx.paths.of(callee.object).paths[0];
  const name = receiver?.slice(receiver.lastIndexOf(".") + 1);
  return name && CLIENT_NAME.test(name) ? { url: 0, bases: [], via: [] } : undefined;
}

/** `const api = axios.create({ baseURL })` (ky.create / ky.extend / got.extend): an instance, with its base URL. */
function clientInstance(ctx: GeneralContext, receiver: Node): { bases: readonly string[]; via: TraceStep[] } | undefined {
  const constant = constantInit(ctx.model, receiver);
  const init = constant && unwrapAwait(constant);
  if (init?.type !== "CallExpression") return undefined;
  const factory = unwrap(init.callee);
  if (factory.type !== "MemberExpression" || !CLIENT_FACTORIES.has(memberName(factory) ?? "")) return undefined;
  const client = ctx.paths.of(factory.object).paths;
  if (!client.some((path) => SINKS.has(path))) return undefined;
  const options = objectLiteralOf(ctx.model, init.arguments[0] as Node | undefined);
  const base = options && BASE_URL_OPTIONS.map((key) => propertyValue(options, key)).find((v) => v !== undefined);
  const bases = base ? ctx.values.strings(base) : [];
  return { bases, via: [{ span: spanOf(ctx.model.bindingOf(receiver)!.id), note: `client made by ${client[client.length - 1]}.${memberName(factory)}` }] };
}

function urlOf(ctx: GeneralContext, node: Node, depth: number, scheme?: string): Url | undefined {
  const n = unwrap(node);
  if (depth > MAX_DEPTH) return undefined;
  const object = objectLiteralOf(ctx.model, n);
  if (object) return optionsUrl(ctx, object, node, depth, scheme);
  // `new Request(url)`; `new URL(path, base)` is resolved by values.ts.
  if (n.type === "NewExpression" && unwrap(n.callee).type === "Identifier" && unwrap(n.callee).name === "Request" && n.arguments[0]) {
    return at(urlOf(ctx, n.arguments[0], depth + 1), node);
  }
  // `url.toString()`, `url.href`: the URL object's value.
  if (n.type === "CallExpression" && unwrap(n.callee).type === "MemberExpression" && memberName(unwrap(n.callee)) === "toString") {
    return at(urlOf(ctx, unwrap(n.callee).object, depth + 1), node);
  }
  if (n.type === "MemberExpression" && memberName(n) === "href") return at(urlOf(ctx, n.object, depth + 1), node);
  if (n.type === "Identifier") {
    const binding = ctx.model.bindingOf(n);
    const init = constantInit(ctx.model, n);
    if (init && (init.type === "NewExpression" || init.type === "ObjectExpression")) {
      const found = urlOf(ctx, init, depth + 1);
      if (found) return { ...found, at: node, via: [constStep(ctx, binding!.id, init), ...found.via] };
    }
    const value = ctx.values.strings(n);
    const via = init && value.length > 0 ? [constStep(ctx, binding!.id, init)] : [];
    return { value, at: node, via };
  }
  return { value: ctx.values.strings(n), at: node, via: [] };
}

/** `{ url }` (axios, ky, got config) or node's `{ protocol, hostname, port, path }`. */
function optionsUrl(ctx: GeneralContext, object: Node, written: Node, depth: number, scheme = `${NAME_HOLE}:`): Url | undefined {
  const url = propertyValue(object, "url");
  if (url) {
    const found = urlOf(ctx, url, depth + 1);
    // Report at the `url` value when the object is written in the call, else at the argument.
    return found && unwrap(written) === object ? found : at(found, written);
  }
  const hostKey = propertyValue(object, "hostname") ? "hostname" : "host";
  if (!propertyValue(object, hostKey)) return undefined;
  const part = (key: string, fallback: string): readonly string[] => {
    const value = propertyValue(object, key);
    const strings = value ? ctx.values.strings(value) : [];
    return strings.length > 0 ? strings : [fallback];
  };
  const port = propertyValue(object, "port") ? part("port", NAME_HOLE).map((p) => `:${p}`) : [""];
  const protocol = part("protocol", scheme).map((p) => (p.endsWith(":") ? p : `${p}:`));
  const value = product([protocol, ["//"], part(hostKey, NAME_HOLE), port, part("path", "/")]) ?? [];
  return { value, at: written, via: [] };
}

function at(url: Url | undefined, node: Node): Url | undefined {
  return url ? { ...url, at: node } : undefined;
}

function isVerb(ctx: GeneralContext, node: Node | undefined): boolean {
  if (!node || node.type === "SpreadElement") return false;
  const value = ctx.constants.strings(node);
  return value !== undefined && value.length > 0 && value.every((v) => VERB.test(v));
}

function constStep(ctx: GeneralContext, id: Node, init: Node): TraceStep {
  const text = ctx.text.slice(init.start, init.end).replace(/\s+/g, " ");
  return { span: spanOf(id), note: `const ${id.name} = ${text.length > 80 ? `${text.slice(0, 77)}...` : text}` };
}

function combine(bases: readonly string[], paths: readonly string[], join: (base: string, path: string) => string): readonly string[] {
  if (bases.length === 0) return paths;
  const out = new Set<string>();
  for (const base of bases) for (const path of paths) out.add(join(base, path));
  return [...out].slice(0, 64);
}

function spanOf(node: Node): Span {
  return { start: node.start, end: node.end };
}
