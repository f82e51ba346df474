/**
 * PostgREST over HTTP (rules.md): `fetch`, axios, ky, got and ofetch calls whose URL folds to
 * `.../rest/v1/<table>`. The path names the table; `select=` (in the URL or in `params`) names read
 * columns; the body of a POST / PATCH / PUT names written columns. Signatures: sinks.ts HTTP_SINKS.
 */
import type { Access } from "../../core/types.js";
import { NAME_HOLE } from "../../core/types.js";
import { calleeMember, memberName, type Node, propertyValue, unwrap } from "./ast.js";
import { isUseful } from "./constants.js";
import { addQueryFact, type Context, type Query } from "./context.js";
import { objectLiteralOf } from "./model.js";
import { HTTP_SINKS, type HttpMethodShape } from "./sinks.js";
import { parseSelect } from "../postgrest-select.js";
import { collectWrites } from "./writes.js";

const REST_PATH = /\/rest\/v1\/([A-Za-z0-9_\u0000]+)(\?[^#]*)?/;
const WRITE_VERBS = new Set(["POST", "PATCH", "PUT", "DELETE"]);
const BODY_VERBS = new Set(["POST", "PATCH", "PUT"]);
const CALLS = new Map(HTTP_SINKS.flatMap((sink) => (sink.call ? [[sink.callee, sink.call] as const] : [])));
/** Method shapes by receiver name (`ky.patch`), and by method name for any other receiver (`api.patch(...)` on an axios instance). */
const SINKS_BY_CALLEE = new Map(HTTP_SINKS.map((sink) => [sink.callee, sink] as const));
const METHODS = new Map<string, HttpMethodShape>();
for (const sink of HTTP_SINKS) for (const [name, shape] of Object.entries(sink.methods ?? {})) if (!METHODS.has(name)) METHODS.set(name, shape);

export function extractHttp(ctx: Context): void {
  for (const call of ctx.model.calls) {
    const shape = shapeOf(call);
    if (!shape) continue;
    const args = call.arguments as Node[];
    const urlArg = args[shape.url];
    if (!urlArg || urlArg.type === "SpreadElement") continue;
    const options = shape.options !== undefined ? objectLiteralOf(ctx.model, args[shape.options]) : undefined;
    // `axios({ url, method, data })` / `axios.request({...})`: the URL is a property of the config.
    const urlNode = shape.options === shape.url && options ? propertyValue(options, "url") : urlArg;
    if (!urlNode) continue;
    const urls = ctx.constants.strings(urlNode);
    const paths = (urls ?? []).map((url) => REST_PATH.exec(url)).filter((m): m is RegExpExecArray => m !== null);
    if (paths.length === 0) continue;
    const verb = (shape.verb ?? stringOf(ctx, options && propertyValue(options, "method")) ?? "GET").toUpperCase();
    const query: Query = { id: ctx.nextQuery++, clients: [], calls: [], responses: [], responsePatterns: [] };
    const span = { start: urlNode.start, end: urlNode.end };
    const access: Access = WRITE_VERBS.has(verb) ? "write" : "read";
    const tables = [...new Set(paths.map((m) => m[1]!))];
    if (isUseful(tables) && tables.every((t) => !t.includes(NAME_HOLE))) for (const table of tables) addQueryFact(ctx, query, "table", [table], access, span);
    for (const match of paths) for (const column of selectOf(match[2])) addQueryFact(ctx, query, "column", [column], "read", span);
    const params = options && objectLiteralOf(ctx.model, propertyValue(options, "params") ?? propertyValue(options, "searchParams"));
    const select = params && stringOf(ctx, propertyValue(params, "select"));
    if (select) for (const item of parseSelect(select)) addQueryFact(ctx, query, "column", [item.name], "read", span);
    if (!BODY_VERBS.has(verb)) continue;
    const body = shape.body !== undefined ? args[shape.body] : options && (propertyValue(options, "body") ?? propertyValue(options, "json") ?? propertyValue(options, "data"));
    if (body && body.type !== "SpreadElement") collectWrites(ctx, body, (names, at) => addQueryFact(ctx, query, "column", names, "write", at));
  }
}

function shapeOf(call: Node): HttpMethodShape | undefined {
  const callee = unwrap(call.callee);
  if (callee.type === "Identifier") return CALLS.get(callee.name);
  const member = calleeMember(call);
  const name = member ? memberName(member) : undefined;
  if (!member || name === undefined) return undefined;
  const receiver = unwrap(member.object);
  const own = receiver.type === "Identifier" ? SINKS_BY_CALLEE.get(receiver.name)?.methods : undefined;
  return own ? own[name] : METHODS.get(name);
}

/** The columns of a `select=` in a URL's query string. */
function selectOf(search: string | undefined): string[] {
  if (!search) return [];
  let select: string | null = null;
  try {
    select = new URLSearchParams(search.slice(1)).get("select");
  } catch {
    return [];
  }
  return select ? parseSelect(select).map((item) => item.name) : [];
}

function stringOf(ctx: Context, node: Node | undefined): string | undefined {
  const value = node ? ctx.constants.strings(node) : undefined;
  return value?.length === 1 && !value[0]!.includes(NAME_HOLE) ? value[0] : undefined;
}
