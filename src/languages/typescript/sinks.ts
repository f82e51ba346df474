/**
 * The JS/TS rows of the sink table (../sinks/: one language-neutral table of query builders, schema
 * definers, SQL-running calls and HTTP clients, each row naming its languages), in the shapes this
 * adapter reads: queries.ts (TABLE_SINKS), http.ts (HTTP_SINKS), orm.ts (MODEL_ACCESSOR_SINKS),
 * embedded.ts (SQL_TAGS, SQL_METHODS). Add a row there to teach the adapter a new library.
 */
import {
  CHAIN_WRITES,
  forLanguage,
  HTTP_CLIENTS,
  MODEL_ACCESSORS,
  QUERY_BUILDERS,
  SCHEMA_DEFINERS,
  type SignatureSink,
  SQL_CALLS,
  type TableSink as AnyTableSink,
  AXIOS_LIKE,
  KY_LIKE,
} from "../sinks/index.js";

export type { CallSink, DefinitionSink, HttpMethodShape, HttpSink, MethodSink, ModelAccessorSink, OptionsSink, SinkAccess } from "../sinks/index.js";

/** The table-naming forms this adapter reads (argument signatures are Python's). */
export type TableSink = Exclude<AnyTableSink, SignatureSink>;

export const TABLE_SINKS: readonly TableSink[] = forLanguage([...QUERY_BUILDERS, ...SCHEMA_DEFINERS], "typescript").filter(
  (sink): sink is TableSink => sink.form !== "signature",
);

/** Methods that write the columns of the object they are given (supabase, knex; kysely/drizzle `set`/`values`). */
export const COLUMN_WRITE_METHODS: ReadonlySet<string> = new Set(CHAIN_WRITES.typescript.columnWrites);
/** Methods that make a query a write without naming columns. */
export const ROW_DELETE_METHODS: ReadonlySet<string> = new Set(CHAIN_WRITES.typescript.rowDeletes);

/** PostgREST over HTTP: `/rest/v1/<table>` in the URL of these calls (http.ts). */
export const HTTP_SINKS = forLanguage(HTTP_CLIENTS, "typescript");

/** ORM model accessors (orm.ts). */
export const MODEL_ACCESSOR_SINKS = forLanguage(MODEL_ACCESSORS, "typescript");

const sqlNames = (form: "tag" | "method") => new Set(forLanguage(SQL_CALLS, "typescript").flatMap((sink) => (sink.form === form ? sink.names : [])));
/** Tags of templates that are SQL: sql`...`, Prisma $queryRaw`...`. */
export const SQL_TAGS: ReadonlySet<string> = sqlNames("tag");
/** Methods whose first argument (or its `{ text }` config) is SQL text. */
export const SQL_METHODS: ReadonlySet<string> = sqlNames("method");

/**
 * HTTP requests whose URL is a StringFact with role "url" (general/urls.ts), by callee path: the
 * CallFact candidates, so aliases, imports (`import ax from "axios"; ax.get(u)` is "axios.get";
 * `import { request } from "undici"` is "undici.request") and `window.fetch` match too.
 * `url`: the index of the URL argument, which may also be a `URL`, a `Request`, or an options
 * object holding the URL (`axios({ url })`, `http.request({ hostname, path })`); when that argument
 * is an HTTP verb (`superagent("GET", url)`, `xhr.open("GET", url)`), the next one is the URL.
 */
export interface UrlSink {
  readonly callees: readonly string[];
  readonly url: number;
  /** Only as `new Callee(...)`. */
  readonly new?: boolean;
  readonly library: string;
}

const METHOD_PATHS = (receivers: readonly string[], methods: readonly string[]): string[] =>
  receivers.flatMap((receiver) => methods.map((method) => `${receiver}.${method}`));

export const URL_SINKS: readonly UrlSink[] = [
  // PostgREST's table above (fetch, ofetch, axios, ky, got): the callee and each of its methods.
  ...HTTP_SINKS.flatMap((sink): UrlSink[] => [
    ...(sink.call ? [{ callees: [sink.callee], url: sink.call.url, library: sink.library }] : []),
    ...Object.entries(sink.methods ?? {}).map(([method, shape]) => ({ callees: [`${sink.callee}.${method}`], url: shape.url, library: sink.library })),
  ]),
  { callees: ["ofetch.raw", "$fetch.raw", "got.stream", "axios.options", "axios.postForm", "axios.putForm", "axios.patchForm"], url: 0, library: "ofetch, got, axios" },
  { callees: ["node-fetch", "cross-fetch", "isomorphic-fetch"], url: 0, library: "fetch polyfills" },
  { callees: ["undici.request", "undici.fetch", "undici.stream", "undici.pipeline", "undici.connect"], url: 0, library: "undici" },
  { callees: METHOD_PATHS(["http", "https", "http2"], ["get", "request", "connect"]), url: 0, library: "node:http, node:https" },
  {
    callees: ["superagent", "request", ...METHOD_PATHS(["superagent", "request", "needle"], ["get", "post", "put", "patch", "del", "delete", "head", "options"])],
    url: 0,
    library: "superagent, request, needle",
  },
  // `new Request(url)` and `new URL(url)` only build a request: they count when passed to one (urls.ts).
  { callees: ["EventSource", "WebSocket"], url: 0, new: true, library: "server-sent events, WebSocket" },
  { callees: ["navigator.sendBeacon"], url: 0, library: "beacon" },
];

/**
 * Methods that make a request on a client the adapter cannot name (`api.post(u)` on an axios or ky
 * instance, `client.get(u)`): counted when the receiver is an instance made by `<client>.create` /
 * `.extend` or is named like an HTTP client, and no argument is a function (Express/Hono/Fastify
 * route definitions `app.get("/path", handler)` are not requests).
 */
export const CLIENT_METHODS: ReadonlySet<string> = new Set([
  ...Object.keys(AXIOS_LIKE),
  ...Object.keys(KY_LIKE),
  "fetch",
  "open",
]);
export const CLIENT_FACTORIES: ReadonlySet<string> = new Set(["create", "extend"]);
export const CLIENT_NAME = /(?:^|[a-z_])(?:api|http|https|client|axios|ky|got|fetcher|request|rest|xhr|instance|agent)$|^(?:api|http|client|xhr)/i;
/** Options of a client instance that every URL it is given is relative to. */
export const BASE_URL_OPTIONS: readonly string[] = ["baseURL", "prefixUrl", "prefix", "baseUrl"];
