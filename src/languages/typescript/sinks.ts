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
