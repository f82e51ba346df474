/**
 * The shapes of the sink table (index.ts): the calls through which code names a table or runs SQL,
 * as data, one row per signature. Each row names the language(s) whose adapter reads it
 * ("typescript" covers JavaScript), the callee shape and which argument is what.
 *
 * access: "read" / "write" / "schema" fix the table's access; "chain" decides it from the calls
 * chained on the builder (an insert/update/upsert/delete anywhere in it is a write).
 */
import type { Access } from "../../core/types.js";

export type SinkLanguage = "typescript" | "python";

export type SinkAccess = Access | "chain";

interface SinkRow {
  readonly languages: readonly SinkLanguage[];
  /** Which library the row stands for (documentation only). */
  readonly library: string;
}

export interface MethodSink extends SinkRow {
  /** `receiver.method(T, ...)`: the first argument names the table. */
  readonly form: "method";
  readonly methods: readonly string[];
  readonly access: SinkAccess;
  /** The exact number of arguments, when the method name alone is too common (`.from(T)`). */
  readonly arity?: number;
  /** Only when the argument is a table object (drizzle `db.insert(table)`), never a plain string. */
  readonly tableObjectOnly?: boolean;
}

export interface CallSink extends SinkRow {
  /** `builder(T)`: a function named like this, or a value made by a factory named like this (`const db = knex(cfg)`). */
  readonly form: "call";
  readonly callees: readonly string[];
  readonly access: SinkAccess;
}

export interface DefinitionSink extends SinkRow {
  /** `definer(T, columns)`: a table definition; the value is a table object queries can use. */
  readonly form: "definition";
  readonly callees: readonly string[];
  readonly access: SinkAccess;
}

export interface OptionsSink extends SinkRow {
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
}

export interface SignatureSink extends SinkRow {
  /**
   * `callee(T, ...)` / `receiver.callee(..., table=T)`: an argument (by position, or by keyword;
   * a `table_name=` keyword always counts) names the table, another may name a column.
   */
  readonly form: "signature";
  readonly callees: readonly string[];
  /** Position of the table name argument, or the keyword that holds it. */
  readonly table: number | string;
  readonly access: Access;
  /** Position of a column name argument; `wrapped`: of a `Column("name", ...)` argument. */
  readonly column?: { readonly at: number; readonly access: Access; readonly wrapped?: boolean };
  /** The call must be made on a receiver of this name (`op.create_table`). */
  readonly receiver?: string;
}

export type TableSink = MethodSink | CallSink | DefinitionSink | OptionsSink | SignatureSink;

/** The methods chained on a query builder that write: their object names written columns, or they delete rows. */
export interface ChainWrites {
  readonly columnWrites: readonly string[];
  readonly rowDeletes: readonly string[];
}

/**
 * Calls that run SQL text (or wrap it for a call that does): the text is read by the SQL adapter.
 *   tag     sql`...`                     a tagged template
 *   method  db.query(text)               a method of any receiver
 *   call    execute(text), cur.execute(text): a function or a method of any receiver
 */
export interface SqlSink extends SinkRow {
  readonly form: "tag" | "method" | "call";
  readonly names: readonly string[];
  /** Which argument holds the text (for "method" / "call"), and the keyword that may hold it instead. */
  readonly argument?: number;
  readonly keyword?: string;
  /** Wraps a text and is itself handed to a query call (SQLAlchemy `text()`, psycopg `sql.SQL()`). */
  readonly wraps?: boolean;
}

/** PostgREST over HTTP: `/rest/v1/<table>` in the URL of these calls. */
export interface HttpSink extends SinkRow {
  /**
   * `fetch(url, init)`: a global function; `axios.patch(url, data)`: an object and its methods;
   * "*": the methods on any receiver (`requests.get`, `session.patch`, an httpx client).
   */
  readonly callee: string;
  readonly methods?: Readonly<Record<string, HttpMethodShape>>;
  /** Shape of a call of the callee itself. */
  readonly call?: HttpMethodShape;
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
  /** Argument index of the HTTP verb when an argument gives it (`session.request("DELETE", url)`). */
  readonly method?: number;
}

/**
 * ORM model accessors: `client.<model>.<method>(args)` where the model names the table
 * (`prisma.cloud_provider_integrations.findMany()`; a camelCase model `cloudProviderIntegration`
 * stands for `cloud_provider_integration` and `cloud_provider_integrations`).
 */
export interface ModelAccessorSink extends SinkRow {
  /** Method -> the access it makes. */
  readonly methods: Readonly<Record<string, Access>>;
  /** The client: a value made by one of these factories, or a receiver named like one of these. */
  readonly clients: readonly string[];
  readonly receivers: readonly string[];
  /** Argument properties holding written columns (`data`), read columns (`select`, `where`). */
  readonly writeProperties: readonly string[];
  readonly readProperties: readonly string[];
}

/** The rows of a table that a language's adapter reads. */
export function forLanguage<T extends { readonly languages: readonly SinkLanguage[] }>(rows: readonly T[], language: SinkLanguage): T[] {
  return rows.filter((row) => row.languages.includes(language));
}
