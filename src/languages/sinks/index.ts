/**
 * The sink table: every call through which code names a table to a database or runs SQL, as data
 * both language adapters read (TypeScript/JavaScript: typescript/sinks.ts; Python: python/sinks.ts).
 * Add a row to teach an adapter a new library (docs/languages.md); each row names its language(s).
 *
 *   query-builders.ts   supabase-js / supabase-py, knex, kysely, drizzle, realtime; ORM model accessors
 *   schema-definers.ts  knex / kysely schema, drizzle, TypeORM, Sequelize, Alembic, SQLAlchemy
 *   sql-calls.ts        calls and tags that run SQL text
 *   http-clients.ts     fetch, axios, ky, got, ofetch; requests, httpx, aiohttp (PostgREST over HTTP)
 */
export * from "./types.js";
export { CHAIN_WRITES, MODEL_ACCESSORS, QUERY_BUILDERS } from "./query-builders.js";
export { SCHEMA_DEFINERS } from "./schema-definers.js";
export { SQL_CALLS } from "./sql-calls.js";
export { AXIOS_LIKE, HTTP_CLIENTS, KY_LIKE } from "./http-clients.js";
