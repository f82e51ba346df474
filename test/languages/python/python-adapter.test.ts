import { describe, expect, it } from "vitest";
import type { ColumnFact, Fact, TableFact } from "../../../src/core/types.js";
import { NAME_HOLE } from "../../../src/core/types.js";
import { extractPython } from "../../../src/languages/python/index.js";
import { lineAt } from "../sql/helpers.js";

const tables = (text: string) => extractPython(text).facts.filter((f): f is TableFact => f.kind === "table");
const columns = (text: string) => extractPython(text).facts.filter((f): f is ColumnFact => f.kind === "column");
/** [name candidates joined by |, access, line, code at the span] */
const row = (text: string) => (f: TableFact | ColumnFact) => [f.name.join("|").split(NAME_HOLE).join("*"), f.access, lineAt(text, f.span.start), text.slice(f.span.start, f.span.end)];

describe("python: table names", () => {
  it("X.table(T) and X.from_(T) with a literal, read or write by the chain", () => {
    const text = `rows = supabase.table("cloud_provider_integrations").select("*").execute()
client.from_('cloud_provider_integrations').delete().eq("id", 1).execute()
db.table("cloud_provider_integrations").upsert({"id": 1}).execute()`;
    expect(tables(text).map(row(text))).toEqual([
      ["cloud_provider_integrations", "read", 1, '"cloud_provider_integrations"'],
      ["cloud_provider_integrations", "write", 2, "'cloud_provider_integrations'"],
      ["cloud_provider_integrations", "write", 3, '"cloud_provider_integrations"'],
    ]);
  });

  it("resolves module constants, dict constants, class attributes, concatenation and f-strings", () => {
    const text = `T = "cloud_provider_integrations"
TABLES = {"cloud": "cloud_provider_" + "integrations", "orgs": "organizations"}
PREFIX = "cloud_provider"
class Tables:
    CLOUD = T
sb.table(T).select("*")
sb.table(TABLES["cloud"]).select("*")
sb.table(TABLES["orgs"]).select("*")
sb.table(Tables.CLOUD).select("*")
sb.table(f"{PREFIX}_integrations").select("*")
sb.table("cloud_provider" "_integrations").select("*")
sb.table("%s_integrations" % PREFIX).select("*")`;
    expect(tables(text).map((f) => f.name.join("|"))).toEqual([
      "cloud_provider_integrations",
      "cloud_provider_integrations",
      "organizations",
      "cloud_provider_integrations",
      "cloud_provider_integrations",
      "cloud_provider_integrations",
      "cloud_provider_integrations",
    ]);
  });

  it("respects scope: a parameter or local shadows the module constant", () => {
    const text = `T = "cloud_provider_integrations"
def list_rows(T):
    return supabase.table(T).select("*")
def other():
    T = "organizations"
    return supabase.table(T).select("*")
def reads_module():
    return supabase.table(T).select("*")`;
    expect(tables(text).map((f) => f.name.join("|").split(NAME_HOLE).join("*"))).toEqual(["*", "organizations", "cloud_provider_integrations"]);
  });

  it("a parameter takes the values of the same-file calls", () => {
    const text = `def load(table):
    return supabase.table(table).select("*").execute()
load("cloud_provider_integrations")`;
    expect(tables(text).map((f) => f.name)).toEqual([["cloud_provider_integrations"]]);
  });

  it("the latest assignment before the use wins; branches add candidates", () => {
    const text = `t = "organizations"
t = "cloud_provider_integrations"
sb.table(t).select("*")
u = "organizations"
if legacy:
    u = "cloud_provider_integrations"
sb.table(u).select("*")`;
    expect(tables(text).map((f) => [...f.name].sort())).toEqual([["cloud_provider_integrations"], ["cloud_provider_integrations", "organizations"]]);
  });

  it("is not fooled by comments, log strings, storage buckets or other .from_/.table methods", () => {
    const text = `# supabase.table("cloud_provider_integrations") was removed
logger.info("cloud_provider_integrations is gone")
"""docs: client.table("cloud_provider_integrations")"""
supabase.storage.from_("cloud_provider_integrations").upload(path, data)
chars = list("cloud_provider_integrations")
df = pd.read_table("cloud_provider_integrations")`;
    expect(tables(text)).toEqual([]);
  });
});

describe("python: column writes", () => {
  const writes = (text: string) => columns(text).filter((f) => f.access === "write").map(row(text));

  it("literal keys of update/insert/upsert, including lists of dicts", () => {
    const text = `sb.table("organizations").update({"integration_gcp_status": "VALID", 'name': n}).eq("id", i).execute()
sb.table("organizations").insert([{"integration_aws_configured_at": now}]).execute()`;
    expect(writes(text)).toEqual([
      ["integration_gcp_status", "write", 1, '"integration_gcp_status"'],
      ["name", "write", 1, "'name'"],
      ["integration_aws_configured_at", "write", 2, '"integration_aws_configured_at"'],
    ]);
  });

  it("f-string keys: an unknown part is a hole", () => {
    const text = `def save(sb, p, s):
    sb.table("organizations").update({f"integration_{p}_status": s}).execute()`;
    expect(writes(text)).toEqual([["integration_*_status", "write", 2, 'f"integration_{p}_status"']]);
  });

  it("a dict built in a variable, mutated with d[k] = v, d.update(), |=, spread and dict(k=v)", () => {
    const text = `def save(sb, provider, now):
    update = {"updated_at": now}
    update[f"integration_{provider}_configured_at"] = now
    update.update({"integration_openai_status": "VALID"})
    update |= {"integration_x_status": "x"}
    payload = {**update, "name": "n"}
    extra = dict(integration_gcp_status="VALID", **payload)
    sb.table("organizations").update(extra).eq("id", 1).execute()`;
    expect(writes(text).map((r) => [r[0], r[2]]).sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual([
      ["updated_at", 2],
      ["integration_*_configured_at", 3],
      ["integration_openai_status", 4],
      ["integration_x_status", 5],
      ["name", 6],
      ["integration_gcp_status", 7],
    ]);
  });

  it("mutations after the query do not count", () => {
    const text = `d = {"name": "n"}
sb.table("organizations").update(d).execute()
d["integration_gcp_status"] = "late"`;
    expect(writes(text).map((r) => r[0])).toEqual(["name"]);
  });

  it("keys resolved from constant maps: every possible value must be known", () => {
    const text = `PREFIX = {"openai": "integration_openai", "gcp": "integration_gcp"}
def save(p, s):
    db.table("organizations").upsert({f"{PREFIX[p]}_status": s}).execute()`;
    expect(columns(text).map((f) => [...f.name].sort())).toEqual([["integration_gcp_status", "integration_openai_status"]]);
  });

  it("a dict.update() on a plain dict is not a query", () => {
    const text = `settings = {}
settings.update({"integration_gcp_status": "VALID"})
row = {"integration_aws_status": "x"}`;
    expect(extractPython(text).facts.filter((f) => f.kind === "column" || f.kind === "table")).toEqual([]);
  });

  it("class annotations and TypedDicts naming the columns are not facts", () => {
    const text = `class Org(TypedDict):
    integration_openai_status: str
    integration_gcp_configured_at: Optional[str]
def f(org: Org) -> str:
    return org["integration_openai_status"]`;
    expect(extractPython(text).facts.filter((f) => f.kind === "column" || f.kind === "table")).toEqual([]);
  });
});

describe("python: column reads", () => {
  it("select text columns (exact spans, embedded resources are tables) and filter columns", () => {
    const text = `sb.table("organizations").select("id, status:integration_gcp_status, integration_aws_configured_at::text, members!inner(integration_x_status)").eq("integration_openai_status", "VALID").execute()`;
    const facts = extractPython(text).facts.filter((f): f is TableFact | ColumnFact => f.kind === "table" || f.kind === "column");
    expect(facts.map(row(text)).map((r) => [r[0], r[1], r[3]])).toEqual([
      ["organizations", "read", '"organizations"'],
      ["id", "read", "id"],
      ["integration_gcp_status", "read", "integration_gcp_status"],
      ["integration_aws_configured_at", "read", "integration_aws_configured_at"],
      ["members", "read", "members"],
      ["integration_x_status", "read", "integration_x_status"],
      ["integration_openai_status", "read", '"integration_openai_status"'],
    ]);
  });

  it("aggregates in the select text are not names: count() and .sum() make no table or column", () => {
    const text = `sb.table("payments").select("id, count(), amount.sum(), org_id").execute()`;
    expect(tables(text).map((f) => f.name[0])).toEqual(["payments"]);
    expect(columns(text).map((f) => f.name[0])).toEqual(["id", "amount", "org_id"]);
  });

  it(".not_.eq() and .match({...}) are reads too", () => {
    const text = `sb.table("organizations").select("id").not_.eq("integration_gcp_status", "x").match({"integration_aws_status": "y"}).execute()`;
    expect(columns(text).map((f) => f.name[0])).toEqual(["id", "integration_gcp_status", "integration_aws_status"]);
  });
});

describe("python: clients and queries", () => {
  const clientsOf = (text: string) => tables(text).map((f) => [f.query, f.clients ?? []]);

  it("follows create_service_role_client() through variables, awaits, helpers, parameters and self", () => {
    const text = `admin = create_service_role_client()
db = admin
db.table("organizations").select("id").execute()
async def get_admin():
    return await createServiceRoleClient()
async def store(client, org_id):
    return client.table("organizations").select("integration_gcp_status").eq("id", org_id).execute()
async def run(org_id):
    return await store(await get_admin(), org_id)
class Repo:
    def __init__(self):
        self.client = supabase_utils.create_service_role_client()
    def load(self):
        return self.client.schema("public").table("organizations").select("*").execute()
normal = create_client(url, key)
normal.table("organizations").select("*").execute()
class Injected:
    def __init__(self, db):
        self.db = db
    def read(self):
        return self.db.table("organizations").select("*").execute()
Injected(create_service_role_client()).read()`;
    expect(clientsOf(text)).toEqual([
      [1, ["create_service_role_client"]],
      [2, ["createServiceRoleClient"]],
      [3, ["create_service_role_client"]],
      [4, ["create_client", "key:key"]],
      [5, ["create_service_role_client"]],
    ]);
  });

  it("gives every chain its own query id, shared by its table and columns", () => {
    const text = `sb.table("a").update({"x": 1}).eq("y", 2).execute()
sb.table("b").select("z").execute()`;
    const facts = extractPython(text).facts.filter((f): f is TableFact | ColumnFact => f.kind === "table" || f.kind === "column");
    expect(facts.map((f) => [f.name[0], f.query])).toEqual([["a", 1], ["x", 1], ["y", 1], ["b", 2], ["z", 2]]);
  });
});

describe("python: functions", () => {
  it("def / async def / lambda definitions at the name, and calls at the called name", () => {
    const text = `def save_cloud_integration_status(org_id, status):
    pass
class Store:
    async def save_openai_integration_status(self):
        pass
save_integration_status = lambda org: None
store.save_openai_integration_status()
save_cloud_integration_status(1, "x")`;
    const facts = extractPython(text).facts.filter((f) => f.kind === "function-definition" || f.kind === "function-call").filter((f) => f.kind === "function-definition" || f.name.startsWith("save"));
    expect(facts.map((f) => [f.kind, f.name, lineAt(text, f.span.start), text.slice(f.span.start, f.span.end)])).toEqual([
      ["function-definition", "save_cloud_integration_status", 1, "save_cloud_integration_status"],
      ["function-definition", "save_openai_integration_status", 4, "save_openai_integration_status"],
      ["function-definition", "save_integration_status", 6, "save_integration_status"],
      ["function-call", "save_openai_integration_status", 7, "save_openai_integration_status"],
      ["function-call", "save_cloud_integration_status", 8, "save_cloud_integration_status"],
    ]);
  });
});

describe("python: code that does not parse", () => {
  it("reports the syntax error with its line and still extracts what it can", () => {
    const text = `def broken(:
    pass
rows = supabase.table("cloud_provider_integrations").select("*").execute()
`;
    const result = extractPython(text);
    expect(result.parseErrors).toHaveLength(1);
    expect(result.parseErrors[0]!.message).toMatch(/line 1/);
    expect(tables(text).map(row(text))).toEqual([["cloud_provider_integrations", "read", 3, '"cloud_provider_integrations"']]);
  });

  it("clean code has no parse errors", () => {
    expect(extractPython("x = 1\n").parseErrors).toEqual([]);
  });

  it("never throws on garbage", () => {
    for (const garbage of ["", "(((", "def", "f'{", '"""never closed', "x = {**}", "\u0000", "a.table(", "d[] = 1", "lambda: lambda:"]) {
      expect(() => extractPython(garbage)).not.toThrow();
    }
  });

  it("self-referencing names and recursion end as unknown", () => {
    const text = `x = x + "a"
def f(t):
    return f(t)
sb.table(x).select("*")
sb.table(f("y")).select("*")`;
    expect(tables(text).map((f) => f.name.join("|").split(NAME_HOLE).join("*"))).toEqual(["*a", "*"]);
  });
});

describe("python: embedded SQL", () => {
  const embedded = (text: string) => extractPython(text).embedded ?? [];

  it("hands execute/query/text strings to the SQL adapter with the same length and offsets", () => {
    const text = `cur.execute("SELECT * FROM cloud_provider_integrations WHERE id = %s", (1,))
session.execute(text("UPDATE organizations SET integration_gcp_status = :s"))
conn.query(f"""SELECT {col} FROM {table}""")`;
    const parts = embedded(text);
    expect(parts.map((p) => [p.language, p.text, text.slice(p.offset!, p.offset! + p.text.length).length === p.text.length])).toEqual([
      ["sql", " SELECT * FROM cloud_provider_integrations WHERE id = __ ", true],
      ["sql", " UPDATE organizations SET integration_gcp_status = __ ", true],
      ["sql", "    SELECT _____ FROM _______   ", true],
    ]);
    // Offsets map 1:1: the table name sits at the same place in the host.
    const first = parts[0]!;
    const at = first.text.indexOf("cloud_provider_integrations");
    expect(text.slice(first.offset! + at, first.offset! + at + 27)).toBe("cloud_provider_integrations");
  });

  it("joins concatenated literals and blanks other operands and escapes", () => {
    const text = `cursor.execute("SELECT a "\n  "FROM t\\n" + where)`;
    expect(embedded(text).map((p) => p.text)).toEqual([" SELECT a  \n   FROM t      _____"]);
  });

  it("follows a name bound once to a literal, and passes the receiver's client", () => {
    const text = `SQL = "DELETE FROM cloud_provider_integrations"
db = create_service_role_client()
db.execute(SQL)`;
    expect(embedded(text).map((p) => [p.offset, p.clients])).toEqual([[6, ["create_service_role_client"]]]);
  });

  it("supabase's .execute() without arguments is not SQL", () => {
    expect(embedded(`sb.table("a").select("*").execute()`)).toEqual([]);
  });
});

// Keep the Fact import used in type positions only.
export type { Fact };

describe("python: queries built in steps", () => {
  it("calls on the variable holding the chain continue it (writes and columns)", () => {
    const text = `def save(sb, org_id):
    query = sb.table("organizations")
    query = query.eq("id", org_id)
    query.update({"integration_gcp_status": "VALID"}).execute()
other = {"integration_aws_status": "x"}`;
    const facts = extractPython(text).facts.filter((f): f is TableFact | ColumnFact => f.kind === "table" || f.kind === "column");
    expect(facts.map((f) => [f.kind, f.name[0], f.access, lineAt(text, f.span.start), f.query])).toEqual([
      ["table", "organizations", "write", 2, 1],
      ["column", "id", "read", 3, 1],
      ["column", "integration_gcp_status", "write", 4, 1],
    ]);
  });
});

describe("python: work stays bounded", () => {
  it("parameters passed through many helpers with many call sites resolve without blowing up", () => {
    // h0 <- h1 <- ... <- h14, each called from 6 places: 6^15 paths without memoization.
    let text = "def h0(t):\n    return sb.table(t).select(\"*\")\n";
    for (let i = 1; i < 15; i++) {
      text += `def h${i}(t):\n` + Array.from({ length: 6 }, () => `    h${i - 1}(t)\n`).join("");
    }
    text += `h14("cloud_provider_integrations")\n`;
    expect(tables(text).map((f) => f.name)).toEqual([["cloud_provider_integrations"]]);
  });
});

describe("python: columns read from query results", () => {
  it("subscripts and .get() on rows that came from a query are reads of that query", () => {
    const text = `from app import supabase
res = supabase.table("organizations").select("*").eq("id", org_id).single().execute()
if res.data["integration_gcp_status"] == "VALID":
    enable()
rows = supabase.table("organizations").select("*").execute().data
for org in rows:
    print(org.get("integration_aws_configured_at"), org["name"])
first = rows[0]["integration_openai_status"]`;
    const reads = columns(text).filter((f) => f.access === "read" && f.name[0]!.startsWith("integration"));
    expect(reads.map((f) => [f.name[0], lineAt(text, f.span.start), text.slice(f.span.start, f.span.end), f.query])).toEqual([
      ["integration_gcp_status", 3, '"integration_gcp_status"', 1],
      ["integration_aws_configured_at", 7, '"integration_aws_configured_at"', 2],
      ["integration_openai_status", 8, '"integration_openai_status"', 2],
    ]);
  });

  it("subscripts of other dicts, settings or API responses are not reads", () => {
    const text = `status = settings["integration_gcp_status"]
resp = requests.get(url).json()
x = resp["integration_aws_status"]
cfg = {"integration_openai_status": "x"}
y = cfg.get("integration_openai_status")
cfg["integration_x_status"] = 1`;
    expect(columns(text)).toEqual([]);
  });

  it("the service-role client reaches reads of its results", () => {
    const text = `admin = create_service_role_client()
org = admin.table("organizations").select("*").execute().data[0]
print(org["integration_gcp_status"])`;
    const reads = columns(text).filter((f) => f.name[0] === "integration_gcp_status");
    expect(reads.map((f) => [lineAt(text, f.span.start), f.clients])).toEqual([[3, ["create_service_role_client"]]]);
  });
});

describe("python: comprehensions", () => {
  it("dict comprehension keys are column writes, loop variables are unknown even when an outer name exists", () => {
    const text = `p = "billing"
updates = {f"integration_{p}_status": "VALID" for p in providers}
sb.table("organizations").update(updates).execute()
sb.table("organizations").insert([{"integration_gcp_status": s} for s in statuses]).execute()`;
    expect(columns(text).map((f) => [f.name.join("|").split(NAME_HOLE).join("*"), f.access, lineAt(text, f.span.start)])).toEqual([
      ["integration_*_status", "write", 2],
      ["integration_gcp_status", "write", 4],
    ]);
  });
});

describe("python: unpacking", () => {
  it("a, b = f() takes the matching item of the returned tuple", () => {
    const text = `def make_clients():
    return create_service_role_client(), create_client(url, key)
admin, anon = make_clients()
admin.table("organizations").select("integration_gcp_status").execute()
anon.table("organizations").select("integration_gcp_status").execute()
t, u = "cloud_provider_integrations", "x"
sb.table(t).select("*")`;
    expect(tables(text).map((f) => [f.name[0], f.clients ?? []])).toEqual([
      ["organizations", ["create_service_role_client"]],
      ["organizations", ["create_client", "key:key"]],
      ["cloud_provider_integrations", []],
    ]);
  });
});

describe("python: embedded SQL built with % and .format()", () => {
  it("the template is the SQL, its fields are masked, the arguments are left out", () => {
    const text = `cur.execute("UPDATE organizations SET integration_%s_status = 'x'" % provider)
cur.execute("SELECT * FROM {} WHERE id = {id}".format(table, id=1))`;
    const parts = extractPython(text).embedded ?? [];
    expect(parts.map((p) => p.text)).toEqual([
      " UPDATE organizations SET integration____status = 'x' ",
      " SELECT * FROM __ WHERE id = ____ ",
    ]);
    // Offsets still map 1:1 onto the host text.
    const at = parts[0]!.text.indexOf("organizations");
    expect(text.slice(parts[0]!.offset! + at, parts[0]!.offset! + at + 13)).toBe("organizations");
  });
});
