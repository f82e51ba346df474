import { beforeAll, describe, expect, it } from "vitest";
import type { ColumnFact, Fact } from "../../../src/core/types.js";
import { compileNamePatterns, matchesResolvedName } from "../../../src/rules/patterns.js";
import { extractSql, sqlAdapter } from "../../../src/languages/sql/index.js";
import { describeFacts, lineAt } from "./helpers.js";

beforeAll(async () => {
  await sqlAdapter.prepare!();
});

const facts = (text: string) => describeFacts(text, extractSql(text).facts);

describe("sql adapter: tables", () => {
  it("reads and writes by statement kind, with the exact span of the (qualified) name", () => {
    const text = [
      "SELECT provider FROM cloud_provider_integrations WHERE org_id = $1;",
      "INSERT INTO public.cloud_provider_integrations (org_id) VALUES ($1);",
      'UPDATE "cloud_provider_integrations" SET provider = $2;',
      "DELETE FROM ONLY cloud_provider_integrations c USING orgs o WHERE o.id = c.org_id;",
    ].join("\n");
    expect(facts(text).filter((f) => f.startsWith("table"))).toEqual([
      'table read cloud_provider_integrations "cloud_provider_integrations"',
      'table write cloud_provider_integrations "public.cloud_provider_integrations"',
      'table write cloud_provider_integrations "\\"cloud_provider_integrations\\""',
      'table write cloud_provider_integrations "cloud_provider_integrations"',
      'table read orgs "orgs"',
    ]);
  });

  it("finds tables in joins, subqueries and CTEs", () => {
    const text = `WITH x AS (SELECT * FROM cloud_provider_integrations)
SELECT o.id FROM organizations o JOIN x ON x.org_id = o.id
WHERE EXISTS (SELECT 1 FROM public.cloud_provider_integrations c WHERE c.org_id = o.id)`;
    const tables = extractSql(text).facts.filter((f) => f.kind === "table");
    expect(tables.map((f) => [f.name[0], lineAt(text, f.span.start)])).toEqual([
      ["cloud_provider_integrations", 1],
      ["organizations", 2],
      ["x", 2],
      ["cloud_provider_integrations", 3],
    ]);
  });

  it("reports DDL on the table as schema access", () => {
    const text = `CREATE TABLE public.cloud_provider_integrations (id uuid primary key, provider text);
ALTER TABLE cloud_provider_integrations ENABLE ROW LEVEL SECURITY;
CREATE INDEX idx_cpi_org ON cloud_provider_integrations (org_id);
CREATE POLICY "own rows" ON cloud_provider_integrations FOR SELECT USING (auth.uid() = user_id);
CREATE TRIGGER touch BEFORE UPDATE ON cloud_provider_integrations FOR EACH ROW EXECUTE FUNCTION touch();
DROP POLICY "own rows" ON cloud_provider_integrations;
DROP TABLE IF EXISTS public.cloud_provider_integrations, other_table;`;
    const tables = extractSql(text).facts.filter((f) => f.kind === "table");
    expect(tables.map((f) => [f.name[0], f.access, lineAt(text, f.span.start), text.slice(f.span.start, f.span.end)])).toEqual([
      ["cloud_provider_integrations", "schema", 1, "public.cloud_provider_integrations"],
      ["cloud_provider_integrations", "schema", 2, "cloud_provider_integrations"],
      ["cloud_provider_integrations", "schema", 3, "cloud_provider_integrations"],
      ["cloud_provider_integrations", "schema", 4, "cloud_provider_integrations"],
      ["cloud_provider_integrations", "schema", 5, "cloud_provider_integrations"],
      ["cloud_provider_integrations", "schema", 6, "cloud_provider_integrations"],
      ["cloud_provider_integrations", "schema", 7, "public.cloud_provider_integrations"],
      ["other_table", "schema", 7, "other_table"],
    ]);
  });

  it("does not take names in comments, string literals or other identifiers for tables", () => {
    const text = `-- cloud_provider_integrations was dropped in 2024
/* SELECT * FROM cloud_provider_integrations */
SELECT 'cloud_provider_integrations' AS old_name, cloud_provider_integrations_count FROM stats;
COMMENT ON COLUMN stats.x IS 'from cloud_provider_integrations';`;
    const tables = extractSql(text).facts.filter((f) => f.kind === "table").map((f) => f.name[0]);
    // The FROM of line 3 and the table of COMMENT ON COLUMN stats.x; never the comment's text.
    expect(tables).toEqual(["stats", "stats"]);
  });

  it("keeps quoted identifiers' case and resolves schema-qualified names to the bare table", () => {
    const tables = extractSql('SELECT * FROM "Public"."Cloud_Provider_Integrations", public.cloud_provider_integrations;').facts;
    expect(tables.map((f) => f.kind === "table" && f.name[0])).toEqual(["Cloud_Provider_Integrations", "cloud_provider_integrations"]);
  });
});

describe("sql adapter: columns", () => {
  it("writes: UPDATE SET, INSERT column lists, ON CONFLICT DO UPDATE, ADD COLUMN", () => {
    const text = `UPDATE organizations SET integration_aws_status = 'VALID', updated_at = now() WHERE id = $1;
INSERT INTO organizations (id, integration_gcp_configured_at) VALUES ($1, now())
  ON CONFLICT (id) DO UPDATE SET integration_gcp_status = excluded.integration_gcp_status;
ALTER TABLE organizations ADD COLUMN IF NOT EXISTS integration_openai_status text;`;
    const writes = extractSql(text).facts.filter((f) => f.kind === "column").filter((f) => f.access === "write");
    expect(writes.map((f) => [f.name[0], lineAt(text, f.span.start), text.slice(f.span.start, f.span.end)])).toEqual([
      ["integration_aws_status", 1, "integration_aws_status"],
      ["updated_at", 1, "updated_at"],
      ["id", 2, "id"],
      ["integration_gcp_configured_at", 2, "integration_gcp_configured_at"],
      ["integration_gcp_status", 3, "integration_gcp_status"],
      ["integration_openai_status", 4, "integration_openai_status"],
    ]);
  });

  it("reads: SELECT lists and WHERE ColumnRefs, qualified or not; an alias is not a column", () => {
    const text = "SELECT o.integration_gcp_status AS integration_x_status, name FROM organizations o WHERE o.integration_aws_configured_at IS NULL;";
    const reads = extractSql(text).facts.filter((f) => f.kind === "column");
    expect(reads.map((f) => [f.name[0], f.access, text.slice(f.span.start, f.span.end)])).toEqual([
      ["integration_gcp_status", "read", "integration_gcp_status"],
      ["name", "read", "name"],
      ["integration_aws_configured_at", "read", "integration_aws_configured_at"],
    ]);
  });

  it("DROP COLUMN and CREATE TABLE columns are DDL, not writes", () => {
    const text = `ALTER TABLE organizations DROP COLUMN integration_aws_status;
CREATE TABLE t (integration_x_status text);`;
    expect(extractSql(text).facts.filter((f) => f.kind === "column" && f.access === "write")).toEqual([]);
  });
});

describe("sql adapter: statements, positions, query ids", () => {
  it("gives every statement its own query id", () => {
    const text = "SELECT a FROM t1; SELECT b FROM t2;\nUPDATE t3 SET c = 1;";
    const ids = extractSql(text).facts.map((f) => (f.kind === "table" || f.kind === "column" ? f.query : undefined));
    expect(ids).toEqual([1, 1, 2, 2, 3, 3]);
  });

  it("maps parser byte offsets to string offsets after non-ASCII text", () => {
    const text = "SELECT 'héllo 🎉 wörld' AS greeting FROM t;\n-- ünïcode\nUPDATE organizations SET integration_aws_status = 'é' WHERE id = 1;";
    const found = extractSql(text).facts.filter((f) => f.kind === "column" && f.access === "write");
    expect(found.map((f) => text.slice(f.span.start, f.span.end))).toEqual(["integration_aws_status"]);
    expect(extractSql(text).facts.filter((f) => f.kind === "table").map((f) => text.slice(f.span.start, f.span.end))).toEqual(["t", "organizations"]);
  });

  it("does not split at a ; inside strings, dollar-quoted bodies or comments", () => {
    const text = `CREATE FUNCTION f() RETURNS void AS $body$ BEGIN PERFORM 1; END; $body$ LANGUAGE plpgsql;
SELECT ';' AS semi /* ; */ FROM cloud_provider_integrations; -- ;`;
    const result = extractSql(text);
    expect(result.parseErrors).toEqual([]);
    expect(result.facts.filter((f) => f.kind === "table").map((f) => [f.name[0], f.kind === "table" && f.query])).toEqual([["cloud_provider_integrations", 2]]);
  });
});

describe("sql adapter: statements that do not parse", () => {
  const text = `SELECT id FROM ok_table;
SELEC provider FROM cloud_provider_integrations WHERE;
UPDATE organizations SET integration_aws_status = 'VALID' WHERE id = AND;
INSERT INTO organizations (id, integration_gcp_status) VALUES (1, 'x') oops;
SELECT integration_openai_status FROM organizations WHERE id = 1;`;
  // Extracted in the tests, after beforeAll has loaded the parser.
  let result: ReturnType<typeof extractSql>;
  beforeAll(() => {
    result = extractSql(text);
  });
  const byLine = (f: Fact) => [f.kind, "access" in f ? f.access : "", "name" in f && Array.isArray(f.name) ? f.name[0] : "", lineAt(text, f.span.start)];

  it("notes each failing statement with its line", () => {
    expect(result.parseErrors.map((e) => [e.message.match(/line (\d+)/)?.[1], lineAt(text, e.span!.start)])).toEqual([
      ["2", 2],
      ["3", 3],
      ["4", 4],
    ]);
  });

  it("still finds tables and written columns in them by a token scan, and parses the others", () => {
    const found = result.facts.map(byLine);
    expect(found).toContainEqual(["table", "read", "cloud_provider_integrations", 2]);
    expect(found).toContainEqual(["table", "write", "organizations", 3]);
    expect(found).toContainEqual(["column", "write", "integration_aws_status", 3]);
    expect(found).toContainEqual(["column", "write", "integration_gcp_status", 4]);
    expect(found).toContainEqual(["column", "read", "integration_openai_status", 5]);
    expect(found).toContainEqual(["table", "read", "ok_table", 1]);
  });

  it("the token scan ignores comments and strings in a broken statement", () => {
    const broken = "SELEC 'cloud_provider_integrations' -- FROM cloud_provider_integrations\nFROM users WHERE;";
    expect(extractSql(broken).facts.filter((f) => f.kind === "table").map((f) => f.kind === "table" && f.name[0])).toEqual(["users"]);
  });

  it("never throws on garbage", () => {
    for (const garbage of ["", ";;;", "'unterminated", '"unterminated', "$$ never closed", "/* open", "\u0000\u0001", "SELECT (((", "))) FROM FROM"]) {
      expect(() => extractSql(garbage)).not.toThrow();
    }
  });
});

describe("sql adapter: the engine's pre-check", () => {
  it("skips statements the pre-check rules out, keeping statement numbers as query ids", () => {
    const text = "SELECT a FROM t1;\nSELECT b FROM cloud_provider_integrations;\nSELEC broken FROM t3;";
    const result = extractSql(text, (statement) => statement.includes("cloud_provider"));
    expect(result.facts.map((f) => [f.kind, "name" in f && Array.isArray(f.name) && f.name[0], "query" in f && f.query])).toEqual([
      ["column", "b", 2],
      ["table", "cloud_provider_integrations", 2],
    ]);
    // The broken statement was never parsed: no note for it.
    expect(result.parseErrors).toEqual([]);
  });
});

describe("sql adapter: function bodies", () => {
  it("finds writes inside a PL/pgSQL trigger function and a DO block, at their place in the file", () => {
    const text = `CREATE OR REPLACE FUNCTION mark_configured() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v text;
BEGIN
  IF NEW.provider = 'OPENAI' THEN
    UPDATE organizations SET integration_openai_status = 'VALID' WHERE id = NEW.org_id;
  END IF;
  RETURN NEW;
END;
$$;
DO $body$ BEGIN DELETE FROM public.cloud_provider_integrations; END $body$;
CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';`;
    const result = extractSql(text);
    expect(result.parseErrors).toEqual([]);
    expect(result.facts.filter((f) => (f.kind === "table" || f.kind === "column") && f.access === "write").map((f) => [f.kind, "name" in f && Array.isArray(f.name) && f.name[0], lineAt(text, f.span.start), text.slice(f.span.start, f.span.end), "query" in f && f.query])).toEqual([
      ["table", "organizations", 6, "organizations", 1],
      ["column", "integration_openai_status", 6, "integration_openai_status", 1],
      ["table", "cloud_provider_integrations", 11, "public.cloud_provider_integrations", 2],
    ]);
  });
});

describe("sql adapter: more statement kinds", () => {
  it("MERGE, COPY FROM/TO, CREATE VIEW, GRANT", () => {
    const text = `MERGE INTO organizations o USING src s ON s.id = o.id
  WHEN MATCHED THEN UPDATE SET integration_gcp_status = s.v
  WHEN NOT MATCHED THEN INSERT (id, integration_aws_status) VALUES (s.id, s.v);
COPY cloud_provider_integrations FROM STDIN;
COPY cloud_provider_integrations TO STDOUT;
CREATE VIEW org_status AS SELECT integration_gcp_status FROM organizations;
GRANT SELECT ON cloud_provider_integrations TO anon;`;
    const facts = extractSql(text).facts.filter((f) => f.kind === "table" || (f.kind === "column" && f.name[0]!.startsWith("integration")));
    expect(facts.map((f) => [f.kind, "access" in f && f.access, "name" in f && Array.isArray(f.name) && f.name[0], lineAt(text, f.span.start)])).toEqual([
      ["table", "write", "organizations", 1],
      ["table", "read", "src", 1],
      ["column", "write", "integration_gcp_status", 2],
      ["column", "write", "integration_aws_status", 3],
      ["table", "write", "cloud_provider_integrations", 4],
      ["table", "read", "cloud_provider_integrations", 5],
      ["table", "schema", "org_status", 6],
      ["column", "read", "integration_gcp_status", 6],
      ["table", "read", "organizations", 6],
      ["table", "schema", "cloud_provider_integrations", 7],
    ]);
  });
});

describe("sql adapter: text embedded in code", () => {
  it("interpolations masked as underscores (the EmbeddedText convention) still parse; the masked column still matches integration_*_status", () => {
    // From sql`UPDATE organizations SET integration_${p}_status = ${v} WHERE id = ${id}` in TypeScript.
    const text = "UPDATE organizations SET integration_____status = ____ WHERE id = _____";
    const result = extractSql(text);
    expect(result.parseErrors).toEqual([]);
    const writes = result.facts.filter((f): f is ColumnFact => f.kind === "column" && f.access === "write");
    expect(writes.map((f) => text.slice(f.span.start, f.span.end))).toEqual(["integration_____status"]);
    expect(matchesResolvedName(compileNamePatterns(["integration_*_status"]), writes[0]!.name)).toBe(true);
  });
});

describe("sql adapter: ADD COLUMN forms", () => {
  it("with or without COLUMN, parsed or scanned; ADD CONSTRAINT is not a column", () => {
    const text = `ALTER TABLE organizations ADD integration_aws_status text;
ALTER TABLE organizations ADD CONSTRAINT integration_x_status_check CHECK (true);
ALTER TABLE organizations ADD integration_gcp_status text NOT NULL DEFAULT oops oops;
ALTER TABLE organizations ADD COLUMN IF NOT EXISTS integration_x_configured_at timestamptz BROKEN BROKEN;`;
    const result = extractSql(text);
    expect(result.parseErrors.map((e) => lineAt(text, e.span!.start))).toEqual([3, 4]);
    expect(result.facts.filter((f) => f.kind === "column" && f.access === "write").map((f) => [text.slice(f.span.start, f.span.end), lineAt(text, f.span.start)])).toEqual([
      ["integration_aws_status", 1],
      ["integration_gcp_status", 3],
      ["integration_x_configured_at", 4],
    ]);
  });
});
