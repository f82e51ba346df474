// The retired pattern, as it was before the migration: what integration-guard stops.
import { createServiceRoleClient } from "@/lib/supabase/server";

const TABLES = { cloud: "cloud_provider_integrations", orgs: "organizations" } as const;

export async function saveIntegrationStatus(orgId: string, provider: string, status: string) {
  const admin = await createServiceRoleClient();
  const update: Record<string, string> = { updated_at: new Date().toISOString() };
  update[`integration_${provider}_status`] = status;
  await admin.from(TABLES.orgs).update(update).eq("id", orgId);
  await admin.from(TABLES.cloud).upsert({ org_id: orgId, provider, status });
}

export async function loadStatus(orgId: string) {
  const admin = await createServiceRoleClient();
  const { data } = await admin.from("organizations").select("id, integration_openai_status").eq("id", orgId).single();
  return data?.integration_openai_status ?? "NOT_CONFIGURED";
}
