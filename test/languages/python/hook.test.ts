/**
 * The built hook on Python and SQL writes of issue 10's forms: a real process, real stdin JSON,
 * real files. Denies what the spec blocks, says nothing about the clean look-alikes, and never
 * reports valid Python (a pytest fixture with a bare yield) as unparsable.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
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

describe("hook: Python constants imported from other modules on disk", () => {
  const CONFIG = `INTEGRATIONS_TABLE = "cloud_provider_integrations"\nMEMBERS_TABLE = "org_members"\n`;
  const insert = (name: string, module = "app.db.config") =>
    `from ${module} import ${name}\nfrom app.clients import supabase\n\n\ndef save(org_id: str) -> None:\n    supabase.table(${name}).insert({"org_id": org_id}).execute()\n`;

  it("denies a Write whose only table name is a constant of another module", () => {
    const dir = project({ "pyproject.toml": "", "app/__init__.py": "", "app/db/__init__.py": "", "app/db/config.py": CONFIG });
    const run = write(dir, "app/services/save.py", insert("INTEGRATIONS_TABLE"));
    expect(isDeny(run)).toBe(true);
    expect(reasonFindings(run)).toEqual([{ location: "app/services/save.py:6", ruleId: TABLE }]);
  });

  it("denies after an earlier Write created the module (a relative import through a package re-export)", () => {
    const dir = project({ ".git/HEAD": "", "app/__init__.py": "" });
    // The earlier tool call: allowed (a constants module is no violation), then carried out.
    const configPath = join(dir, "app/db/config.py");
    expect(isDeny(runHook(payload("Write", { file_path: configPath, content: CONFIG }, dir)))).toBe(false);
    mkdirSync(dirname(configPath), { recursive: true });
    writeFileSync(configPath, CONFIG);
    writeFileSync(join(dir, "app/db/__init__.py"), "from .config import *\nfrom .config import INTEGRATIONS_TABLE as LEGACY\n");
    const content = `from ..db import LEGACY\n\nclass Repo:\n    def wipe(self, sb):\n        sb.table(LEGACY).delete().eq("org_id", 1).execute()\n`;
    const run = write(dir, "app/jobs/wipe.py", content);
    expect(isDeny(run)).toBe(true);
    expect(reasonFindings(run)).toEqual([{ location: "app/jobs/wipe.py:5", ruleId: TABLE }]);
  });

  it("denies an Edit that switches a query to the imported constant", () => {
    const existing = insert("MEMBERS_TABLE").replace("import MEMBERS_TABLE", "import INTEGRATIONS_TABLE, MEMBERS_TABLE");
    const dir = project({ "pyproject.toml": "", "app/__init__.py": "", "app/db/__init__.py": "", "app/db/config.py": CONFIG, "app/services/save.py": existing });
    const run = runHook(payload("Edit", { file_path: join(dir, "app/services/save.py"), old_string: "supabase.table(MEMBERS_TABLE)", new_string: "supabase.table(INTEGRATIONS_TABLE)" }, dir));
    expect(isDeny(run)).toBe(true);
    expect(reasonFindings(run)).toEqual([{ location: "app/services/save.py:6", ruleId: TABLE }]);
  });

  it("allows the clean look-alike: another constant of the same module", () => {
    const dir = project({ "pyproject.toml": "", "app/__init__.py": "", "app/db/__init__.py": "", "app/db/config.py": CONFIG });
    const run = write(dir, "app/services/members.py", insert("MEMBERS_TABLE"));
    expect(run.status).toBe(0);
    expect(isDeny(run)).toBe(false);
  });

  it("allows the clean look-alike: a constant of the same name with another value", () => {
    const dir = project({ "pyproject.toml": "", "app/__init__.py": "", "app/db/__init__.py": "", "app/db/config.py": `INTEGRATIONS_TABLE = "integrations_v2"\n` });
    const run = write(dir, "app/services/save.py", insert("INTEGRATIONS_TABLE"));
    expect(run.status).toBe(0);
    expect(isDeny(run)).toBe(false);
  });
});
