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
