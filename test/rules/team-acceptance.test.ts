/**
 * A team adopts its own rules the way docs/rules.md tells it to: a git project with
 * `.integration-guard/config.yaml` (packs: builtin + examples/rules, two rules re-graded) and a
 * rule of its own in `.integration-guard/rules/`. Then the built hook (Claude Code PreToolUse
 * Write / Edit payloads on stdin) and `lint` run on violating and clean files in realistic paths.
 * Assertions are on rule ids, files and lines only.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, isDeny, payload, reasonFindings, runHook, type HookRun } from "../helpers/hook.js";
import { git, gitRepo, lint, lintJson, where, write } from "../lint/helpers.js";

const EXAMPLE_RULES = fileURLToPath(new URL("../../examples/rules", import.meta.url));

// The team's own first rule, as docs/rules.md's "Your first rule" has them write it.
const NO_MOMENT = `id: no-moment
severity: block
languages: [typescript, javascript]
message: "Don't use moment: use date-fns"
help: |
  import { addDays, format } from "date-fns";
match:
  - kind: import
    modules: ["moment", "moment/**"]
examples:
  invalid:
    - file: src/features/billing/due.ts
      code: |
        import moment from "moment";
      lines: [1]
  valid:
    - file: src/features/billing/due.ts
      code: |
        import { addDays } from "date-fns";
`;

const CONFIG = `# Rule packs: the built-in rules and the examples shipped with integration-guard.
packs: [builtin, ${JSON.stringify(EXAMPLE_RULES)}]
rules:
  no-raw-sql-outside-data-layer: warn   # report, do not block, while we migrate
  no-integration-status-read: off       # we never had those columns
`;

/** Files already in the repository before the agent starts: the allowed places and one legacy file. */
const EXISTING: Record<string, string> = {
  "package.json": `{ "name": "acme-app", "private": true, "type": "module" }\n`,
  "tsconfig.json": `{ "compilerOptions": { "strict": true, "jsx": "react-jsx", "baseUrl": ".", "paths": { "@/*": ["src/*"] } } }\n`,
  ".integration-guard/config.yaml": CONFIG,
  ".integration-guard/rules/no-moment.yaml": NO_MOMENT,
  "src/config/env.ts": `export const config = { stripeSecretKey: process.env.STRIPE_SECRET_KEY ?? "" };\n`,
  "src/db/repositories/invoices.ts": `export const listForOrg = (orgId: string) => pool.query("SELECT id, total FROM invoices WHERE org_id = $1", [orgId]);\n`,
  "src/gateway/openai.ts": `import OpenAI from "openai";\nexport const client = new OpenAI();\n`,
  "src/lib/legacy-auth/session.ts": `import { readCookie } from "@/lib/legacy-auth/cookies";\nexport const getSession = (req: Request) => readCookie(req, "sid");\n`,
  "src/features/legacy/payments.ts": [
    "export async function oldCharge(amount: number) {", // 1
    '  return stripe.charges.create({ amount, currency: "usd" });', // 2
    "}", // 3
    "",
  ].join("\n"),
  "app/settings.py": `import os\nSTRIPE_SECRET_KEY = os.environ["STRIPE_SECRET_KEY"]\n`,
};

/** What an agent writes: each violating file with the `file:line ruleId` it must get. */
const CHARGE_TS = [
  'import { getSession } from "@/lib/legacy-auth";', // 1 legacy-auth
  'import Stripe from "stripe";', // 2
  "", // 3
  "const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);", // 4 env
  "export async function charge(amount: number) {", // 5
  "  const session = await getSession();", // 6
  '  return stripe.charges.create({ amount, currency: "usd", customer: session.customerId });', // 7 stripe
  "}", // 8
  "",
].join("\n");

const CHARGE_TS_CLEAN = [
  'import { auth } from "@/lib/auth";',
  'import Stripe from "stripe";',
  'import { config } from "@/config";',
  "",
  "const stripe = new Stripe(config.stripeSecretKey);",
  "export async function charge(amount: number) {",
  "  const session = await auth();",
  '  return stripe.paymentIntents.create({ amount, currency: "usd", customer: session?.user.customerId, confirm: true });',
  "}",
  "",
].join("\n");

const REPLY_TS = [
  'import { verify } from "../../lib/legacy-auth/jwt";', // 1 legacy-auth (relative path)
  'const BASE = "https://api.openai.com/v1";', // 2
  "export async function reply(token: string, prompt: string) {", // 3
  "  verify(token);", // 4
  "  const res = await fetch(`${BASE}/chat/completions`, {", // 5 openai (URL through a constant and a template)
  '    method: "POST",', // 6
  '    body: JSON.stringify({ model: "gpt-4o", messages: [{ role: "user", content: prompt }] }),', // 7
  "  });", // 8
  "  return res.json();", // 9
  "}", // 10
  "",
].join("\n");

const REPLY_PY = [
  "import os", // 1
  "import requests as http", // 2
  "from openai import OpenAI", // 3 openai
  "", // 4
  'client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])', // 5 openai, env
  "", // 6
  "def rates(zip_code):", // 7
  '    return http.get(f"http://rates.carrier-api.com/v2/quote?zip={zip_code}")', // 8 plain http
  "",
].join("\n");

const POST_BODY_TSX = [
  'import { sanitize } from "@/lib/sanitize";', // 1
  "export const PostBody = ({ html, title }: { html: string; title: string }) => (", // 2
  "  <>", // 3
  "    <h1 dangerouslySetInnerHTML={{ __html: sanitize(title) }} />", // 4 sanitized: fine
  "    <article dangerouslySetInnerHTML={{ __html: html }} />", // 5 unsanitized
  "  </>", // 6
  ");", // 7
  "",
].join("\n");

const DUE_TS = 'import moment from "moment";\nexport const due = () => moment().add(30, "days");\n';
const MONTHLY_TS = 'import { pool } from "@/db/pool";\nexport const monthly = (orgId: string) => pool.query("SELECT sum(total) FROM invoices WHERE org_id = $1", [orgId]);\n';
const CREDS_TS = 'export const creds = (orgId: string) => supabase.from("cloud_provider_integrations").select("*").eq("org_id", orgId);\n';
const STATUS_READ_TS = 'export const status = (id: string) => supabase.from("organizations").select("integration_openai_status").eq("id", id);\n';

let repo: string;

beforeAll(() => {
  repo = gitRepo();
  for (const [path, text] of Object.entries(EXISTING)) write(repo, path, text);
  git(repo, "add", "-A");
  git(repo, "commit", "-qm", "acme app with integration-guard rules");
});

/** Claude Code's PreToolUse call, with the environment it gives hooks. */
function hook(tool: "Write" | "Edit", input: Record<string, unknown>): HookRun {
  return runHook(payload(tool, { ...input, file_path: join(repo, input.file_path as string) }, repo), { env: { CLAUDE_PROJECT_DIR: repo } });
}

function located(run: HookRun): string[] {
  return reasonFindings(run).map((f) => `${f.location} ${f.ruleId}`).sort();
}

/** Each violating write: why it is one, and the `line ruleId` findings it must get (file implied). */
const VIOLATIONS: Array<{ why: string; file: string; content: string; found: string[] }> = [
  {
    why: "the legacy module, process.env and the Charges API",
    file: "src/features/billing/charge.ts",
    content: CHARGE_TS,
    found: ["1 no-legacy-auth-import", "4 no-env-outside-config", "7 no-stripe-charges-api"],
  },
  {
    why: "a relative import into src/lib/legacy-auth and the OpenAI URL through a constant",
    file: "src/features/chat/reply.ts",
    content: REPLY_TS,
    found: ["1 no-legacy-auth-import", "5 no-direct-openai"],
  },
  {
    why: "the Python forms: the OpenAI SDK, os.environ, plain http through a renamed requests",
    file: "app/features/chat/reply.py",
    content: REPLY_PY,
    found: ["3 no-direct-openai", "5 no-direct-openai", "5 no-env-outside-config", "8 no-plain-http-calls"],
  },
  { why: "unsanitized HTML (the sanitized attribute beside it is fine)", file: "src/components/PostBody.tsx", content: POST_BODY_TSX, found: ["5 no-unsanitized-html"] },
  { why: "the team's own rule from .integration-guard/rules", file: "src/features/billing/due.ts", content: DUE_TS, found: ["1 no-moment"] },
];

/** `file:line ruleId`, as located() and lint's where() give them. */
const expected = (v: (typeof VIOLATIONS)[number]) => v.found.map((f) => `${v.file}:${f}`);

describe("the hook with the team's packs and rules", () => {
  for (const v of VIOLATIONS) {
    it(`denies a Write with ${v.why}, each finding at its line`, () => {
      const run = hook("Write", { file_path: v.file, content: v.content });
      expect(isDeny(run)).toBe(true);
      expect(located(run)).toEqual(expected(v).sort());
    });
  }

  it("allows the same file written the new way", () => {
    const run = hook("Write", { file_path: "src/features/billing/charge.ts", content: CHARGE_TS_CLEAN });
    expect(run).toMatchObject({ status: 0, stdout: "" });
  });

  it("keeps the built-in rules, and honours off and warn from config.yaml", () => {
    const builtin = hook("Write", { file_path: "src/features/orgs/creds.ts", content: CREDS_TS });
    expect(isDeny(builtin)).toBe(true);
    expect(located(builtin)).toEqual(["src/features/orgs/creds.ts:1 no-cloud-provider-integrations-table"]);

    const off = hook("Write", { file_path: "src/features/orgs/status.ts", content: STATUS_READ_TS });
    expect(off).toMatchObject({ status: 0, stdout: "" });

    const warned = hook("Write", { file_path: "src/features/reports/monthly.ts", content: MONTHLY_TS });
    expect(warned.status).toBe(0);
    expect(warned.output?.hookSpecificOutput.permissionDecision).toBeUndefined();
    expect(located(warned)).toEqual(["src/features/reports/monthly.ts:2 no-raw-sql-outside-data-layer"]);
  });

  it("lets each rule's ignored files do what is forbidden elsewhere", () => {
    const allowed: Array<[string, string]> = [
      ["src/config/stripe.ts", "export const stripeKey = process.env.STRIPE_SECRET_KEY!;\n"],
      ["src/db/repositories/reports.ts", MONTHLY_TS],
      ["src/gateway/embeddings.ts", 'import OpenAI from "openai";\nexport const embed = () => new OpenAI().embeddings.create({ model: "m", input: "x" });\n'],
      ["src/lib/legacy-auth/jwt.ts", 'import { getSession } from "@/lib/legacy-auth";\nexport const verify = (t: string) => getSession(new Request(t));\n'],
      ["app/settings.py", 'import os\nSTRIPE_SECRET_KEY = os.environ["STRIPE_SECRET_KEY"]\nDEBUG = os.getenv("DEBUG") == "1"\n'],
    ];
    for (const [file, content] of allowed) expect(hook("Write", { file_path: file, content }), file).toMatchObject({ status: 0, stdout: "" });
  });

  // The next thing a denied agent tries: the same code through a shell heredoc.
  it("denies the same code written by a Bash heredoc", () => {
    const command = `cat > src/features/billing/due.ts <<'EOF'\n${DUE_TS}EOF`;
    const run = runHook(payload("Bash", { command, description: "Write due.ts" }, repo), { env: { CLAUDE_PROJECT_DIR: repo } });
    expect(isDeny(run)).toBe(true);
    expect(located(run)).toEqual(["src/features/billing/due.ts:1 no-moment"]);
  });

  it("judges an Edit of a legacy file by what it introduces", () => {
    const unrelated = hook("Edit", {
      file_path: "src/features/legacy/payments.ts",
      old_string: "export async function oldCharge",
      new_string: "/** Kept until the March migration. */\nexport async function oldCharge",
    });
    expect(unrelated).toMatchObject({ status: 0, stdout: "" });

    const introduced = hook("Edit", {
      file_path: "src/features/legacy/payments.ts",
      old_string: 'currency: "usd"',
      new_string: "currency: process.env.DEFAULT_CURRENCY!",
    });
    expect(isDeny(introduced)).toBe(true);
    expect(located(introduced)).toEqual(["src/features/legacy/payments.ts:2 no-env-outside-config"]);
  });
});

describe("lint with the team's packs and rules", () => {
  beforeAll(() => {
    for (const v of VIOLATIONS) write(repo, v.file, v.content);
    write(repo, "src/features/billing/charge-v2.ts", CHARGE_TS_CLEAN);
    write(repo, "src/features/reports/monthly.ts", MONTHLY_TS);
    write(repo, "src/features/orgs/status.ts", STATUS_READ_TS);
  });

  it("reports every finding of the tree, the legacy one included, and nothing in the allowed places", () => {
    const out = lintJson(repo);
    expect(out.errors).toEqual([]);
    expect(where(out)).toEqual(
      [
        ...VIOLATIONS.flatMap(expected),
        "src/features/legacy/payments.ts:2 no-stripe-charges-api",
        "src/features/reports/monthly.ts:2 no-raw-sql-outside-data-layer",
      ].sort(),
    );
    expect(out.findings.find((f) => f.ruleId === "no-raw-sql-outside-data-layer")?.severity).toBe("warn");
    expect(out.code).toBe(1);
  });

  it("checks what is staged (the pre-commit check) with the same rules", () => {
    git(repo, "add", "src/features/billing/due.ts", "src/features/billing/charge-v2.ts", "src/features/reports/monthly.ts");
    const out = lintJson(repo, ["--staged"]);
    expect(where(out)).toEqual(["src/features/billing/due.ts:1 no-moment", "src/features/reports/monthly.ts:2 no-raw-sql-outside-data-layer"]);
    expect(out.code).toBe(1);
    git(repo, "reset", "-q");
  });

  it("test-rules runs the project's rules and the packs' rules, and every example holds", () => {
    const run = spawnSync(process.execPath, [BIN, "test-rules", "--json"], { cwd: repo, encoding: "utf8", timeout: 120_000 });
    const report = JSON.parse(run.stdout) as { rules: Array<{ ruleId: string; failures: unknown[] }> };
    const ids = report.rules.map((r) => r.ruleId);
    expect(ids).toContain("no-moment");
    expect(ids).toContain("no-stripe-charges-api");
    expect(ids).toContain("no-cloud-provider-integrations-table");
    for (const rule of report.rules) expect(rule.failures, rule.ruleId).toEqual([]);
    expect(run.status).toBe(0);
  });
});

describe("a broken rule file in the project", () => {
  let broken: string;
  beforeAll(() => {
    broken = gitRepo();
    write(broken, ".integration-guard/rules/no-moment.yaml", NO_MOMENT);
    // A typo a new user makes: `calees` for `callees`.
    write(broken, ".integration-guard/rules/no-lodash-get.yaml", NO_MOMENT.replace("id: no-moment", "id: no-lodash-get").replace("kind: import\n    modules:", "kind: call\n    calees:"));
    write(broken, "src/features/billing/due.ts", 'import { addDays } from "date-fns";\nexport const due = () => addDays(new Date(), 30);\n');
  });

  it("the hook names the file and the field, and still enforces every valid rule", () => {
    const run = runHook(payload("Write", { file_path: join(broken, "src/features/billing/due.ts"), content: DUE_TS }, broken), { env: { CLAUDE_PROJECT_DIR: broken } });
    expect(isDeny(run)).toBe(true);
    expect(reasonFindings(run).map((f) => `${f.location} ${f.ruleId}`)).toContain("src/features/billing/due.ts:1 no-moment");
    expect(run.stderr).toMatch(/no-lodash-get\.yaml: match\.0/);
  });

  it("lint exits 2 naming the file and the field", () => {
    const run = lint(broken, ["--format", "json"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no-lodash-get\.yaml: match\.0/);
  });
});
