// Generates a deterministic TypeScript tree shaped like a Next.js + Supabase app: route handlers,
// server actions, data-access modules, React components. Most files query Supabase for other
// tables; about a quarter mention integrations legitimately (the API client, `integration_id`
// columns), and a few percent hold the violations the rules look for.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** Small fast PRNG (mulberry32): the same tree on every run and machine. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TABLES = ["organizations", "members", "projects", "invoices", "subscriptions", "api_keys", "audit_log", "datasets", "pipelines", "alerts"];
const COLUMNS = ["id", "name", "org_id", "created_at", "updated_at", "status", "owner_id", "plan", "region", "metadata"];
const FOLDERS = ["app/api", "app/(dashboard)", "lib/data", "lib/actions", "components", "server/jobs", "lib/billing", "app/settings"];

/** The violations, one per kind; `lines` is how many lines each adds. */
const VIOLATIONS = [
  (n) => `export async function loadProviders${n}(orgId: string) {\n  const { data } = await supabase.from("cloud_provider_integrations").select("*").eq("org_id", orgId);\n  return data ?? [];\n}\n`,
  (n) => `export async function markConfigured${n}(orgId: string) {\n  await supabase.from("organizations").update({ integration_openai_status: "configured", integration_openai_configured_at: new Date().toISOString() }).eq("id", orgId);\n}\n`,
  () => `export async function saveIntegrationStatus(orgId: string, provider: string) {\n  return supabase.from("organizations").update({ status: provider }).eq("id", orgId);\n}\n`,
  (n) => `export async function providerStatus${n}(orgId: string) {\n  const { data } = await supabase.from("organizations").select("id, integration_gcp_status").eq("id", orgId).single();\n  return data;\n}\n`,
];

function query(rnd, n) {
  const table = TABLES[Math.floor(rnd() * TABLES.length)];
  const cols = COLUMNS.filter(() => rnd() < 0.4).join(", ") || "id";
  const kind = Math.floor(rnd() * 4);
  if (kind === 0) {
    return `export async function list${n}(orgId: string, limit = 50): Promise<Row${n}[]> {
  const { data, error } = await supabase
    .from("${table}")
    .select("${cols}")
    .eq("org_id", orgId)
    .order("created_at", { ascending: false })
    .limit(limit);
  if (error) throw new DataError("${table}", error.message);
  return (data ?? []) as Row${n}[];
}
`;
  }
  if (kind === 1) {
    return `export async function update${n}(id: string, patch: Partial<Row${n}>) {
  const { error } = await supabase.from("${table}").update({ ...patch, updated_at: new Date().toISOString() }).eq("id", id);
  if (error) {
    logger.error("update ${table} failed", { id, error });
    throw error;
  }
}
`;
  }
  if (kind === 2) {
    return `export async function create${n}(input: Row${n}) {
  const admin = createServiceRoleClient();
  const { data, error } = await admin.from("${table}").insert({ ...input, created_at: new Date().toISOString() }).select("id").single();
  if (error) throw new DataError("${table}", error.message);
  return data.id;
}
`;
  }
  return `export async function count${n}(orgId: string): Promise<number> {
  const { count } = await supabase.from("${table}").select("*", { count: "exact", head: true }).eq("org_id", orgId);
  return count ?? 0;
}
`;
}

function filler(rnd, n) {
  const fields = COLUMNS.filter(() => rnd() < 0.6);
  return `/** A row as the dashboard shows it (generated ${n}). */
export interface Row${n} {
${fields.map((f) => `  ${f}: ${f.endsWith("_at") ? "string" : f === "metadata" ? "Record<string, unknown>" : "string"};`).join("\n")}
}

export function format${n}(row: Row${n}): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(row)) {
    if (value === null || value === undefined) continue;
    parts.push(\`\${key}=\${String(value)}\`);
  }
  return parts.join(", ");
}

export const DEFAULTS_${n} = {
  pageSize: ${10 + Math.floor(rnd() * 90)},
  retries: ${1 + Math.floor(rnd() * 4)},
  label: "section ${n}",
} as const;
`;
}

/** Legit integration-related code: the API client, integration_id columns. */
function legitIntegration(rnd, n) {
  return rnd() < 0.5
    ? `export async function integrationsFor${n}(orgSlug: string) {
  const integrations = await getIntegrations(orgSlug);
  return Object.entries(integrations).filter(([, i]) => i.status === "configured").map(([provider]) => provider);
}
`
    : `export async function runsForIntegration${n}(integrationId: string) {
  const { data } = await supabase.from("pipeline_runs").select("id, integration_id, started_at").eq("integration_id", integrationId);
  return data ?? [];
}
`;
}

const HEADER = `import { createServiceRoleClient, supabase } from "@/lib/supabase";
import { logger } from "@/lib/logger";
import { DataError } from "@/lib/errors";

`;

/**
 * Writes the tree under `root`; returns { files, lines, violating }.
 * `files` TypeScript files of about `linesPerFile` lines; `violationRate` of them hold a violation,
 * `mentionRate` of them use the integrations API legitimately (so the text pre-check cannot skip them).
 * `mentioning`: files whose text mentions "integration" at all.
 */
export function generateTree(root, { files = 2000, linesPerFile = 175, violationRate = 0.03, mentionRate = 0.25, seed = 42 } = {}) {
  const rnd = random(seed);
  let lines = 0;
  let violating = 0;
  let mentioning = 0;
  const paths = [];
  for (let i = 0; i < files; i++) {
    let text = HEADER;
    let n = 0;
    if (rnd() < mentionRate) text = `import { getIntegrations } from "integration-guard/client";\n${text}${legitIntegration(rnd, n++)}`;
    if (rnd() < violationRate) {
      text += VIOLATIONS[violating % VIOLATIONS.length](i);
      violating++;
    }
    while (text.split("\n").length < linesPerFile) text += rnd() < 0.5 ? query(rnd, n++) : filler(rnd, n++);
    const folder = FOLDERS[i % FOLDERS.length];
    const path = join(folder, `mod${String(Math.floor(i / 50)).padStart(2, "0")}`, `file${String(i).padStart(4, "0")}.ts`);
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
    lines += text.split("\n").length - 1;
    if (/integration/i.test(text)) mentioning++;
    paths.push(path);
  }
  return { files, lines, violating, mentioning, paths };
}
