/**
 * Where JS/TS code names a table to a database, as data: one row per query-builder signature.
 * queries.ts reads this table; add a row to teach the adapter a new builder (docs/languages.md).
 *
 * access: "read" / "write" / "schema" fix the table's access; "chain" decides it from the calls
 * chained on the builder (an insert/update/upsert/delete/set/values anywhere in it is a write).
 */
import type { Access } from "../../core/types.js";

export type SinkAccess = Access | "chain";

export interface MethodSink {
  /** `receiver.method(T, ...)`: the first argument names the table. */
  readonly form: "method";
  readonly methods: readonly string[];
  readonly access: SinkAccess;
  /** The exact number of arguments, when the method name alone is too common (`.from(T)`). */
  readonly arity?: number;
  /** Only when the argument is a table object (drizzle `db.insert(table)`), never a plain string. */
  readonly tableObjectOnly?: boolean;
  /** Which library the row stands for (documentation only). */
  readonly library: string;
}

export interface CallSink {
  /** `builder(T)`: a function named like this, or a value made by a factory named like this (`const db = knex(cfg)`). */
  readonly form: "call";
  readonly callees: readonly string[];
  readonly access: SinkAccess;
  readonly library: string;
}

export interface DefinitionSink {
  /** `definer(T, columns)`: a table definition; the value is a table object queries can use. */
  readonly form: "definition";
  readonly callees: readonly string[];
  readonly access: SinkAccess;
  readonly library: string;
}

export interface OptionsSink {
  /**
   * A property of an options object names the table: `x.on("postgres_changes", { table: T })`,
   * `@Entity({ name: T })`, `Model.init(attrs, { tableName: T })`. Called as `x.method(...)`
   * (methods) or `callee(...)` (callees); `event`: the first argument must be this string.
   */
  readonly form: "options";
  readonly methods?: readonly string[];
  readonly callees?: readonly string[];
  readonly event?: string;
  /** Index of the options argument. */
  readonly argument: number;
  readonly property: string;
  readonly access: SinkAccess;
  readonly library: string;
}

export type TableSink = MethodSink | CallSink | DefinitionSink | OptionsSink;

export const TABLE_SINKS: readonly TableSink[] = [
  { form: "method", methods: ["from"], arity: 1, access: "chain", library: "supabase-js, knex, drizzle" },
  { form: "method", methods: ["into"], arity: 1, access: "write", library: "knex" },
  { form: "method", methods: ["table"], arity: 1, access: "chain", library: "knex" },
  {
    form: "method",
    methods: ["createTable", "createTableIfNotExists", "createTableLike", "dropTable", "dropTableIfExists", "alterTable", "renameTable", "hasTable"],
    access: "schema",
    library: "knex schema builder, kysely schema",
  },
  { form: "method", methods: ["selectFrom"], arity: 1, access: "read", library: "kysely" },
  { form: "method", methods: ["insertInto", "replaceInto", "updateTable", "deleteFrom", "mergeInto"], arity: 1, access: "write", library: "kysely" },
  { form: "method", methods: ["insert", "update", "delete"], access: "write", tableObjectOnly: true, library: "drizzle" },
  { form: "method", methods: ["define"], access: "schema", library: "sequelize" },
  { form: "call", callees: ["knex", "Knex"], access: "chain", library: "knex" },
  { form: "call", callees: ["Entity", "ViewEntity"], access: "schema", library: "typeorm" },
  {
    form: "definition",
    callees: ["pgTable", "mysqlTable", "sqliteTable", "pgView", "pgMaterializedView", "mysqlView", "sqliteView"],
    access: "schema",
    library: "drizzle",
  },
  { form: "options", methods: ["on"], event: "postgres_changes", argument: 1, property: "table", access: "read", library: "supabase realtime" },
  { form: "options", callees: ["Entity", "ViewEntity"], argument: 0, property: "name", access: "schema", library: "typeorm" },
  { form: "options", callees: ["Table"], argument: 0, property: "tableName", access: "schema", library: "sequelize-typescript" },
  { form: "options", methods: ["init"], argument: 1, property: "tableName", access: "schema", library: "sequelize" },
  { form: "options", methods: ["define"], argument: 2, property: "tableName", access: "schema", library: "sequelize" },
];

/** Methods that write the columns of the object they are given (supabase, knex; kysely/drizzle `set`/`values`). */
export const COLUMN_WRITE_METHODS = new Set(["insert", "update", "upsert", "set", "values"]);
/** Methods that make a query a write without naming columns. */
export const ROW_DELETE_METHODS = new Set(["delete", "del"]);

/** PostgREST over HTTP: `/rest/v1/<table>` in the URL of these calls (http.ts). */
export interface HttpSink {
  /** `fetch(url, init)`: a global function; `axios.patch(url, data)`: an object and its methods. */
  readonly callee: string;
  readonly methods?: Readonly<Record<string, HttpMethodShape>>;
  /** Shape of a call of the callee itself. */
  readonly call?: HttpMethodShape;
  readonly library: string;
}

export interface HttpMethodShape {
  /** Argument index of the URL, or of a config object holding `url`. */
  readonly url: number;
  /** Argument index of the body (axios data), if any. */
  readonly body?: number;
  /** Argument index of an options object (`{ method, body, json, data, params }`). */
  readonly options?: number;
  /** HTTP verb when the method name fixes it. */
  readonly verb?: string;
}

const AXIOS_LIKE: Readonly<Record<string, HttpMethodShape>> = {
  get: { url: 0, options: 1, verb: "GET" },
  delete: { url: 0, options: 1, verb: "DELETE" },
  head: { url: 0, options: 1, verb: "HEAD" },
  post: { url: 0, body: 1, options: 2, verb: "POST" },
  put: { url: 0, body: 1, options: 2, verb: "PUT" },
  patch: { url: 0, body: 1, options: 2, verb: "PATCH" },
  request: { url: 0, options: 0 },
};
const KY_LIKE: Readonly<Record<string, HttpMethodShape>> = {
  get: { url: 0, options: 1, verb: "GET" },
  delete: { url: 0, options: 1, verb: "DELETE" },
  post: { url: 0, options: 1, verb: "POST" },
  put: { url: 0, options: 1, verb: "PUT" },
  patch: { url: 0, options: 1, verb: "PATCH" },
};

export const HTTP_SINKS: readonly HttpSink[] = [
  { callee: "fetch", call: { url: 0, options: 1 }, library: "fetch" },
  { callee: "$fetch", call: { url: 0, options: 1 }, library: "ofetch" },
  { callee: "ofetch", call: { url: 0, options: 1 }, library: "ofetch" },
  { callee: "axios", call: { url: 0, options: 1 }, methods: AXIOS_LIKE, library: "axios" },
  { callee: "ky", call: { url: 0, options: 1 }, methods: KY_LIKE, library: "ky" },
  { callee: "got", call: { url: 0, options: 1 }, methods: KY_LIKE, library: "got" },
];

/**
 * ORM model accessors: `client.<model>.<method>(args)` where the model names the table
 * (`prisma.cloud_provider_integrations.findMany()`; a camelCase model `cloudProviderIntegration`
 * stands for `cloud_provider_integration` and `cloud_provider_integrations`). Read by orm.ts.
 */
export interface ModelAccessorSink {
  /** Method -> the access it makes. */
  readonly methods: Readonly<Record<string, Access>>;
  /** The client: a value made by one of these factories, or a receiver named like one of these. */
  readonly clients: readonly string[];
  readonly receivers: readonly string[];
  /** Argument properties holding written columns (`data`), read columns (`select`, `where`). */
  readonly writeProperties: readonly string[];
  readonly readProperties: readonly string[];
  readonly library: string;
}

export const MODEL_ACCESSOR_SINKS: readonly ModelAccessorSink[] = [
  {
    methods: {
      findMany: "read", findFirst: "read", findFirstOrThrow: "read", findUnique: "read", findUniqueOrThrow: "read",
      count: "read", aggregate: "read", groupBy: "read",
      create: "write", createMany: "write", createManyAndReturn: "write", update: "write", updateMany: "write",
      upsert: "write", delete: "write", deleteMany: "write",
    },
    clients: ["PrismaClient"],
    receivers: ["prisma", "tx", "prismaClient", "db"],
    writeProperties: ["data", "create", "update"],
    readProperties: ["select", "where", "orderBy"],
    library: "prisma",
  },
];

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
