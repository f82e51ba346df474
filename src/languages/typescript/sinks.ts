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

export interface ObjectPropertySink {
  /** `x.method(event, { property: T })` where the first argument is `event` (Supabase realtime). */
  readonly form: "event-filter";
  readonly methods: readonly string[];
  readonly event: string;
  readonly property: string;
  readonly access: SinkAccess;
  readonly library: string;
}

export type TableSink = MethodSink | CallSink | DefinitionSink | ObjectPropertySink;

export const TABLE_SINKS: readonly TableSink[] = [
  { form: "method", methods: ["from"], access: "chain", library: "supabase-js, knex, drizzle" },
  { form: "method", methods: ["into"], access: "write", library: "knex" },
  { form: "method", methods: ["table"], access: "chain", library: "knex" },
  { form: "method", methods: ["selectFrom"], access: "read", library: "kysely" },
  { form: "method", methods: ["insertInto", "replaceInto", "updateTable", "deleteFrom", "mergeInto"], access: "write", library: "kysely" },
  { form: "method", methods: ["insert", "update", "delete"], access: "write", tableObjectOnly: true, library: "drizzle" },
  { form: "call", callees: ["knex", "Knex"], access: "chain", library: "knex" },
  {
    form: "definition",
    callees: ["pgTable", "mysqlTable", "sqliteTable", "pgView", "pgMaterializedView", "mysqlView", "sqliteView"],
    access: "schema",
    library: "drizzle",
  },
  { form: "event-filter", methods: ["on"], event: "postgres_changes", property: "table", access: "read", library: "supabase realtime" },
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
