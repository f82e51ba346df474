/** Calls that run SQL text, or wrap it for a call that does (sink-table rows; shapes in types.ts). */
import type { SqlSink } from "./types.js";

const TS = ["typescript"] as const;
const PY = ["python"] as const;

export const SQL_CALLS: readonly SqlSink[] = [
  { form: "tag", languages: TS, names: ["sql", "SQL", "$queryRaw", "$executeRaw"], library: "postgres.js, slonik, drizzle, @vercel/postgres, prisma" },
  {
    form: "method",
    languages: TS,
    names: ["query", "execute", "unsafe", "raw", "sql", "$queryRaw", "$executeRaw", "$queryRawUnsafe", "$executeRawUnsafe"],
    argument: 0,
    library: "pg, mysql2, postgres.js, knex.raw, kysely, prisma (a `{ text }` config counts too)",
  },
  { form: "call", languages: PY, names: ["execute", "executemany", "executescript"], argument: 0, keyword: "query", library: "DB-API (psycopg, sqlite3), SQLAlchemy, alembic op.execute" },
  { form: "call", languages: PY, names: ["query", "fetch", "fetchrow", "fetchval", "mogrify", "raw"], argument: 0, keyword: "query", library: "asyncpg, psycopg, databases, Django raw" },
  { form: "call", languages: PY, names: ["text"], argument: 0, wraps: true, library: "SQLAlchemy text()" },
  { form: "call", languages: PY, names: ["SQL"], argument: 0, wraps: true, library: "psycopg sql.SQL()" },
];
