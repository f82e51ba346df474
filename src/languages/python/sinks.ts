/**
 * The Python rows of the sink table (../sinks/: one language-neutral table of query builders,
 * schema definers, SQL-running calls and HTTP clients, each row naming its languages), in the
 * shapes this adapter reads. Add a row there to teach the adapter a new library.
 */
import { type Access } from "../../core/types.js";
import { CHAIN_WRITES, forLanguage, HTTP_CLIENTS, type HttpMethodShape, QUERY_BUILDERS, SCHEMA_DEFINERS, type SignatureSink, SQL_CALLS as ALL_SQL_CALLS } from "../sinks/index.js";

const TABLE_ROWS = forLanguage([...QUERY_BUILDERS, ...SCHEMA_DEFINERS], "python");

/** `client.table(T)` / `client.from_(T)`: methods that start a query chain on a table (queries.ts). */
export const TABLE_METHODS: ReadonlySet<string> = new Set(TABLE_ROWS.flatMap((sink) => (sink.form === "method" ? sink.methods : [])));

/** Chained methods that make a query a write, and those whose object names written columns. */
export const CHAIN_WRITE_METHODS: ReadonlySet<string> = new Set([...CHAIN_WRITES.python.columnWrites, ...CHAIN_WRITES.python.rowDeletes]);
export const PAYLOAD_WRITE_METHODS: ReadonlySet<string> = new Set(CHAIN_WRITES.python.columnWrites);

/** Argument signatures by called name (schema.ts): Alembic ops, SQLAlchemy Table, realtime subscriptions. */
export const SIGNATURES: ReadonlyMap<string, SignatureSink> = new Map(
  TABLE_ROWS.flatMap((sink) => (sink.form === "signature" ? sink.callees.map((name) => [name, sink] as const) : [])),
);

const sqlRows = forLanguage(ALL_SQL_CALLS, "python");
/** Calls whose first argument (or `query=`) is SQL text (embedded.ts). */
export const SQL_CALLS: ReadonlySet<string> = new Set(sqlRows.flatMap((sink) => sink.names));
/** SQL calls that wrap a literal and are themselves handed to a query call. */
export const SQL_WRAPPERS: ReadonlySet<string> = new Set(sqlRows.flatMap((sink) => (sink.wraps ? sink.names : [])));

/** HTTP methods on any receiver (requests, httpx, aiohttp sessions), by name (http.ts). */
export const HTTP_METHODS: ReadonlyMap<string, HttpMethodShape> = new Map(
  forLanguage(HTTP_CLIENTS, "python").flatMap((sink) => Object.entries(sink.methods ?? {})),
);

/** What an HTTP verb does to a table. */
export function accessOfVerb(verb: string): Access {
  return /^(?:get|head|options)$/i.test(verb) ? "read" : "write";
}
