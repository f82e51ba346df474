/**
 * Warm-up: run the real hook on samples, one per language, before the first real request, so the
 * rules, zod and the parsers (oxc, lezer, libpg-query's WASM) are loaded and V8 has optimised the
 * hot code for the inputs real calls bring. The samples are as large and as varied as the files
 * agents write (SAMPLES) and run several rounds; they mention the rules' words so they go down the
 * full path (parse, extraction, findings, the deny message). No full collection after it (the
 * daemon collects its young garbage like a request's: idle-gc.ts): a full one threw away what it
 * had optimised. Measured, Node 24, bench/daemon-warmup.mjs, daemon CPU of the first 5 requests
 * (1,200-line TS / 1,000-line Python Write): 39 / 72 ms with the old samples (a few hundred lines,
 * one shape each) and a full collection, 28 / 38 ms with these samples and none; steady state
 * ~13 / ~17 ms. Warm-up takes ~1.3 s; requests that arrive meanwhile are served between samples.
 */
import { join } from "node:path";
import type { HookIO } from "../hook/io.js";
import { runHook } from "../hook/run.js";

/**
 * Each sample is a file of the size agents write (TypeScript ~1,200 lines, Python ~1,000, SQL ~200)
 * made of blocks that take turns: several shapes of code, ordinary and violating, so V8 sees the
 * node types, object shapes and findings a real file brings (with one small repeated shape, the
 * first real requests met new ones and V8 re-optimised: 2-4x their steady time).
 */
const SAMPLES: ReadonlyArray<{ file: string; lines: number; blocks: ReadonlyArray<(i: number) => string> }> = [
  {
    file: "sample.ts",
    lines: 1_200,
    blocks: [
      // Constant tables, template keys, chained queries, awaits, loops: the retired pattern.
      (i) => `const T${i} = { cloud: "cloud_provider_integrations", members: "org_members" } as const;
export async function saveIntegrationStatus${i}(orgId: string, provider: "openai" | "gcp"): Promise<void> {
  const supabase = await createServiceRoleClient();
  const { data, error } = await supabase.from(T${i}.cloud).select("id, provider, integration_openai_status").eq("org_id", orgId);
  if (error) throw new Error(\`failed: \${error.message}\`);
  const update: Record<string, unknown> = { integration_openai_status: "VALID", updated_at: new Date().toISOString() };
  update[\`integration_\${provider}_configured_at\`] = new Date().toISOString();
  await supabase.from("organizations").update(update).eq("id", orgId);
  for (const row of data ?? []) console.log(row.integration_openai_status);
}
`,
      // Ordinary code: types, generics, optional chaining, arrow functions, spreads, switch, try.
      (i) => `interface Member${i} { id: string; name?: string; role: "owner" | "admin" | "member"; tags: string[] }
type Page${i}<T> = { items: T[]; next?: string | null };
export function summarise${i}(members: readonly Member${i}[], filter?: (m: Member${i}) => boolean): Page${i}<string> {
  const items = members.filter((m) => filter?.(m) ?? true).map((m) => \`\${m.name ?? m.id} (\${m.role})\`);
  let owners = 0;
  for (const m of members) {
    switch (m.role) {
      case "owner": owners += 1; break;
      default: continue;
    }
  }
  try { return { items: [...items, String(owners)], next: items.length > ${i % 7} ? items[0] : null }; }
  catch (e) { return { items: [], next: (e as Error).message }; }
}
`,
      // A class on the integrations API (the right way) and one storing a credential (the wrong one).
      (i) => `export class IntegrationStore${i} {
  #cache = new Map<string, Promise<unknown>>();
  constructor(private readonly db: Db, private readonly api = new IntegrationsClient({ baseUrl: process.env.API_URL })) {}
  async status(orgId: string) { return this.api.integrations.status({ orgId, provider: "openai" }); }
  async saveKey(orgId: string, apiKey: string) {
    await this.db.from("organizations").update({ openai_api_key: apiKey, integration_gcp_status: "OK" }).eq("id", orgId);
    return this.#cache.get(orgId) ?? null;
  }
}
`,
    ],
  },
  {
    file: "sample.tsx",
    lines: 300,
    blocks: [
      (i) => `export function IntegrationRow${i}({ org, onSave }: { org: Org; onSave: (id: string) => void }) {
  const [busy, setBusy] = useState(false);
  const label = useMemo(() => \`\${org.name} <\${org.integration_openai_status}>\`, [org]);
  return (
    <Card key={org.id}><CardHeader><CardTitle>{label}</CardTitle></CardHeader>
      <CardContent><Button disabled={busy} onClick={async () => { setBusy(true); await supabase.from("organizations").update({ integration_openai_status: "VALID" }).eq("id", org.id); onSave(org.id); }}>Save</Button></CardContent>
    </Card>
  );
}
`,
    ],
  },
  {
    file: "sample.py",
    lines: 1_000,
    blocks: [
      (i) => `def save_integration_status_${i}(org_id: str, provider: str, status: str) -> None:
    client = create_service_role_client()
    client.table("organizations").update({f"integration_{provider}_status": status}).eq("id", org_id).execute()


`,
      (i) => `class MemberService${i}:
    """Members of an organisation."""

    def __init__(self, db, limit: int = ${i % 50}):
        self.db = db
        self.limit = limit

    def list(self, org_id: str, *, role=None):
        rows = self.db.table("org_members").select("id, name, role").eq("org_id", org_id).limit(self.limit).execute()
        return [row for row in rows.data if role is None or row.get("role") == role]


`,
      (i) => `@retry(times=3)
async def integrations_for_${i}(org_id: str, **options):
    db = get_client()
    try:
        result = await db.from_("cloud_provider_integrations").select("provider").eq("org_id", org_id).execute()
    except Exception as error:
        log.warning("failed %s", error)
        return {}
    return {row["provider"]: row for row in result.data} if result else {}


`,
    ],
  },
  {
    file: "sample.sql",
    lines: 200,
    blocks: [
      (i) => `CREATE TABLE IF NOT EXISTS public.org_settings_${i} (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organizations(id),
  value jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX org_settings_${i}_org_idx ON public.org_settings_${i} (org_id);
ALTER TABLE organizations ADD COLUMN integration_provider${i}_status text;
UPDATE organizations SET integration_openai_status = 'VALID' WHERE id = '${i}';
INSERT INTO cloud_provider_integrations (org_id, provider) SELECT id, 'gcp' FROM organizations WHERE created_at > now() - interval '${i} days';
`,
    ],
  },
];
const ROUNDS = 6;

export async function warmUp(dir: string): Promise<void> {
  const io: HookIO = { stdout: () => {}, stderr: () => {}, env: {}, cwd: dir };
  const inputs = warmUpSamples().map(({ file, content }) =>
    // A file that does not exist: Write needs no file on disk, and nothing is ever written.
    JSON.stringify({ hook_event_name: "PreToolUse", cwd: dir, tool_name: "Write", tool_input: { file_path: join(dir, "warm-up", file), content } }),
  );
  for (let round = 0; round < ROUNDS; round++) {
    for (const input of inputs) {
      await runHook(input, { failClosed: false, rules: undefined }, io);
      // Let requests that arrived meanwhile (a hook call, --status) in between samples.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

/** The warm-up's files (name and text): each one holds violations, so its check goes down the full path. `maxLines`: shorter ones (keep-shapes.ts). */
export function warmUpSamples(maxLines = Infinity): Array<{ file: string; content: string }> {
  return SAMPLES.map(({ file, lines, blocks }) => ({ file, content: sampleText(Math.min(lines, maxLines), blocks) }));
}

/** Blocks in turn until the text has `lines` lines. */
function sampleText(lines: number, blocks: ReadonlyArray<(i: number) => string>): string {
  const parts: string[] = [];
  let count = 0;
  for (let i = 0; count < lines; i++) {
    const make = blocks[i % blocks.length];
    if (make === undefined) break;
    const block = make(i);
    parts.push(block);
    count += block.split("\n").length - 1;
  }
  return parts.join("");
}
