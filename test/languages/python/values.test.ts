/**
 * What a Python table or column name can be, through the engine with the built-in rules:
 * class attributes and properties, defaults and fallbacks, loops, comprehensions, same-file
 * helpers, service-role clients by key, wrapped definitions. Each form has a clean look-alike.
 */
import { describe, expect, it } from "vitest";
import { checkWithBuiltinRules, pythonFindings, SAVE, SERVICE, TABLE, WRITE } from "../sql/helpers.js";

const findings = (text: string) => pythonFindings(text, "m.py");

describe("table names", () => {
  const cases: Array<[string, string, string[]]> = [
    ["class attribute through self", `class Repo:\n    TABLE = "cloud_provider_integrations"\n    def load(self):\n        return self.sb.table(self.TABLE).select("*").execute()\n`, [`4 ${TABLE}`]],
    ["class attribute of a base class", `class Base:\n    table_name = "cloud_provider_integrations"\nclass Repo(Base):\n    def load(self):\n        return sb.table(self.table_name).select("*").execute()\n`, [`5 ${TABLE}`]],
    ["property", `class Repo:\n    @property\n    def table(self):\n        return "cloud_provider_integrations"\n    def load(self):\n        return sb.table(self.table).select("*").execute()\n`, [`6 ${TABLE}`]],
    ["instance attribute from __init__", `class Repo:\n    def __init__(self):\n        self.name = "cloud_provider_integrations"\nrepo = Repo()\nsb.table(repo.name).select("*").execute()\n`, [`5 ${TABLE}`]],
    ["default parameter", `def load(sb, table="cloud_provider_integrations"):\n    return sb.table(table).select("*").execute()\nload(sb)\n`, [`2 ${TABLE}`]],
    ["os.environ.get default", `import os\nT = os.environ.get("INTEGRATIONS_TABLE", "cloud_provider_integrations")\nsb.table(T).select("*").execute()\n`, [`3 ${TABLE}`]],
    ["os.getenv default", `import os\nsb.table(os.getenv("T", default="cloud_provider_integrations")).select("*").execute()\n`, [`2 ${TABLE}`]],
    ["or fallback", `import os\nT = os.environ.get("INTEGRATIONS_TABLE") or "cloud_provider_integrations"\nsb.table(T).select("*").execute()\n`, [`3 ${TABLE}`]],
    ["conditional", `T = "integrations_v2" if NEW else "cloud_provider_integrations"\nsb.table(T).select("*").execute()\n`, [`2 ${TABLE}`]],
    ["loop over a tuple", `TABLES = ("org_members", "cloud_provider_integrations")\nfor t in TABLES:\n    sb.table(t).delete().eq("org_id", org).execute()\n`, [`3 ${TABLE}`]],
    ["loop over dict items", `TABLES = {"members": "org_members", "legacy": "cloud_provider_integrations"}\nfor key, name in TABLES.items():\n    sb.table(name).select("*").execute()\n`, [`3 ${TABLE}`]],
    ["comprehension over a list", `NAMES = ["cloud_provider_integrations"]\nrows = [sb.table(n).select("*").execute() for n in NAMES]\n`, [`2 ${TABLE}`]],
    ["same-file helper with a constant argument", `def tbl(name):\n    return f"{name}"\nsb.table(tbl("org_members")).select("*").execute()\nsb.table(tbl("cloud_provider_integrations")).select("*").execute()\n`, [`4 ${TABLE}`]],
    ["helper through a keyword argument and a constant", `PREFIX = "cloud_provider"\ndef table_for(kind):\n    return PREFIX + "_" + kind\nsb.table(table_for(kind="integrations")).select("*").execute()\n`, [`4 ${TABLE}`]],
    ["method helper with self", `class Repo:\n    def _t(self, suffix):\n        return "cloud_provider_" + suffix\n    def load(self):\n        return sb.table(self._t("integrations")).select("*").execute()\n`, [`5 ${TABLE}`]],
  ];
  for (const [name, text, expected] of cases) it(name, async () => expect(await findings(text)).toEqual(expected));

  const clean: Array<[string, string]> = [
    ["helper called with another constant", `def tbl(name):\n    return f"{name}"\nsb.table(tbl("org_members")).select("*").execute()\nlog(tbl("cloud_provider_integrations"))\n`],
    ["class attribute of another class", `class Old:\n    TABLE = "cloud_provider_integrations"\nclass Repo:\n    TABLE = "org_members"\n    def load(self):\n        return sb.table(self.TABLE).select("*").execute()\n`],
    ["self.attr assigned in another class", `class Old:\n    def __init__(self):\n        self.t = "cloud_provider_integrations"\nclass Repo:\n    def __init__(self):\n        self.t = "org_members"\n    def load(self):\n        return sb.table(self.t).select("*").execute()\n`],
    ["env default that is another table", `import os\nsb.table(os.environ.get("T", "org_members")).select("*").execute()\nmsg = os.environ.get("X", "cloud_provider_integrations")\n`],
    ["a loop variable that shadows a constant", `t = "cloud_provider_integrations"\nfor t in ["org_members"]:\n    sb.table(t).select("*").execute()\n`],
  ];
  for (const [name, text] of clean) it(`clean: ${name}`, async () => expect(await findings(text)).toEqual([]));
});

describe("column names", () => {
  it("dict comprehension over a constant list of providers writes each status column", async () => {
    const text = `PROVIDERS = ["openai", "gcp"]\nsb.table("organizations").update({f"integration_{p}_status": None for p in PROVIDERS}).execute()\n`;
    expect(await findings(text)).toEqual([`2 ${WRITE}`]);
  });

  it("dict(zip(COLUMNS, values)) and dict.fromkeys(COLUMNS)", async () => {
    const text = `COLUMNS = ["integration_openai_status", "integration_openai_configured_at"]\nsb.table("organizations").update(dict(zip(COLUMNS, values))).execute()\nsb.table("organizations").update(dict.fromkeys(COLUMNS, None)).execute()\n`;
    expect(await findings(text)).toEqual([`2 ${WRITE}`, `3 ${WRITE}`]);
  });

  it("clean: a comprehension over columns that are not status columns", async () => {
    const text = `COLUMNS = ["name", "integration_notes"]\nsb.table("organizations").update({c: None for c in COLUMNS}).execute()\n`;
    expect(await findings(text)).toEqual([]);
  });
});

describe("service-role clients by key, getters and lazy singletons", () => {
  const cases: Array<[string, string, string[]]> = [
    ["create_client with os.environ[...SERVICE_ROLE...]", `import os\nfrom supabase import create_client\nadmin = create_client(os.environ["SUPABASE_URL"], os.environ["SUPABASE_SERVICE_ROLE_KEY"])\nadmin.table("organizations").select("integration_openai_status").execute()\n`, [`4 ${SERVICE}`]],
    ["key in a variable from getenv", `import os\nkey = os.getenv("SUPABASE_SERVICE_ROLE_KEY")\nadmin = create_client(URL, key)\nadmin.table("cloud_provider_integrations").select("*").execute()\n`, [`4 ${TABLE}`, `4 ${SERVICE}`]],
    ["settings attribute, lru_cache getter", `from functools import lru_cache\n@lru_cache\ndef get_admin():\n    return create_client(settings.supabase_url, settings.supabase_service_role_key)\ndef mark(org):\n    get_admin().table("organizations").update({"integration_gcp_status": "x"}).eq("id", org).execute()\n`, [`6 ${SERVICE}`, `6 ${WRITE}`]],
    ["lazy singleton with global", `_client = None\ndef client():\n    global _client\n    if _client is None:\n        _client = create_client(URL, SERVICE_ROLE_KEY)\n    return _client\nclient().table("organizations").select("integration_aws_configured_at").execute()\n`, [`7 ${SERVICE}`]],
    ["property on a class", `class Store:\n    @property\n    def admin(self):\n        if self._admin is None:\n            self._admin = create_client(URL, SUPABASE_SERVICE_ROLE_KEY)\n        return self._admin\n    def read(self, org):\n        return self.admin.table("organizations").select("integration_openai_status").eq("id", org).execute()\n`, [`8 ${SERVICE}`]],
  ];
  for (const [name, text, expected] of cases) it(name, async () => expect((await findings(text)).filter((f) => !f.endsWith("no-integration-status-read"))).toEqual(expected));

  it("clean: the anon key, and the service-role key used for other data", async () => {
    const text = `import os\nanon = create_client(URL, os.environ["SUPABASE_ANON_KEY"])\nanon.table("organizations").select("integration_openai_status").execute()\nadmin = create_client(URL, os.environ["SUPABASE_SERVICE_ROLE_KEY"])\nadmin.table("org_members").delete().eq("id", 1).execute()\n`;
    expect((await findings(text)).filter((f) => f.includes(SERVICE))).toEqual([]);
  });
});

describe("definitions through wrappers", () => {
  it("partial, partialmethod, a wrapper around a lambda or a same-file function", async () => {
    const text = `from functools import partial, partialmethod
def _save(org, provider, status):
    pass
save_openai_integration_status = partial(_save, provider="openai")
save_gcp_integration_status = with_auth(lambda org: _save(org, "gcp", "x"))
save_integration_status = retry(3)(_save)
class Repo:
    save_aws_integration_status = partialmethod(_save, provider="aws")
`;
    expect((await findings(text)).filter((f) => f.endsWith(SAVE))).toEqual([`4 ${SAVE}`, `5 ${SAVE}`, `6 ${SAVE}`, `8 ${SAVE}`]);
  });

  it("partial(save_integration_status, ...) is a call (warn); clean look-alikes are not definitions", async () => {
    const text = `from functools import partial
job = partial(save_integration_status, org)
save_integration_settings = partial(_save, provider="openai")
save_cloud_integration_status_label = "x"
`;
    const result = await checkWithBuiltinRules("m.py", text, "python");
    expect(result.findings.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.severity}`)).toEqual([`2:15 ${SAVE} warn`]);
  });
});

describe("more shapes agents write", () => {
  const cases: Array<[string, string, string[]]> = [
    ["str Enum member .value", `class Tables(str, Enum):\n    CLOUD = "cloud_provider_integrations"\nsb.table(Tables.CLOUD.value).select("*").execute()\n`, [`3 ${TABLE}`]],
    ["dataclass config instance", `@dataclass(frozen=True)\nclass Config:\n    table: str = "cloud_provider_integrations"\nCONFIG = Config()\nsb.table(CONFIG.table).select("*").execute()\n`, [`5 ${TABLE}`]],
    ["list index and str.replace", `NAMES = ["org_members", "cloud-provider-integrations"]\nsb.table(NAMES[1].replace("-", "_")).select("*").execute()\n`, [`2 ${TABLE}`]],
    ["walrus", `if rows := sb.table(t := "cloud_provider_integrations").select("*").execute():\n    pass\n`, [`1 ${TABLE}`]],
    ["pydantic settings Field default", `class Settings(BaseSettings):\n    integrations_table: str = Field(default="cloud_provider_integrations")\nsettings = Settings()\nsb.table(settings.integrations_table).select("*").execute()\n`, [`4 ${TABLE}`]],
    ["getattr default", `sb.table(getattr(settings, "INTEGRATIONS_TABLE", "cloud_provider_integrations")).select("*").execute()\n`, [`1 ${TABLE}`]],
    ["classmethod singleton", `class Admin:\n    _instance = None\n    @classmethod\n    def get(cls):\n        if cls._instance is None:\n            cls._instance = create_client(settings.SUPABASE_URL, settings.SUPABASE_SERVICE_ROLE_KEY)\n        return cls._instance\nAdmin.get().table("organizations").select("integration_openai_status").execute()\n`, [`8 ${SERVICE}`]],
    ["FastAPI Depends on a service-role getter", `def get_db():\n    return create_client(URL, os.environ["SUPABASE_SERVICE_ROLE_KEY"])\n@router.get("/x")\nasync def read(org: str, db = Depends(get_db)):\n    return db.table("cloud_provider_integrations").select("*").eq("org_id", org).execute()\n`, [`5 ${TABLE}`, `5 ${SERVICE}`]],
  ];
  for (const [name, text, expected] of cases) it(name, async () => expect((await findings(text)).filter((f) => !f.endsWith("no-integration-status-read"))).toEqual(expected));

  it("clean: list index of another element, a replace that makes another name", async () => {
    const text = `NAMES = ["org_members", "cloud_provider_integrations"]\nsb.table(NAMES[0]).select("*").execute()\nsb.table("cloud_provider_integrations".replace("cloud_provider", "org")).select("*").execute()\n`;
    expect(await findings(text)).toEqual([]);
  });
});
