// Deterministic bench inputs: a ~1,200-line TypeScript file full of violations (every rule form)
// and an everyday clean ~300-line React component that mentions none of the rules' words.

export function violatingFile() {
  const out = [
    'import { createServiceRoleClient } from "@/lib/supabase/server";',
    'const TABLES = { cloud: "cloud_provider_integrations", members: "org_members" } as const;',
    'const PREFIX = { openai: "integration_openai", gcp: "integration_gcp" } as const;',
    "",
  ];
  for (let i = 0; out.length < 1190; i++) {
    out.push(
      `export async function saveIntegrationStatus${i}(orgId: string, provider: keyof typeof PREFIX): Promise<void> {`,
      "  const supabase = await createServiceRoleClient();",
      '  const { data, error } = await supabase.from(TABLES.cloud).select("id, provider, integration_openai_status").eq("org_id", orgId);',
      "  if (error) throw new Error(`failed: ${error.message}`);",
      '  const update: Record<string, unknown> = { integration_openai_status: "VALID", updated_at: new Date().toISOString() };',
      "  update[`${PREFIX[provider]}_configured_at`] = new Date().toISOString();",
      '  await supabase.from("organizations").update(update).eq("id", orgId);',
      "  for (const row of data ?? []) console.log(row.integration_openai_status);",
      "}",
      "",
    );
  }
  return `${out.join("\n")}\n`;
}

export function cleanComponent() {
  const out = [
    'import { useEffect, useMemo, useState } from "react";',
    'import { Button } from "@/components/ui/button";',
    'import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";',
    "",
    "type Member = { id: string; name: string; email: string; role: \"owner\" | \"admin\" | \"member\" };",
    "",
  ];
  for (let i = 0; out.length < 290; i++) {
    out.push(
      `export function MemberRow${i}({ member, onRemove }: { member: Member; onRemove: (id: string) => void }) {`,
      "  const [busy, setBusy] = useState(false);",
      "  const label = useMemo(() => `${member.name} <${member.email}>`, [member]);",
      "  useEffect(() => { document.title = label; }, [label]);",
      "  return (",
      "    <Card><CardHeader><CardTitle>{label}</CardTitle></CardHeader>",
      "      <CardContent><Button disabled={busy} onClick={() => { setBusy(true); onRemove(member.id); }}>Remove</Button></CardContent>",
      "    </Card>",
      "  );",
      "}",
    );
  }
  return `${out.join("\n")}\n`;
}

// A ~1,000-line Python backend module: mostly ordinary code, with the retired patterns (the table,
// status columns, a save*IntegrationStatus function, the service-role client) every few functions.
export function violatingPython() {
  const out = [
    '"""Backend jobs for organisations."""',
    "from app.db import create_service_role_client, get_client",
    "",
    'TABLE = "cloud_provider_integrations"',
    "",
  ];
  for (let i = 0; out.length < 990; i++) {
    out.push(
      `def save_integration_status_${i}(org_id: str, provider: str, status: str) -> None:`,
      "    client = create_service_role_client()",
      '    client.table("organizations").update({f"integration_{provider}_status": status}).eq("id", org_id).execute()',
      "",
      "",
      `def list_members_${i}(org_id: str, limit: int = 50):`,
      "    db = get_client()",
      '    rows = db.table("org_members").select("id, name, role").eq("org_id", org_id).limit(limit).execute()',
      "    return [row for row in rows.data if row.get(\"role\") != \"guest\"]",
      "",
      "",
      `def integrations_for_${i}(org_id: str):`,
      "    db = get_client()",
      '    return db.from_(TABLE).select("provider").eq("org_id", org_id).execute()',
      "",
      "",
    );
  }
  return `${out.join("\n")}\n`;
}

// A SQL migration (~200 lines): schema changes, some of which bring back the retired table and
// status columns.
export function violatingMigration() {
  const out = ["-- Migration: organisation settings", "BEGIN;", ""];
  for (let i = 0; out.length < 195; i++) {
    out.push(
      `CREATE TABLE IF NOT EXISTS public.org_settings_${i} (`,
      "  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),",
      "  org_id uuid NOT NULL REFERENCES organizations(id),",
      "  value jsonb NOT NULL DEFAULT '{}'::jsonb",
      ");",
      `CREATE INDEX org_settings_${i}_org_idx ON public.org_settings_${i} (org_id);`,
      `ALTER TABLE organizations ADD COLUMN integration_provider${i}_status text;`,
      `UPDATE organizations SET integration_provider${i}_status = 'PENDING' WHERE integration_provider${i}_status IS NULL;`,
      `INSERT INTO cloud_provider_integrations (org_id, provider) SELECT id, 'provider${i}' FROM organizations;`,
      "",
    );
  }
  out.push("COMMIT;");
  return `${out.join("\n")}\n`;
}
