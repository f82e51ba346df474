/**
 * Query builders: calls that name a table to a database client, and what the calls chained on
 * them do (sink-table rows; shapes in types.ts).
 */
import type { ChainWrites, ModelAccessorSink, SinkLanguage, TableSink } from "./types.js";

const TS = ["typescript"] as const;
const PY = ["python"] as const;

export const QUERY_BUILDERS: readonly TableSink[] = [
  { form: "method", languages: TS, methods: ["from"], arity: 1, access: "chain", library: "supabase-js, knex, drizzle" },
  { form: "method", languages: TS, methods: ["into"], arity: 1, access: "write", library: "knex" },
  { form: "method", languages: TS, methods: ["table"], arity: 1, access: "chain", library: "knex" },
  { form: "method", languages: TS, methods: ["selectFrom"], arity: 1, access: "read", library: "kysely" },
  { form: "method", languages: TS, methods: ["insertInto", "replaceInto", "updateTable", "deleteFrom", "mergeInto"], arity: 1, access: "write", library: "kysely" },
  { form: "method", languages: TS, methods: ["insert", "update", "delete"], access: "write", tableObjectOnly: true, library: "drizzle" },
  { form: "method", languages: PY, methods: ["table", "from_"], access: "chain", library: "supabase-py (`x.storage.from_` is a bucket, not a table)" },
  { form: "call", languages: TS, callees: ["knex", "Knex"], access: "chain", library: "knex" },
  { form: "options", languages: TS, methods: ["on"], event: "postgres_changes", argument: 1, property: "table", access: "read", library: "supabase realtime" },
  { form: "signature", languages: PY, callees: ["on_postgres_changes"], table: "table", access: "read", library: "supabase-py realtime" },
];

/** The methods chained on a query builder that write, per language. */
export const CHAIN_WRITES: Readonly<Record<SinkLanguage, ChainWrites>> = {
  // supabase-js, knex; kysely / drizzle `set` / `values`; knex `del`.
  typescript: { columnWrites: ["insert", "update", "upsert", "set", "values"], rowDeletes: ["delete", "del"] },
  python: { columnWrites: ["insert", "update", "upsert"], rowDeletes: ["delete"] },
};

export const MODEL_ACCESSORS: readonly ModelAccessorSink[] = [
  {
    languages: TS,
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
