/**
 * SQL files: COMMENT ON names the table, and PL/pgSQL dynamic SQL (`EXECUTE 'text'`,
 * `EXECUTE format('... %I ...', 'name')`, constants declared in the body, `||`) is read as the SQL
 * it runs, reported at the EXECUTE statement. Through the engine with the built-in rules.
 */
import { describe, expect, it } from "vitest";
import { checkWithBuiltinRules, TABLE, WRITE } from "./helpers.js";

async function findings(text: string): Promise<string[]> {
  const result = await checkWithBuiltinRules("m.sql", text, "sql");
  expect(result.notes).toEqual([]);
  return result.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`);
}

describe("COMMENT ON", () => {
  it("COMMENT ON TABLE and COMMENT ON COLUMN of the retired table", async () => {
    const text = `COMMENT ON TABLE public.cloud_provider_integrations IS 'legacy';\nCOMMENT ON COLUMN cloud_provider_integrations.secret IS 'encrypted';\n`;
    expect(await findings(text)).toEqual([`1:18 ${TABLE}`, `2:19 ${TABLE}`]);
  });

  it("clean: comments on other tables and on status columns (not a write)", async () => {
    const text = `COMMENT ON TABLE org_members IS 'cloud_provider_integrations moved to the API';\nCOMMENT ON COLUMN organizations.integration_openai_status IS 'deprecated';\n`;
    expect(await findings(text)).toEqual([]);
  });
});

describe("dynamic SQL in PL/pgSQL", () => {
  it("EXECUTE format('%I', 'name') in a DO block", async () => {
    const text = `DO $$\nBEGIN\n  EXECUTE format('DROP TABLE IF EXISTS %I', 'cloud_provider_integrations');\nEND\n$$;\n`;
    expect(await findings(text)).toEqual([`3:3 ${TABLE}`]);
  });

  it("EXECUTE format with %1$I, a constant declared in the body, USING", async () => {
    const text = `CREATE OR REPLACE FUNCTION mark(org uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  col text := 'integration_gcp_status';
BEGIN
  EXECUTE format('UPDATE %1$I SET %2$I = $1 WHERE id = $2', 'organizations', col) USING 'VALID', org;
END
$$;
`;
    expect(await findings(text)).toEqual([`5:3 ${WRITE}`]);
  });

  it("EXECUTE of a concatenation with quote_ident", async () => {
    const text = `DO $$\nDECLARE t text := 'cloud_provider_integrations';\nBEGIN\n  EXECUTE 'DELETE FROM ' || quote_ident(t) || ' WHERE org_id IS NULL';\nEND $$;\n`;
    expect(await findings(text)).toEqual([`4:3 ${TABLE}`]);
  });

  it("clean: dynamic SQL on other tables, an unknown table, a message naming the table", async () => {
    const text = `DO $$\nDECLARE t text;\nBEGIN\n  EXECUTE format('DELETE FROM %I', 'org_members');\n  EXECUTE format('DELETE FROM %I', t);\n  RAISE NOTICE 'cloud_provider_integrations is gone';\nEND $$;\n`;
    expect(await findings(text)).toEqual([]);
  });
});
