/**
 * Warm-up: run the real hook on samples, one per language, before the first real request, so the
 * rules, zod and the parsers (oxc, lezer, libpg-query's WASM) are loaded and V8 has optimised the
 * hot code. The samples are a few hundred lines and run several rounds: tiny ones leave the
 * per-line code (tokens, extraction, findings) unoptimised and the first real calls slow. They
 * mention the rules' words so they go down the full path.
 */
import { join } from "node:path";
import type { HookIO } from "../hook/io.js";
import { runHook } from "../hook/run.js";

const BLOCKS: ReadonlyArray<[file: string, block: (i: number) => string]> = [
  [
    "sample.ts",
    // The constructs the TypeScript extraction follows: constant tables, template keys, chained
    // queries, awaits, loops, spreads, classes.
    (i) => `const T${i} = { cloud: "cloud_provider_integrations", members: "org_members" } as const;
export async function load${i}(orgId: string, provider: "openai" | "gcp"): Promise<unknown[]> {
  const supabase = await createServiceRoleClient();
  const { data, error } = await supabase.from(T${i}.cloud).select("id, integration_openai_status").eq("org_id", orgId);
  if (error) throw new Error(\`failed: \${error.message}\`);
  const update: Record<string, unknown> = { integration_openai_status: "VALID", n: ${i} };
  update[\`integration_\${provider}_configured_at\`] = new Date().toISOString();
  await supabase.from("organizations").update(update).eq("id", orgId);
  for (const row of data ?? []) console.log(row.integration_openai_status);
  return (data ?? []).map((row) => ({ ...row, index: ${i} }));
}
export class Store${i} {
  constructor(private readonly db: Db) {}
  async saveIntegrationStatus${i}(id: string) { return this.db.from("organizations").update({ integration_gcp_status: "OK" }).eq("id", id); }
}
`,
  ],
  [
    "sample.py",
    (i) =>
      `def load_${i}(org_id: str):\n    db = get_client()\n    db.table("organizations").update({"integration_openai_status": "VALID"}).eq("id", org_id).execute()\n    return db.table("cloud_provider_integrations").select("provider").eq("org_id", org_id).execute()\n\n`,
  ],
  [
    "sample.sql",
    (i) =>
      `CREATE TABLE IF NOT EXISTS t${i} (id uuid PRIMARY KEY, org_id uuid NOT NULL);\nUPDATE organizations SET integration_openai_status = 'VALID' WHERE id = '${i}';\nINSERT INTO cloud_provider_integrations (org_id) SELECT id FROM organizations;\n`,
  ],
];
const BLOCKS_PER_SAMPLE = 100;
const ROUNDS = 6;

export async function warmUp(dir: string): Promise<void> {
  const io: HookIO = { stdout: () => {}, stderr: () => {}, env: {}, cwd: dir };
  const samples = BLOCKS.map(([file, block]) => {
    const content = Array.from({ length: BLOCKS_PER_SAMPLE }, (_, i) => block(i)).join("");
    // A file that does not exist: Write needs no file on disk, and nothing is ever written.
    return JSON.stringify({ hook_event_name: "PreToolUse", cwd: dir, tool_name: "Write", tool_input: { file_path: join(dir, "warm-up", file), content } });
  });
  for (let round = 0; round < ROUNDS; round++) {
    for (const input of samples) {
      await runHook(input, { failClosed: false, rules: undefined }, io);
      // Let requests that arrived meanwhile (a hook call, --status) in between samples.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
