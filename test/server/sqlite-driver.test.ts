// The reference server's SQLite driver: node:sqlite where this Node has it, better-sqlite3 (an
// optional peer) only where it does not, and a clear failure when neither is there. CI runs this
// file on Node 20, 22, 24 and 26 (.ci/run), so each branch is taken on a real Node.
import { spawnSync } from "node:child_process";
import { cpSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXIT } from "../../src/core/setup-exit-codes.js";
import { immediateTransaction, openSqlite, type SqliteDatabase } from "../../src/server/sqlite.js";
import { tempDir } from "./helpers.js";

const DIST = join(import.meta.dirname, "../../dist");
const tmp = tempDir();
afterAll(() => tmp.cleanup());

const [major, minor] = process.versions.node.split(".").map(Number) as [number, number];
/** node:sqlite loads without a flag from Node 22.13 (and on every later major). */
const hasNodeSqlite = major > 22 || (major === 22 && minor >= 13);

function withDatabase(name: string, use: (db: SqliteDatabase) => void): void {
  const db = openSqlite(join(tmp.dir, name));
  try {
    use(db);
  } finally {
    db.close();
  }
}

describe("openSqlite", () => {
  it("uses node:sqlite where Node has it and better-sqlite3 only where it does not", () => {
    withDatabase("driver.db", (db) => expect(db.driver).toBe(hasNodeSqlite ? "node:sqlite" : "better-sqlite3"));
  });

  it("gives rows as plain objects with BLOBs as Buffers, and binds undefined as NULL", () => {
    withDatabase("rows.db", (db) => {
      db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, data BLOB)");
      expect(db.prepare("INSERT INTO t (name, data) VALUES (@name, @data)").run({ name: undefined, data: Buffer.from([0, 1, 255]) })).toEqual({ changes: 1 });
      const row = db.prepare("SELECT * FROM t WHERE id = ?").get(1) as Record<string, unknown>;
      expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
      expect(row).toEqual({ id: 1, name: null, data: Buffer.from([0, 1, 255]) });
      expect(Buffer.isBuffer(row.data)).toBe(true);
      expect(db.prepare("SELECT * FROM t WHERE id = ?").get(2)).toBeUndefined();
    });
  });

  it("immediateTransaction commits what returns and rolls back what throws", () => {
    withDatabase("tx.db", (db) => {
      db.exec("CREATE TABLE t (n INTEGER)");
      expect(immediateTransaction(db, () => db.prepare("INSERT INTO t VALUES (1)").run().changes)).toBe(1);
      expect(() =>
        immediateTransaction(db, () => {
          db.prepare("INSERT INTO t VALUES (2)").run();
          throw new Error("boom");
        }),
      ).toThrow("boom");
      expect(db.prepare("SELECT n FROM t").all()).toEqual([{ n: 1 }]);
      // The failed transaction left none open: a new one starts.
      immediateTransaction(db, () => db.prepare("INSERT INTO t VALUES (3)").run());
      expect(db.prepare("SELECT count(*) AS c FROM t").get()).toEqual({ c: 2 });
    });
  });
});

describe("integration-setup serve without better-sqlite3", () => {
  it(
    hasNodeSqlite ? "creates an org from a dist/ that has no node_modules beside it" : "fails with a message naming both ways out, without a stack",
    () => {
      // dist/ alone, where no node_modules can be found: better-sqlite3 cannot be loaded.
      const alone = join(tmp.dir, "alone");
      cpSync(DIST, join(alone, "dist"), { recursive: true });
      // Nor through NODE_PATH, where .ci/run puts better-sqlite3 for Node 20.
      const { NODE_PATH: _nodePath, ...env } = process.env;
      const result = spawnSync(process.execPath, [join(alone, "dist/integration-setup.mjs"), "serve", "--db", join(alone, "orgs.db"), "--create-org", "acme"], {
        encoding: "utf8",
        env,
      });
      if (hasNodeSqlite) {
        expect(result.status, result.stderr).toBe(EXIT.ok);
        expect(result.stdout.trim()).toMatch(/^acme_/);
        // Node 22 warns that node:sqlite is experimental: the server keeps that off its stderr.
        expect(result.stderr).not.toContain("ExperimentalWarning");
      } else {
        expect(result.status).toBe(EXIT.failed);
        expect(result.stdout).toBe("");
        expect(result.stderr).toContain("better-sqlite3");
        expect(result.stderr).toContain("22.13");
        expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
      }
    },
  );
});
