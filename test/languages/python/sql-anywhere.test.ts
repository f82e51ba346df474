/**
 * SQL in Python wherever it hides, through the engine with the built-in rules (the SQL adapter
 * reads it): constants defined far from the query call, folded f-strings and `%` / `.format`,
 * psycopg `sql` composition, SQLAlchemy `text()`, asyncpg with a dict of queries. Messages,
 * docstrings and sentences that merely start like SQL are not queries.
 */
import { describe, expect, it } from "vitest";
import { checkWithBuiltinRules, READ, SERVICE, TABLE, WRITE } from "../sql/helpers.js";

async function findings(text: string): Promise<string[]> {
  const result = await checkWithBuiltinRules("q.py", text, "python");
  return result.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`);
}

describe("SQL text wherever it is", () => {
  it("a query constant never handed to a call in this file", async () => {
    const text = `TABLE = "cloud_provider_integrations"\nLOAD = f"SELECT * FROM {TABLE} WHERE org_id = $1"\n`;
    expect(await findings(text)).toEqual([`2:8 ${TABLE}`]);
  });

  it("a constant handed to asyncpg later is reported once, at the constant", async () => {
    const text = `DELETE_SQL = "DELETE FROM cloud_provider_integrations WHERE org_id = $1"\n\nasync def purge(pool, org):\n    await pool.execute(DELETE_SQL, org)\n`;
    expect(await findings(text)).toEqual([`1:27 ${TABLE}`]);
  });

  it("a dict of queries used through asyncpg fetch: reported once, at the call", async () => {
    const text = `QUERIES = {\n    "load": "SELECT provider, secret FROM cloud_provider_integrations WHERE org_id = $1",\n}\n\nasync def load(pool, org):\n    return await pool.fetch(QUERIES["load"], org)\n`;
    expect(await findings(text)).toEqual([`6:29 ${TABLE}`]);
  });

  it("concatenation, % and .format with constants are folded", async () => {
    const text = [
      'TABLE = "cloud_provider_integrations"',
      'PREFIX = "integration_openai"',
      'a = "SELECT * FROM " + TABLE',
      'b = "UPDATE organizations SET %s_status = $1" % PREFIX',
      'c = "DELETE FROM {t} WHERE id = $1".format(t=TABLE)',
      "",
    ].join("\n");
    expect(await findings(text)).toEqual([`3:5 ${TABLE}`, `4:5 ${WRITE}`, `5:5 ${TABLE}`]);
  });

  it("concatenation, % and .format with an unknown part: the statement with a hole", async () => {
    const text = [
      'cur.execute("DELETE FROM cloud_provider_integrations WHERE id = " + str(id))',
      'cur.execute("DELETE FROM cloud_provider_integrations WHERE id = %s" % id)',
      'cur.execute("DELETE FROM cloud_provider_integrations WHERE id = {}".format(id))',
      'purge = "DELETE FROM cloud_provider_integrations WHERE org_id = \'%s\'" % (org_id,)',
      'logger.info("Deleting from cloud_provider_integrations " + str(id))',
      'status = "Deleting from cloud_provider_integrations " + str(id)',
      "",
    ].join("\n");
    expect(await findings(text)).toEqual([`1:26 ${TABLE}`, `2:26 ${TABLE}`, `3:26 ${TABLE}`, `4:22 ${TABLE}`]);
  });

  it("psycopg sql.SQL(...).format(sql.Identifier(...)), directly in execute and through a variable", async () => {
    const text = `from psycopg import sql

def load(cur, org):
    cur.execute(sql.SQL("SELECT * FROM {} WHERE org_id = %s").format(sql.Identifier("cloud_provider_integrations")), (org,))

def mark(cur, org):
    q = sql.SQL("UPDATE {} SET {} = %s WHERE id = %s").format(sql.Identifier("public", "organizations"), sql.Identifier("integration_gcp_status"))
    cur.execute(q, ("VALID", org))
`;
    expect(await findings(text)).toEqual([`4:17 ${TABLE}`, `7:9 ${WRITE}`]);
  });

  it("SQLAlchemy text() with a constant and the service-role key on the engine's client", async () => {
    const text = `from sqlalchemy import text\nSTATUS = "SELECT integration_aws_status FROM organizations WHERE id = :id"\nrows = session.execute(text(STATUS), {"id": 1})\n`;
    expect(await findings(text)).toEqual([`2:18 ${READ}`]);
  });

  it("a query string in a function returning it, the service-role client running it", async () => {
    const text = `def legacy_query():\n    return "SELECT * FROM cloud_provider_integrations"\n\nadmin = create_service_role_client()\nadmin.query(legacy_query())\n`;
    expect(await findings(text)).toEqual([`5:13 ${TABLE}`, `5:13 ${SERVICE}`]);
  });
});

describe("not queries", () => {
  it("docstrings, log and exception messages, assert messages, prints", async () => {
    const text = `TABLE = "cloud_provider_integrations"
def f():
    """SELECT * FROM cloud_provider_integrations was the old way; use the API."""
    logger.info("DELETE FROM cloud_provider_integrations finished")
    log.warning(f"UPDATE organizations SET integration_openai_status = {s} is no longer done")
    raise RuntimeError(f"SELECT * FROM {TABLE} failed")
    assert ok, "INSERT INTO cloud_provider_integrations is gone"
    print("DROP TABLE cloud_provider_integrations;")
`;
    expect(await findings(text)).toEqual([]);
  });

  it("a sentence that starts like SQL but does not parse", async () => {
    const text = `HELP = "Select rows from cloud_provider_integrations is no longer supported, see the docs."\nNOTE = "update the org set integration status in the API"\n`;
    expect(await findings(text)).toEqual([]);
  });

  it("SQL about other tables and a string that names the table without SQL", async () => {
    const text = `Q = "SELECT id FROM org_members WHERE org_id = $1"\nNAME = "cloud_provider_integrations"\nprint(NAME)\n`;
    expect(await findings(text)).toEqual([]);
  });
});

describe("clients of SQL run through a service-role client", () => {
  it("a constant executed by the service-role client keeps the client", async () => {
    const text = `Q = "SELECT integration_openai_status FROM organizations"\nadmin = create_service_role_client()\nadmin.execute(Q)\n`;
    // The read at the column, the service-role finding at the table of the query.
    expect(await findings(text)).toEqual([`1:13 ${READ}`, `1:44 ${SERVICE}`]);
  });
});
