/**
 * PostgREST over HTTP from Python: requests / httpx / aiohttp calls to `<project>/rest/v1/<table>`.
 *
 *   requests.get(f"{URL}/rest/v1/organizations", params={"select": "id,integration_openai_status"})
 *   httpx.patch(f"{URL}/rest/v1/organizations?id=eq.{org}", json={"integration_gcp_status": "VALID"})
 *   session.request("DELETE", f"{URL}/rest/v1/cloud_provider_integrations?org_id=eq.{org}")
 *
 * The first path segment after `/rest/v1/` is the table (a read for GET/HEAD, a write otherwise);
 * `select=` (in the URL or in `params`) names read columns, other query parameters are filters
 * (column reads), and the JSON body of POST/PATCH/PUT names written columns. The query's clients
 * are the key names the call (or the client it is made on) carries: `apikey: SERVICE_ROLE_KEY`
 * headers make it a service-role query (values.ts keyOrigins).
 */
import type { SyntaxNode } from "@lezer/common";
import { type Access, type Fact, NAME_HOLE } from "../../core/types.js";
import { parseSelect } from "../postgrest-select.js";
import type { CallSite } from "./scope.js";
import { dictEntries } from "./queries.js";
import { argumentsOf, calleeOf, spanOf } from "./syntax.js";
import { candidatesOf, type Evaluator, type Value } from "./values.js";

/** HTTP method helpers (requests, httpx, aiohttp sessions) and what they do to a table. */
export const METHODS: Readonly<Record<string, Access>> = { get: "read", head: "read", options: "read", post: "write", put: "write", patch: "write", delete: "write" };
/** PostgREST query parameters that are not column filters. */
const RESERVED = new Set(["select", "order", "limit", "offset", "on_conflict", "columns", "and", "or", "not", "apikey"]);
const REST_PATH = "/rest/v1/";

export function httpFacts(sites: readonly CallSite[], evaluator: Evaluator): Fact[] {
  const facts: Fact[] = [];
  for (const site of sites) {
    const callee = calleeOf(site.call);
    if (!callee?.receiver) continue;
    const args = argumentsOf(site.call);
    const request = callee.name === "request";
    if (!request && !(callee.name in METHODS)) continue;
    const urlArg = args.keywords.get("url")?.value ?? args.positional[request ? 1 : 0];
    if (!urlArg) continue;
    const urls = candidatesOf(evaluator.evaluate(urlArg, site.scope)).filter((url) => url.includes(REST_PATH));
    if (urls.length === 0) continue;

    const access = request ? accessOfMethod(args.keywords.get("method")?.value ?? args.positional[0], site, evaluator) : METHODS[callee.name]!;
    const query = evaluator.queryOf(site.call);
    const receiver = evaluator.evaluate(callee.receiver, site.scope);
    const clients = [...(receiver.kind === "client" ? receiver.origins : []), ...evaluator.keyOrigins(site.call, site.scope)];
    const part = { query, ...(clients.length > 0 ? { clients } : {}) };
    const urlSpan = spanOf(urlArg);

    const tables = [...new Set(urls.map(tableOf).filter((t): t is string => t !== undefined))];
    if (tables.length === 0) continue;
    facts.push({ kind: "table", name: tables, access, span: urlSpan, ...part });

    // Query string of the URL: select= columns and filter columns.
    for (const url of urls) {
      for (const [key, value] of queryParameters(url)) {
        if (key === "select") for (const name of parseSelect(value)) facts.push({ kind: name.kind === "relation" ? "table" : "column", name: [name.name], access: "read", span: urlSpan, ...part });
        else if (!RESERVED.has(key)) facts.push({ kind: "column", name: [key], access: "read", span: urlSpan, ...part });
      }
    }
    // params={"select": "...", "integration_x_status": "eq.VALID"}
    const params = args.keywords.get("params")?.value;
    const paramsValue = params ? evaluator.evaluate(params, site.scope) : undefined;
    if (paramsValue?.kind === "dict") {
      for (const entry of paramsValue.entries) {
        if (entry.key.includes("select")) {
          for (const text of candidatesOf(entry.value())) for (const name of parseSelect(text)) facts.push({ kind: name.kind === "relation" ? "table" : "column", name: [name.name], access: "read", span: entry.span, ...part });
        } else if (!entry.key.every((k) => RESERVED.has(k))) facts.push({ kind: "column", name: entry.key, access: "read", span: entry.span, ...part });
      }
    }
    // json={...} / data={...} / content=json.dumps({...}) of a write: written columns.
    if (access === "write") {
      const body = args.keywords.get("json")?.value ?? args.keywords.get("data")?.value ?? args.keywords.get("content")?.value;
      if (body) for (const entry of dictEntries(bodyValue(body, site, evaluator))) facts.push({ kind: "column", name: entry.key, access: "write", span: entry.span, ...part });
    }
  }
  return facts;
}

function accessOfMethod(node: SyntaxNode | undefined, site: CallSite, evaluator: Evaluator): Access {
  const methods = node ? candidatesOf(evaluator.evaluate(node, site.scope)) : [];
  return methods.length > 0 && methods.every((m) => /^(?:get|head|options)$/i.test(m)) ? "read" : "write";
}

/** The table of a PostgREST URL; undefined when it is not known (`/rest/v1/{table}` with an unknown table). */
function tableOf(url: string): string | undefined {
  const path = url.slice(url.indexOf(REST_PATH) + REST_PATH.length);
  const table = /^[^/?#]*/.exec(path)![0];
  return table === "" || table.replaceAll(NAME_HOLE, "") === "" || table.startsWith("rpc") ? undefined : decode(table);
}

function queryParameters(url: string): [string, string][] {
  const at = url.indexOf("?", url.indexOf(REST_PATH));
  if (at < 0) return [];
  return url
    .slice(at + 1)
    .split("#")[0]!
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      return [decode(eq < 0 ? pair : pair.slice(0, eq)), decode(eq < 0 ? "" : pair.slice(eq + 1))] as [string, string];
    })
    .filter(([key]) => key !== "" && !key.includes(NAME_HOLE));
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `json.dumps({...})` is its argument. */
function bodyValue(node: SyntaxNode, site: CallSite, evaluator: Evaluator): Value {
  const callee = node.name === "CallExpression" ? calleeOf(node) : undefined;
  const inner = callee?.name === "dumps" ? argumentsOf(node).positional[0] : undefined;
  return evaluator.evaluate(inner ?? node, site.scope);
}


