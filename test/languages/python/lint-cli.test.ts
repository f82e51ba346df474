/** Python and SQL files through the built binary: `integration-guard lint --format json`. */
import { describe, expect, it } from "vitest";
import { lintJson, tempDir, write } from "../../lint/helpers.js";

describe("lint of .py and .sql files (built binary)", () => {
  it("reports rule ids and exact positions, and exits 1 on a block", () => {
    const dir = tempDir("ig-pysql-");
    write(dir, "app/store.py", `from db import create_service_role_client

TABLE = "cloud_provider_integrations"

def load(org_id):
    client = create_service_role_client()
    return client.table(TABLE).select("id, integration_gcp_status").eq("org_id", org_id).execute()
`);
    write(dir, "migrations/001.sql", `-- cloud_provider_integrations: dropped below
UPDATE organizations SET integration_aws_status = 'VALID' WHERE id = 1;
DROP TABLE public.cloud_provider_integrations;
`);
    write(dir, "app/clean.py", `# cloud_provider_integrations is gone\nprint("integration_gcp_status")\n`);
    const out = lintJson(dir, ["app", "migrations"]);
    expect(out.errors).toEqual([]);
    expect(out.code).toBe(1);
    expect(out.findings.map((f) => `${f.file}:${f.line}:${f.column}-${f.endColumn} ${f.ruleId} ${f.severity}`).sort()).toEqual([
      "app/store.py:7:25-30 no-cloud-provider-integrations-table block",
      "app/store.py:7:25-30 no-service-role-client-for-integrations block",
      "app/store.py:7:44-66 no-integration-status-read warn",
      "migrations/001.sql:2:26-48 no-integration-status-write block",
      "migrations/001.sql:3:12-46 no-cloud-provider-integrations-table block",
    ]);
  });

  it("a Python file with only warnings exits 0", () => {
    const dir = tempDir("ig-pysql-");
    write(dir, "read.py", `rows = supabase.table("organizations").select("integration_openai_status").execute()\n`);
    const out = lintJson(dir, ["read.py"]);
    expect(out.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(["1:48 no-integration-status-read"]);
    expect(out.code).toBe(0);
  });

  it("reads constants imported from the project's other modules by default (the constants module itself is clean)", () => {
    const dir = tempDir("ig-pysql-");
    write(dir, "pyproject.toml", "");
    write(dir, "app/__init__.py", "");
    write(dir, "app/db/__init__.py", "from .tables import *\n");
    write(dir, "app/db/tables.py", `INTEGRATIONS_TABLE = "cloud_provider_integrations"\nMEMBERS = "org_members"\n`);
    write(dir, "app/jobs/sync.py", `from app.db import INTEGRATIONS_TABLE, MEMBERS\n\ndef sync(sb):\n    sb.table(MEMBERS).select("*").execute()\n    sb.table(INTEGRATIONS_TABLE).upsert({"org_id": 1}).execute()\n`);
    const out = lintJson(dir, ["app"]);
    expect(out.errors).toEqual([]);
    expect(out.findings.map((f) => `${f.file}:${f.line}:${f.column}-${f.endColumn} ${f.ruleId}`)).toEqual([
      "app/jobs/sync.py:5:14-32 no-cloud-provider-integrations-table",
    ]);
    expect(out.code).toBe(1);
  });
});
