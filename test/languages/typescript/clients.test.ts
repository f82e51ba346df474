/** Client origins and query grouping on table and column facts. */
import { describe, expect, test } from "vitest";
import type { Fact } from "../../../src/core/types.js";
import { extract } from "./helpers.js";

/** Clients of the first table fact of the snippet. */
function clientsOfQuery(code: string): readonly string[] {
  const table = extract(code).facts.find((f) => f.kind === "table") as Extract<Fact, { kind: "table" }> | undefined;
  return table?.clients ?? [];
}

describe("client origins", () => {
  test.each([
    ["direct call", `createServiceRoleClient().from("t");`, ["createServiceRoleClient"]],
    ["awaited and renamed", `const admin = await createServiceRoleClient();\nconst db = admin;\ndb.from("t");`, ["createServiceRoleClient"]],
    ["any factory name, with the names its key argument carries", `const sb = await createClient(url, key);\nsb.from("t");`, ["createClient", "key:key", "key:url"]],
    ["namespaced factory", `import * as supa from "@supabase/supabase-js";\nconst sb = supa.createClient(url, key);\nsb.from("t");`, ["createClient", "key:key", "key:url"]],
    [
      "a client made with the service-role key names it, through constants",
      `const serviceKey = process.env.SUPABASE_SERVICE_ROLE_KEY!;\nconst admin = createClient(SUPABASE_URL, serviceKey);\nadmin.from("t");`,
      ["createClient", "key:SUPABASE_SERVICE_ROLE_KEY", "key:SUPABASE_URL", "key:env", "key:process", "key:serviceKey"],
    ],
    ["object literal member", `const ctx = { supabase: getSupabase() };\nctx.supabase.from("t");`, ["getSupabase"]],
    ["destructured object literal", `const { supabase } = { supabase: createServiceRoleClient() };\nsupabase.from("t");`, ["createServiceRoleClient"]],
    ["same-file helper", `function getDb() { return createServiceRoleClient(); }\n(await getDb()).from("t");`, ["createServiceRoleClient"]],
    ["arrow helper", `const getDb = async () => createServiceRoleClient();\nconst db = await getDb();\ndb.from("t");`, ["createServiceRoleClient"]],
    ["helper returning an object", `function clients() { return { admin: createServiceRoleClient() }; }\nconst { admin } = clients();\nadmin.from("t");`, ["createServiceRoleClient"]],
    [
      "parameter gets every call site",
      `function store(client) { return client.from("t").select(); }\nstore(createServiceRoleClient());\nstore(createClient());`,
      ["createClient", "createServiceRoleClient"],
    ],
    ["a TS this parameter does not shift arguments", `function store(this: Ctx, client: Db) { return client.from("t"); }\nstore.call(ctx, x);\nstore(createServiceRoleClient());`, ["createServiceRoleClient"]],
    ["schema chain keeps the client", `const sb = createServiceRoleClient();\nsb.schema("public").from("t");`, ["createServiceRoleClient"]],
    ["class field", `class Repo {\n  private db = createServiceRoleClient();\n  load() { return this.db.from("t"); }\n}`, ["createServiceRoleClient"]],
    ["a parameter's default value", `function load(db = createServiceRoleClient()) { return db.from("t"); }`, ["createServiceRoleClient"]],
    // TS-only syntax (parse.ts asks oxc for the TypeScript AST when it appears).
    ["constructor parameter property", `class Repo {\n  constructor(private readonly db = createServiceRoleClient()) {}\n  load() { return this.db.from("t"); }\n}`, ["createServiceRoleClient"]],
    ["type-only import beside a value import", `import type { Db } from "./db";\nimport { type Row, createServiceRoleClient } from "./db";\nconst db: Db = createServiceRoleClient();\ndb.from("t");`, ["createServiceRoleClient"]],
    ["this.x assigned in the constructor", `class Repo {\n  constructor() { this.db = getAdmin(); }\n  load = () => this.db.from("t");\n}`, ["getAdmin"]],
    ["an unknown receiver has none", `supabase.from("t");`, []],
    ["a parameter never called has none", `export function f(client) { return client.from("t"); }`, []],
  ])("%s", (_, code, expected) => {
    expect([...clientsOfQuery(code)].sort()).toEqual(expected);
  });

  test("mutual recursion terminates", () => {
    const code = `function a(c) { return b(c); }\nfunction b(c) { return a(c); }\na(x).from("t");\nlet p = q; let q = p; p.from("u");`;
    expect(() => extract(code)).not.toThrow();
  });

  test("a parameter passed back to its own function terminates", () => {
    const code = `function f(c) { f(c); return c.db.from("t"); }\nf({ db: createClient() });`;
    expect([...clientsOfQuery(code)]).toEqual(["createClient"]);
  });
});

describe("query grouping", () => {
  test("a chain's table and column facts share one id; chains differ", () => {
    const code = `const admin = createServiceRoleClient();
await admin.from("organizations").update({ integration_openai_status: "VALID" }).eq("id", id);
const { data } = await admin.from("org_members").select("user_id");
data?.[0]?.role;`;
    const facts = extract(code).facts.filter((f): f is Extract<Fact, { kind: "table" | "column" }> => f.kind === "table" || f.kind === "column");
    const byQuery = new Map<number, string[]>();
    for (const f of facts) byQuery.set(f.query!, [...(byQuery.get(f.query!) ?? []), `${f.kind}:${f.name.join("|")}`]);
    expect([...byQuery.values()]).toEqual([
      ["table:organizations", "column:integration_openai_status", "column:id"],
      ["table:org_members", "column:user_id", "column:role"],
    ]);
    expect(facts.every((f) => f.clients?.join() === "createServiceRoleClient")).toBe(true);
  });
});
