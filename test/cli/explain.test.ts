/**
 * `integration-guard explain FILE:LINE[:COL]`: the findings on a line with the rule, the matcher
 * (and its patterns that matched), the fact (values, clients) and its via chain; "no finding on this
 * line" with the nearest ones; the project's rules as the hook would use them.
 * Exit 0 a finding on the line, 1 none, 2 bad usage or file.
 */
import { describe, expect, it } from "vitest";
import { cli, cliJson, GENERAL_KINDS_COMPILED, gitRepo, tableRule, write } from "./helpers.js";

interface Explained {
  file: string;
  line: number;
  column: number | null;
  findings: Array<{
    ruleId: string;
    severity: string;
    line: number;
    column: number;
    code: string;
    suppressed: boolean;
    matcher: { kind: string; index: number; definition: Record<string, unknown>; matched: Record<string, string[]> } | null;
    fact: {
      kind: string;
      name?: string[];
      access?: string;
      clients?: string[];
      callee?: string[];
      line: number;
      column: number;
      via: Array<{ note: string; line: number; column: number }>;
    } | null;
  }>;
  nearest: Array<{ ruleId: string; line: number; column: number }>;
}

const ADMIN = `import { createServiceRoleClient } from "@/lib/supabase/server";

const T = "cloud_provider_" + "integrations";

export async function list(orgId: string) {
  const admin = createServiceRoleClient();
  const { data } = await admin.from(T).select("provider, integration_openai_status").eq("org_id", orgId);
  return data;
}
`;

function project(files: Record<string, string>): string {
  const repo = gitRepo();
  for (const [path, text] of Object.entries(files)) write(repo, path, text);
  return repo;
}

describe("explain: why a finding fired", () => {
  it("each finding on the line: rule, matcher, matched pattern, fact with folded name and clients", () => {
    const repo = project({ "src/admin/list.ts": ADMIN });
    const run = cliJson<Explained>(repo, ["explain", "src/admin/list.ts:7"]);
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ file: "src/admin/list.ts", line: 7, column: null, nearest: [] });
    expect(run.json.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual([
      "7:32 no-cloud-provider-integrations-table",
      "7:32 no-service-role-client-for-integrations",
      "7:58 no-integration-status-read",
    ]);
    const [table, client, column] = run.json.findings;
    expect(table!.matcher).toMatchObject({ kind: "table", index: 0, matched: { tables: ["cloud_provider_integrations"] } });
    // The name folded through the concatenated constant, the client through the variable.
    expect(table!.fact).toMatchObject({ kind: "table", name: ["cloud_provider_integrations"], access: "read", clients: ["createServiceRoleClient"], line: 7 });
    expect(client!.matcher).toMatchObject({ kind: "client-query", matched: { clients: ["createServiceRoleClient"] } });
    expect(column!.matcher).toMatchObject({ kind: "column", matched: { columns: ["integration_*_status"] } });
    expect(column!.fact).toMatchObject({ kind: "column", name: ["integration_openai_status"], access: "read" });
    expect(column!.severity).toBe("warn");
    for (const f of run.json.findings) expect(Array.isArray(f.fact!.via)).toBe(true);
  });

  it("FILE:LINE:COL keeps only the findings at that column", () => {
    const repo = project({ "src/admin/list.ts": ADMIN });
    const run = cliJson<Explained>(repo, ["explain", "src/admin/list.ts:7:60"]);
    expect(run.code).toBe(0);
    expect(run.json.findings.map((f) => f.ruleId)).toEqual(["no-integration-status-read"]);
    expect(run.json.column).toBe(60);
  });

  it("a client made with the service-role key: the key origin and the key pattern that matched", () => {
    const repo = project({
      "scripts/cleanup.ts": `import { createClient } from "@supabase/supabase-js";
const db = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
await db.from("cloud_provider_integrations").delete().eq("org_id", "x");
`,
    });
    const run = cliJson<Explained>(repo, ["explain", "scripts/cleanup.ts:3"]);
    expect(run.code).toBe(0);
    const client = run.json.findings.find((f) => f.ruleId === "no-service-role-client-for-integrations")!;
    expect(client.fact!.clients).toContain("key:SUPABASE_SERVICE_ROLE_KEY");
    expect(client.matcher!.matched.keys!.length).toBeGreaterThan(0);
    expect(client.matcher!.matched.clients).toBeUndefined();
  });

  it("no finding on the line: exit 1 and the nearest findings", () => {
    const repo = project({ "src/admin/list.ts": ADMIN });
    const run = cliJson<Explained>(repo, ["explain", "src/admin/list.ts:3"]);
    expect(run.code).toBe(1);
    expect(run.json.findings).toEqual([]);
    expect(run.json.nearest.map((n) => `${n.line} ${n.ruleId}`)).toEqual([
      "7 no-cloud-provider-integrations-table",
      "7 no-service-role-client-for-integrations",
      "7 no-integration-status-read",
    ]);
    const text = cli(repo, ["explain", "src/admin/list.ts:3"]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/src\/admin\/list\.ts:7:32\s+no-cloud-provider-integrations-table/);
  });

  it("a finding a comment suppresses is shown, marked suppressed", () => {
    const repo = project({
      "src/a.ts": `// integration-guard-ignore-next-line no-cloud-provider-integrations-table -- the migration script
await supabase.from("cloud_provider_integrations").select("id");
`,
    });
    const run = cliJson<Explained>(repo, ["explain", "src/a.ts:2"]);
    expect(run.json.findings.map((f) => [f.ruleId, f.suppressed])).toEqual([["no-cloud-provider-integrations-table", true]]);
  });

  it("uses the project's rules as the hook would: .integration-guard/rules and the config's grades", () => {
    const repo = project({
      ".integration-guard/rules/no-legacy-settings.yaml": tableRule("no-legacy-settings", "legacy_user_settings"),
      ".integration-guard/config.yaml": "rules:\n  no-cloud-provider-integrations-table: off\n",
      "src/settings.ts": `await supabase.from("legacy_user_settings").select("*");
await supabase.from("cloud_provider_integrations").select("id");
`,
    });
    const own = cliJson<Explained>(repo, ["explain", "src/settings.ts:1"]);
    expect(own.code).toBe(0);
    expect(own.json.findings.map((f) => f.ruleId)).toEqual(["no-legacy-settings"]);
    expect(own.json.findings[0]!.matcher).toMatchObject({ kind: "table", definition: { tables: ["legacy_user_settings"] } });
    const off = cliJson<Explained>(repo, ["explain", "src/settings.ts:2"]);
    expect(off.code).toBe(1);
  });

  it("text output: the finding's position and rule id on stdout", () => {
    const repo = project({ "src/admin/list.ts": ADMIN });
    const run = cli(repo, ["explain", "src/admin/list.ts:7"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/src\/admin\/list\.ts:7:32\s+block\s+no-cloud-provider-integrations-table/);
    expect(run.stdout).toMatch(/src\/admin\/list\.ts:7:58\s+warn\s+no-integration-status-read/);
  });

  it.runIf(GENERAL_KINDS_COMPILED)("a general kind: a call through a destructured alias, with the callee paths", () => {
    const repo = project({
      ".integration-guard/rules/no-stripe-charges.yaml": `id: no-stripe-charges
severity: block
languages: [typescript]
message: "stripe.charges.create is retired"
help: Use stripe.paymentIntents.create.
match:
  - kind: call
    callees: ["stripe.charges.create"]
examples:
  invalid:
    - file: src/pay.ts
      code: |
        stripe.charges.create({});
      lines: [1]
  valid:
    - file: src/pay.ts
      code: |
        stripe.paymentIntents.create({});
`,
      "src/billing/pay.ts": `import Stripe from "stripe";
const stripe = new Stripe(KEY);
const { charges } = stripe;
export const pay = () => charges.create({ amount: 1 });
`,
    });
    const run = cliJson<Explained>(repo, ["explain", "src/billing/pay.ts:4"]);
    expect(run.code).toBe(0);
    const [finding] = run.json.findings;
    expect(finding!.ruleId).toBe("no-stripe-charges");
    expect(finding!.fact!.kind).toBe("call");
    expect(finding!.fact!.callee).toContain("stripe.charges.create");
    expect(finding!.matcher!.matched).toEqual({ callees: ["stripe.charges.create"] });
    for (const step of finding!.fact!.via) expect(step.line).toBeGreaterThanOrEqual(1);
  });
});

describe("explain: bad usage exits 2", () => {
  it.each([[[]], [["src/a.ts"]], [["src/a.ts:0"]], [["src/a.ts:x"]], [["src/missing.ts:1"]], [["src/a.ts:1", "src/a.ts:2"]]])("%j", (args) => {
    const repo = project({ "src/a.ts": "export const a = 1;\n" });
    const run = cli(repo, ["explain", ...args]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
  });
});
