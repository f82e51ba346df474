/** Python and SQL documents through the engine with the built-in rules: rule ids and lines. */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkDocument } from "../../../src/engine/check.js";
import { languageOfPath } from "../../../src/languages/registry.js";
import { compileRules } from "../../../src/rules/compile.js";
import { loadRuleDirectory } from "../../../src/rules/load.js";

const { rules } = await loadRuleDirectory(join(fileURLToPath(new URL("../../../rules", import.meta.url))));
const compiled = compileRules(rules.map(({ examples: _examples, ...rule }) => rule));

async function findings(path: string, text: string): Promise<string[]> {
  const result = await checkDocument({ path, text, language: languageOfPath(path)! }, compiled);
  return result.findings.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.severity}`);
}

describe("python through the engine", () => {
  it("service-role client used for integration data blocks at the query; for other data it does not", async () => {
    const text = `from app.db import create_service_role_client

def admin():
    return create_service_role_client()

def mark(org_id, provider):
    db = admin()
    db.table("organizations").update({f"integration_{provider}_status": "VALID"}).eq("id", org_id).execute()

def members(org_id):
    admin().table("org_members").delete().eq("org_id", org_id).execute()
`;
    expect(await findings("svc.py", text)).toEqual([
      "8:14 no-service-role-client-for-integrations block",
      "8:39 no-integration-status-write block",
    ]);
  });

  it("SQL inside Python strings is checked by the SQL adapter at the right line and column", async () => {
    const text = `def legacy(cur, provider):
    cur.execute(
        f"""
        UPDATE organizations
           SET integration_{provider}_status = %s
         WHERE id = %s
        """,
        ("VALID", 1),
    )
    cur.execute("SELECT * FROM cloud_provider_integrations")
`;
    expect(await findings("legacy.py", text)).toEqual([
      "5:16 no-integration-status-write block",
      "10:32 no-cloud-provider-integrations-table block",
    ]);
  });

  it("mentions in comments, docstrings and logs are not findings", async () => {
    const text = `"""Replaces cloud_provider_integrations and integration_openai_status (see docs)."""
# supabase.table("cloud_provider_integrations").update({"integration_gcp_status": "x"})
logger.warning("cloud_provider_integrations is gone; integration_gcp_status too")
def validate_integration_status(x):
    return x
`;
    expect(await findings("clean.py", text)).toEqual([]);
  });

  it("a save_*integration_status definition blocks and a call warns", async () => {
    const text = `async def save_openai_integration_status(org, status):
    pass
await save_openai_integration_status(org, "VALID")
`;
    expect(await findings("save.py", text)).toEqual([
      "1:11 no-save-integration-status-function block",
      "3:7 no-save-integration-status-function warn",
    ]);
  });

  it("a file that does not parse is still checked, with a note", async () => {
    const text = `def broken(:\n    pass\nsupabase.table("cloud_provider_integrations").select("*").execute()\n`;
    const result = await checkDocument({ path: "broken.py", text, language: "python" }, compiled);
    expect(result.findings.map((f) => `${f.line} ${f.ruleId}`)).toEqual(["3 no-cloud-provider-integrations-table"]);
    expect(result.notes.map((n) => n.message)).toEqual([expect.stringMatching(/broken\.py did not parse.*line 1/)]);
  });
});

describe("sql through the engine", () => {
  it("a migration: DDL on the table blocks, adding a status column blocks, reads warn", async () => {
    const text = `-- migrate away from cloud_provider_integrations
ALTER TABLE public.cloud_provider_integrations ADD COLUMN note text;
ALTER TABLE organizations ADD COLUMN integration_azure_status text;
SELECT integration_gcp_configured_at FROM organizations;
CREATE TABLE org_integration_audit (id uuid);
`;
    expect(await findings("001_migrate.sql", text)).toEqual([
      "2:13 no-cloud-provider-integrations-table block",
      "3:38 no-integration-status-write block",
      "4:8 no-integration-status-read warn",
    ]);
  });

  it("a broken statement does not hide the next one; the note names its line", async () => {
    const text = `UPDATE organizations SET integration_aws_status = 'VALID' WHERE;\nDROP TABLE cloud_provider_integrations;\n`;
    const result = await checkDocument({ path: "x.sql", text, language: "sql" }, compiled);
    expect(result.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual([
      "1:26 no-integration-status-write",
      "2:12 no-cloud-provider-integrations-table",
    ]);
    expect(result.notes.map((n) => n.message)).toEqual([expect.stringMatching(/x\.sql did not parse.*line 1/)]);
  });
});
