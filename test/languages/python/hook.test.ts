/**
 * The built hook on Python and SQL writes of issue 10's forms: a real process, real stdin JSON,
 * real files. Denies what the spec blocks, says nothing about the clean look-alikes, and never
 * reports valid Python (a pytest fixture with a bare yield) as unparsable.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isDeny, payload, project, reasonFindings, runHook } from "../../helpers/hook.js";

const TABLE = "no-cloud-provider-integrations-table";
const WRITE = "no-integration-status-write";
const SERVICE = "no-service-role-client-for-integrations";

const write = (dir: string, path: string, content: string) => runHook(payload("Write", { file_path: join(dir, path), content }, dir));

describe("hook: Python and SQL forms", () => {
  it("a pytest fixture with a bare yield that uses the retired table: denied, no parse note", () => {
    const dir = project();
    const run = write(dir, "tests/conftest.py", `import pytest\n\n@pytest.fixture\ndef legacy(sb):\n    yield\n    sb.table(TABLES[1]).delete().execute()\n\nTABLES = ("org_members", "cloud_provider_integrations")\n`);
    expect(isDeny(run)).toBe(true);
    expect(reasonFindings(run)).toEqual([{ location: "tests/conftest.py:6", ruleId: TABLE }]);
    expect(run.stderr).not.toMatch(/did not parse/);
  });

  it("a service-role client by key, behind an lru_cache getter, writing a status column", () => {
    const dir = project();
    const content = `import os\nfrom functools import lru_cache\nfrom supabase import create_client\n\n@lru_cache\ndef admin():\n    return create_client(os.environ["SUPABASE_URL"], os.environ["SUPABASE_SERVICE_ROLE_KEY"])\n\ndef mark(org_id: str) -> None:\n    admin().table("organizations").update({"integration_openai_status": "VALID"}).eq("id", org_id).execute()\n`;
    const run = write(dir, "app/status.py", content);
    expect(isDeny(run)).toBe(true);
    expect(reasonFindings(run)).toEqual([
      { location: "app/status.py:10", ruleId: SERVICE },
      { location: "app/status.py:10", ruleId: WRITE },
    ]);
  });

  it("PL/pgSQL EXECUTE format in a migration: denied", () => {
    const dir = project();
    const run = write(dir, "supabase/migrations/1_fix.sql", `DO $$\nBEGIN\n  EXECUTE format('ALTER TABLE %I ADD COLUMN note text', 'cloud_provider_integrations');\nEND $$;\n`);
    expect(isDeny(run)).toBe(true);
    expect(reasonFindings(run)).toEqual([{ location: "supabase/migrations/1_fix.sql:3", ruleId: TABLE }]);
  });

  it("clean look-alikes: a log message with SQL words, an anon client, another table through a helper", () => {
    const dir = project();
    const content = `import logging, os\nlog = logging.getLogger(__name__)\n\ndef tbl(name):\n    return name\n\ndef cleanup(sb):\n    log.info("DELETE FROM cloud_provider_integrations is handled by the integrations API now")\n    anon = create_client(os.environ["SUPABASE_URL"], os.environ["SUPABASE_ANON_KEY"])\n    anon.table(tbl("org_members")).delete().eq("stale", True).execute()\n`;
    const run = write(dir, "app/cleanup.py", content);
    expect(run.status).toBe(0);
    expect(isDeny(run)).toBe(false);
  });
});
