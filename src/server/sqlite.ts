/**
 * The SQLite driver of the reference server: Node's own `node:sqlite` where it is there (Node >=
 * 22.13, or 22.5-22.12 run with --experimental-sqlite), else better-sqlite3, an optional peer
 * dependency for Node 20 only (npm install better-sqlite3@12; 13.x crashes on Node 20). Neither
 * needs an install script on Node >= 22.5, so `npm install --ignore-scripts` gives a working server.
 *
 * Both drivers are synchronous; this file gives them one small surface: exec, prepare().get/all/run,
 * close, and immediateTransaction(). Rows come back as plain objects with BLOBs as Buffers whichever
 * driver read them. Named parameters are written `@name` and bound from an object whose keys are
 * exactly the statement's names: node:sqlite refuses a key the statement does not use.
 */
import { createRequire } from "node:module";

/** Positional values, or one object of named values: null, number, bigint, string, Buffer (undefined is NULL). */
type Params = unknown[];

export interface SqliteStatement {
  get(...params: Params): unknown;
  all(...params: Params): unknown[];
  run(...params: Params): { changes: number };
}

export interface SqliteDatabase {
  /** Which driver opened it: "node:sqlite" or "better-sqlite3". */
  readonly driver: string;
  exec(sql: string): void;
  prepare(sql: string): SqliteStatement;
  close(): void;
}

/** Neither node:sqlite nor a loadable better-sqlite3: the message says what to do. */
export class SqliteUnavailableError extends Error {}

export interface OpenOptions {
  readonly?: boolean;
}

/** Opens (or creates) the database file at `path` with the first driver this Node can load. */
export function openSqlite(path: string, options: OpenOptions = {}): SqliteDatabase {
  const nodeSqlite = loadNodeSqlite();
  const db = nodeSqlite
    ? wrap("node:sqlite", new nodeSqlite.DatabaseSync(path, { readOnly: options.readonly ?? false }))
    : wrap("better-sqlite3", new (loadBetterSqlite3())(path, { readonly: options.readonly ?? false }));
  // Wait up to 5 s for another connection's write lock instead of failing with SQLITE_BUSY at once
  // (better-sqlite3's default; node:sqlite's is not to wait).
  db.exec("PRAGMA busy_timeout = 5000");
  return db;
}

/**
 * Runs `work` in a BEGIN IMMEDIATE transaction: the write lock is taken before anything is read, so
 * two servers on one file serialise instead of both deciding on what they read. Commits when `work`
 * returns, rolls back when it throws.
 */
export function immediateTransaction<T>(db: SqliteDatabase, work: () => T): T {
  db.exec("BEGIN IMMEDIATE");
  let result: T;
  try {
    result = work();
  } catch (error) {
    // SQLite may already have rolled back (for instance on SQLITE_FULL): then ROLLBACK fails, and
    // the error worth reporting is the first one.
    try {
      db.exec("ROLLBACK");
    } catch {}
    throw error;
  }
  db.exec("COMMIT");
  return result;
}

// ---- drivers ----

interface NodeSqliteModule {
  DatabaseSync: new (path: string, options: { readOnly: boolean }) => DriverDatabase;
}

/** What both drivers' database and statement objects have in common, as far as we use them. */
interface DriverDatabase {
  exec(sql: string): unknown;
  prepare(sql: string): DriverStatement;
  close(): unknown;
}
interface DriverStatement {
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number | bigint };
}

const require = createRequire(import.meta.url);

let nodeSqlite: NodeSqliteModule | null | undefined;

/** node:sqlite, or null on a Node without it (20; 22 before 22.13 without --experimental-sqlite). */
function loadNodeSqlite(): NodeSqliteModule | null {
  if (nodeSqlite !== undefined) return nodeSqlite;
  // Node 22 prints "ExperimentalWarning: SQLite is an experimental feature" when the module loads;
  // the server's stderr is for its own messages, so that one warning is left out.
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === "string" ? warning : warning.message;
    if (/SQLite is an experimental feature/.test(text)) return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    nodeSqlite = require("node:sqlite") as NodeSqliteModule;
  } catch {
    nodeSqlite = null;
  } finally {
    process.emitWarning = emitWarning;
  }
  return nodeSqlite;
}

type BetterSqlite3Constructor = new (path: string, options: { readonly: boolean }) => DriverDatabase;

function loadBetterSqlite3(): BetterSqlite3Constructor {
  const advice =
    `the reference server needs SQLite: Node ${process.versions.node} has no node:sqlite ` +
    "(it comes with Node >= 22.13, or 22.5-22.12 run with --experimental-sqlite)";
  let module: unknown;
  try {
    module = require("better-sqlite3");
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND" && /'better-sqlite3'/.test(String(error));
    throw new SqliteUnavailableError(
      missing
        ? `${advice}, and better-sqlite3, the fallback for older Node, is not installed: ` +
            "use Node >= 22.13, or run `npm install better-sqlite3@12` (it builds a native binding)"
        : `${advice}, and better-sqlite3 could not be loaded (${firstLine(error)}): ` +
            "its native binding is missing or built for another Node (installed with --ignore-scripts? " +
            "run `npm rebuild better-sqlite3`), or use Node >= 22.13",
    );
  }
  return module as BetterSqlite3Constructor;
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split("\n")[0]!;
}

// ---- one surface over both ----

function wrap(driver: string, db: DriverDatabase): SqliteDatabase {
  return {
    driver,
    exec: (sql) => void db.exec(sql),
    prepare(sql) {
      const statement = db.prepare(sql);
      return {
        get: (...params) => plainRow(statement.get(...bindable(params))),
        all: (...params) => statement.all(...bindable(params)).map((row) => plainRow(row)!),
        run: (...params) => ({ changes: Number(statement.run(...bindable(params)).changes) }),
      };
    },
    close: () => void db.close(),
  };
}

/** undefined binds as NULL, as better-sqlite3 does (node:sqlite before Node 26 refuses it). */
function bindable(params: Params): unknown[] {
  return params.map((param) =>
    param !== null && typeof param === "object" && !(param instanceof Uint8Array)
      ? Object.fromEntries(Object.entries(param).map(([name, value]) => [name, value ?? null]))
      : (param ?? null),
  );
}

/** node:sqlite gives null-prototype rows with BLOBs as Uint8Array: made plain, with Buffers. */
function plainRow(row: unknown): Record<string, unknown> | undefined {
  if (row === undefined || row === null) return undefined;
  const plain: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(row as Record<string, unknown>)) {
    plain[name] = value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : value;
  }
  return plain;
}
