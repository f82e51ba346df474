/**
 * Schema definers: migrations, schema builders and ORM models that name a table (sink-table rows;
 * shapes in types.ts). DDL is `schema` access; Alembic's `add_column` also writes its column
 * (rules.md counts ADD COLUMN as a write).
 */
import type { TableSink } from "./types.js";

const TS = ["typescript"] as const;
const PY = ["python"] as const;

export const SCHEMA_DEFINERS: readonly TableSink[] = [
  {
    form: "method",
    languages: TS,
    methods: ["createTable", "createTableIfNotExists", "createTableLike", "dropTable", "dropTableIfExists", "alterTable", "renameTable", "hasTable"],
    access: "schema",
    library: "knex schema builder, kysely schema",
  },
  { form: "method", languages: TS, methods: ["define"], access: "schema", library: "sequelize" },
  { form: "call", languages: TS, callees: ["Entity", "ViewEntity"], access: "schema", library: "typeorm" },
  {
    form: "definition",
    languages: TS,
    callees: ["pgTable", "mysqlTable", "sqliteTable", "pgView", "pgMaterializedView", "mysqlView", "sqliteView"],
    access: "schema",
    library: "drizzle",
  },
  { form: "options", languages: TS, callees: ["Entity", "ViewEntity"], argument: 0, property: "name", access: "schema", library: "typeorm" },
  { form: "options", languages: TS, callees: ["Table"], argument: 0, property: "tableName", access: "schema", library: "sequelize-typescript" },
  { form: "options", languages: TS, methods: ["init"], argument: 1, property: "tableName", access: "schema", library: "sequelize" },
  { form: "options", languages: TS, methods: ["define"], argument: 2, property: "tableName", access: "schema", library: "sequelize" },
  { form: "signature", languages: PY, callees: ["create_table", "drop_table", "rename_table"], table: 0, access: "schema", receiver: "op", library: "alembic" },
  { form: "signature", languages: PY, callees: ["add_column"], table: 0, access: "schema", column: { at: 1, access: "write", wrapped: true }, receiver: "op", library: "alembic" },
  { form: "signature", languages: PY, callees: ["alter_column", "drop_column"], table: 0, access: "schema", column: { at: 1, access: "schema" }, receiver: "op", library: "alembic" },
  { form: "signature", languages: PY, callees: ["create_index"], table: 1, access: "schema", receiver: "op", library: "alembic" },
  { form: "signature", languages: PY, callees: ["Table"], table: 0, access: "schema", library: "sqlalchemy (`class M(Base): __tablename__` is read by the adapter)" },
];
