/**
 * The shapes agents write beyond a literal in `.from()` (issue 10): each form with its fact at its
 * position, and a clean look-alike of it with no fact that a rule would match.
 */
import { describe, expect, test } from "vitest";
import type { Fact } from "../../../src/core/types.js";
import { described, extract, queryFacts } from "./helpers.js";

const T = "cloud_provider_integrations";
const tablesOf = (code: string): string[] => queryFacts(code).filter((f) => f.startsWith("table:"));
const writesOf = (code: string): string[] => queryFacts(code).filter((f) => f.startsWith("column:write"));
const definitions = (code: string): string[] => described(code, ["function-definition"]);
const clientsOf = (code: string): readonly string[] =>
  (extract(code).facts.find((f) => f.kind === "table") as Extract<Fact, { kind: "table" }> | undefined)?.clients ?? [];

describe("values: every candidate of a table name counts", () => {
  test.each([
    ["class field", `class R {\n  private readonly table = "${T}";\n  list() { return sb.from(this.table); }\n}`, [`table:read:${T}@3:22`]],
    ["static field", `class R {\n  static TABLE = "${T}";\n  list() { return sb.from(R.TABLE); }\n}`, [`table:read:${T}@3:22`]],
    ["getter", `class R {\n  get name() { return "${T}"; }\n  list() { return sb.from(this.name); }\n}`, [`table:read:${T}@3:22`]],
    ["method returning it", `class R {\n  name() { return "${T}"; }\n  list() { return sb.from(this.name()); }\n}`, [`table:read:${T}@3:22`]],
    ["object getter", `const cfg = { get table() { return "${T}"; } };\nsb.from(cfg.table);`, [`table:read:${T}@2:4`]],
    ["constructor parameter default", `class S {\n  constructor(private t = "${T}") {}\n  all() { return sb.from(this.t); }\n}`, [`table:read:${T}@3:21`]],
    ["default parameter", `function load(t = "${T}") { return sb.from(t); }`, [`table:read:${T}@1:62`]],
    ["destructured default", `function load({ t = "${T}" }) { return sb.from(t); }`, [`table:read:${T}@1:66`]],
    ["?? fallback", `const t = process.env.TABLE ?? "${T}";\nsb.from(t);`, [`table:read:${T}@2:4`]],
    ["|| fallback", `function load(custom?: string) { const t = custom || "${T}"; return sb.from(t); }`, [`table:read:${T}@1:95`]],
    ["either side of ?:", `sb.from(legacy ? "${T}" : "org_members");`, [`table:read:${T}@1:4`, "table:read:org_members@1:4"]],
    ["for-of over a constant array", `const TS = ["org_members", "${T}"];\nfor (const t of TS) sb.from(t).delete();`, ["table:write:org_members@2:24", `table:write:${T}@2:24`]],
    ["forEach callback", `const TS = ["org_members", "${T}"];\nTS.forEach((t) => sb.from(t));`, ["table:read:org_members@2:22", `table:read:${T}@2:22`]],
    ["Object.entries loop", `const TS = { a: "org_members", b: "${T}" };\nfor (const [k, t] of Object.entries(TS)) sb.from(t);`, ["table:read:org_members@2:45", `table:read:${T}@2:45`]],
    ["Object.values", `const TS = { b: "${T}" };\nfor (const t of Object.values(TS)) sb.from(t);`, [`table:read:${T}@2:39`]],
    ["small helper called with a constant", `function tbl(name: string) { return sb.from(name); }\ntbl("${T}").select("*");`, [`table:read:${T}@1:40`]],
    ["helper inlined per call", `const name = (n: string) => \`\${n}_provider_integrations\`;\nsb.from(name("cloud"));`, [`table:read:${T}@2:4`]],
    ["computed method name", `const M = { from: "from" };\nsb[M.from]("${T}");`, [`table:read:${T}@2:4`]],
    [".bind", `const from = sb.from.bind(sb);\nfrom("${T}");`, [`table:read:${T}@2:1`]],
  ])("%s", (_, code, expected) => {
    expect(tablesOf(code)).toEqual(expected);
  });

  test.each([
    ["a parameter no call gives a value", `const T = "${T}";\nfunction list(T: string) { return sb.from(T); }`],
    ["a helper called with another table", `function tbl(name: string) { return sb.from(name); }\ntbl("org_members");`],
    ["a fallback to another table", `const t = process.env.T ?? "org_members";\nsb.from(t);`],
    ["a loop over other tables", `for (const t of ["org_members", "billing"]) sb.from(t);`],
    ["a class field used as a label only", `class R {\n  label = "${T}";\n  list() { return sb.from("org_members"); }\n}`],
  ])("clean: %s", (_, code) => {
    expect(tablesOf(code).filter((f) => f.includes(T))).toEqual([]);
  });
});

describe("written columns through helpers", () => {
  test.each([
    ["Object.fromEntries over a column list", "const PS = [\"openai\", \"gcp\"];\nsb.from(\"organizations\").update(Object.fromEntries(PS.map((p) => [`integration_${p}_status`, \"X\"])));", ["column:write:integration_gcp_status|integration_openai_status@2:67"]],
    ["lodash set", "const row = {};\nset(row, `integration_${p}_status`, \"VALID\");\nsb.from(\"organizations\").update(row);", ["column:write:integration_?_status@2:10"]],
    ["_.merge", "const row = {};\n_.merge(row, { integration_gcp_status: \"VALID\" });\nsb.from(\"organizations\").update(row);", ["column:write:integration_gcp_status@2:16"]],
    ["knex update(column, value)", "knex(\"organizations\").update(`integration_${p}_status`, \"VALID\");", ["column:write:integration_?_status@1:30"]],
  ])("%s", (_, code, expected) => {
    expect(writesOf(code)).toEqual(expected);
  });

  test("drizzle: a property of a table object writes the column its builder names", () => {
    const code = `const orgs = pgTable("organizations", { id: uuid("id"), openaiStatus: text("integration_openai_status").notNull() });\ndb.update(orgs).set({ openaiStatus: "VALID" });\ndb.update(orgs).set({ id: "1" });`;
    expect(writesOf(code)).toEqual(["column:write:integration_openai_status@2:23", "column:write:id@3:23"]);
  });

  test("clean: lodash set on an object that never reaches a query", () => {
    expect(writesOf("const row = {};\nset(row, `integration_${p}_status`, 1);\nrender(row);")).toEqual([]);
  });
});

describe("query builders (sinks.ts)", () => {
  test.each([
    ["knex call form", `const db = knex(cfg);\ndb("${T}").where({ id });`, [`table:read:${T}@2:1`]],
    ["knex .into after insert", `db.insert({ a: 1 }).into("${T}");`, [`table:write:${T}@1:21`]],
    ["knex .table", `knex.table("${T}").del();`, [`table:write:${T}@1:6`]],
    ["knex schema builder", `knex.schema.createTable("${T}", (t) => {});`, [`table:schema:${T}@1:13`]],
    ["kysely selectFrom with alias", `db.selectFrom("${T} as c").selectAll();`, [`table:read:${T}@1:4`]],
    ["kysely updateTable", `db.updateTable("${T}").set({ a: 1 });`, [`table:write:${T}@1:4`]],
    ["drizzle pgTable", `const c = pgTable("${T}", {});`, [`table:schema:${T}@1:19`]],
    ["drizzle table used in a query", `const c = pgTable("${T}", {});\ndb.select().from(c);\ndb.delete(c);`, [`table:schema:${T}@1:19`, `table:read:${T}@2:13`, `table:write:${T}@3:4`]],
    ["realtime postgres_changes", `sb.channel("x").on("postgres_changes", { event: "*", table: "${T}" }, cb);`, [`table:read:${T}@1:61`]],
    ["TypeORM @Entity", `@Entity({ name: "${T}" })\nclass C {}`, [`table:schema:${T}@1:17`]],
    ["Sequelize init tableName", `C.init({}, { sequelize, tableName: "${T}" });`, [`table:schema:${T}@1:36`]],
    ["Prisma model accessor", `const prisma = new PrismaClient();\nprisma.cloudProviderIntegrations.findMany();`, [`table:read:${T}@2:8`]],
  ])("%s", (_, code, expected) => {
    expect(tablesOf(code)).toEqual(expected);
  });

  test.each([
    ["a translation function", `const t = useTranslations();\nt("${T}");`],
    ["Map and Set delete", `new Map().delete("${T}");\ncache.delete("${T}");`],
    ["drizzle insert of a plain string", `db.insert("${T}");`],
    ["a broadcast channel named like the table", `sb.channel("${T}").on("broadcast", { event: "${T}" }, cb);`],
    ["console.table", `console.table("${T}");`],
    ["a Prisma-like call on an unknown receiver", `cache.cloudProviderIntegrations.findMany();`],
  ])("clean: %s", (_, code) => {
    expect(tablesOf(code)).toEqual([]);
  });
});

describe("PostgREST over HTTP", () => {
  test.each([
    ["fetch path and select=", `fetch(\`\${URL}/rest/v1/${T}?select=id,integration_openai_status\`);`, [`table:read:${T}@1:7`, "column:read:id@1:7", "column:read:integration_openai_status@1:7"]],
    ["fetch PATCH body", `fetch(\`\${URL}/rest/v1/organizations?id=eq.1\`, { method: "PATCH", body: JSON.stringify({ integration_gcp_status: "VALID" }) });`, ["table:write:organizations@1:7", "column:write:integration_gcp_status@1:89"]],
    ["axios post data", `axios.post(\`\${base}/rest/v1/${T}\`, { provider: "OPENAI" });`, [`table:write:${T}@1:12`, "column:write:provider@1:61"]],
    ["axios params select", `axios.get(\`\${base}/rest/v1/organizations\`, { params: { select: "integration_aws_status" } });`, ["table:read:organizations@1:11", "column:read:integration_aws_status@1:11"]],
    ["ky json", `ky.patch(\`\${base}/rest/v1/organizations\`, { json: { integration_azure_status: "X" } });`, ["table:write:organizations@1:10", "column:write:integration_azure_status@1:53"]],
    ["new URL", `const u = new URL("/rest/v1/${T}", base);\nfetch(u);`, [`table:read:${T}@2:7`]],
  ])("%s", (_, code, expected) => {
    expect(queryFacts(code)).toEqual(expected);
  });

  test.each([
    ["another API's path", `fetch(\`\${API}/v1/integrations/${T}\`);`],
    ["a PATCH to our own API", `axios.patch(\`\${API}/api/orgs/1\`, { integration_openai_status: "VALID" });`],
    ["an unknown table", "fetch(`${URL}/rest/v1/${table}`);"],
  ])("clean: %s", (_, code) => {
    expect(queryFacts(code)).toEqual([]);
  });
});

describe("service-role clients by key, getters, singletons", () => {
  test.each([
    ["createClient with the service-role key", `const a = createClient(URL, process.env.SUPABASE_SERVICE_ROLE_KEY!);\na.from("t");`, "key:SUPABASE_SERVICE_ROLE_KEY"],
    ["Deno.env.get of the key", `const a = createClient(u, Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!);\na.from("t");`, "key:SUPABASE_SERVICE_ROLE_KEY"],
    ["a getter", `class S {\n  get db() { return createServiceRoleClient(); }\n  run() { this.db.from("t"); }\n}`, "createServiceRoleClient"],
    ["a static lazy singleton", `class D {\n  static i: any;\n  static get() { if (!this.i) this.i = createServiceRoleClient(); return this.i; }\n}\nD.get().from("t");`, "createServiceRoleClient"],
    ["a module lazy singleton", `let c: any;\nfunction admin() { if (!c) c = createServiceRoleClient(); return c; }\nadmin().from("t");`, "createServiceRoleClient"],
    ["a cache() wrapper", `const admin = cache(() => createServiceRoleClient());\nadmin().from("t");`, "createServiceRoleClient"],
  ])("%s", (_, code, origin) => {
    expect(clientsOf(code)).toContain(origin);
  });

  test("clean: the anon key names no service role", () => {
    expect(clientsOf(`const a = createClient(URL, process.env.SUPABASE_ANON_KEY!);\na.from("t");`).filter((c) => /service/i.test(c))).toEqual([]);
  });
});

describe("definitions through wrappers and aliases", () => {
  test.each([
    ["a wrapper call", `export const saveXIntegrationStatus = withAuth(async () => {});`, ["function-definition:saveXIntegrationStatus@1:14"]],
    ["nested wrappers", `const saveXIntegrationStatus = a(b(() => {}));`, ["function-definition:saveXIntegrationStatus@1:7"]],
    [".bind", `const saveXIntegrationStatus = persist.bind(null);`, ["function-definition:saveXIntegrationStatus@1:7"]],
    ["an export alias", `function p() {}\nexport { p as saveXIntegrationStatus };`, ["function-definition:p@1:10", "function-definition:saveXIntegrationStatus@2:15"]],
    ["a const alias of a function", `function p() {}\nconst saveXIntegrationStatus = p;`, ["function-definition:p@1:10", "function-definition:saveXIntegrationStatus@2:7"]],
    ["a property naming a function", `const p = () => {};\nexport default { saveXIntegrationStatus: p };`, ["function-definition:p@1:7", "function-definition:saveXIntegrationStatus@2:18"]],
    ["module.exports alias", `function p() {}\nmodule.exports.saveXIntegrationStatus = p;`, ["function-definition:p@1:10", "function-definition:saveXIntegrationStatus@2:16"]],
  ])("%s", (_, code, expected) => {
    expect(definitions(code)).toEqual(expected);
  });

  test.each([
    ["a value alias", `const saveXIntegrationStatus = "label";`],
    ["an alias of a non-function", `const v = 1;\nconst saveXIntegrationStatus = v;`],
    ["a call result with no function argument", `const saveXIntegrationStatus = compute(1);`],
  ])("clean: %s", (_, code) => {
    expect(definitions(code)).toEqual([]);
  });
});

describe("class hierarchies", () => {
  test.each([
    [
      "a base repository given the table by super()",
      `class Base {\n  constructor(protected table: string) {}\n  all() { return sb.from(this.table).select("*"); }\n}\nclass Creds extends Base { constructor() { super("${T}"); } }`,
      [`table:read:${T}@3:21`],
    ],
    [
      "a subclass field read by the base",
      `class Base {\n  protected table = "org_members";\n  all() { return sb.from(this.table); }\n}\nclass Creds extends Base { protected table = "${T}"; }`,
      ["table:read:org_members@3:21", `table:read:${T}@3:21`],
    ],
    ["new with a constant", `class Repo {\n  constructor(private t: string) {}\n  all() { return sb.from(this.t); }\n}\nnew Repo("${T}");`, [`table:read:${T}@3:21`]],
  ])("%s", (_, code, expected) => {
    expect(tablesOf(code)).toEqual(expected);
  });

  test("clean: a base repository whose subclasses name other tables", () => {
    const code = `class Base {\n  constructor(protected table: string) {}\n  all() { return sb.from(this.table); }\n}\nclass M extends Base { constructor() { super("org_members"); } }`;
    expect(tablesOf(code)).toEqual(["table:read:org_members@3:21"]);
  });
});
