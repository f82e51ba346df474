"use server";
// A Next.js server action file as it looked before the migration.
import { revalidatePath } from "next/cache";
import { createClient, createServiceRoleClient } from "@/lib/supabase/server";
import type { Database } from "@/types/supabase";

type Provider = "openai" | "anthropic" | "gemini" | "deepseek" | "gcp" | "aws" | "azure" | "oci";

const INTEGRATIONS_TABLE = "cloud_provider_integrations";

const STATUS_COLUMNS = {
  openai: "integration_openai_status",
  gcp: "integration_gcp_status",
} as const;

interface OrgRow {
  id: string;
  integration_openai_status: string | null; // type members are not findings
}

export async function saveIntegrationStatus( // expect: no-save-integration-status-function
  orgSlug: string,
  provider: Provider,
  status: "VALID" | "INVALID",
) {
  const supabase = await createServiceRoleClient();
  const now = new Date().toISOString();
  const { error } = await supabase
    .from("organizations") // expect: no-service-role-client-for-integrations
    .update({
      [`integration_${provider}_status`]: status, // expect: no-integration-status-write
      [`integration_${provider}_configured_at`]: now, // expect: no-integration-status-write
    })
    .eq("org_slug", orgSlug);
  if (error) throw new Error(`Failed to save integration status: ${error.message}`);
  revalidatePath(`/${orgSlug}/settings/integrations`);
}

export async function saveCloudIntegrationStatus(orgId: string, provider: Provider, credential: string) { // expect: no-save-integration-status-function
  const admin = createServiceRoleClient();
  const row = { org_id: orgId, provider, encrypted_credential: credential, is_active: true };
  await (await admin).from(INTEGRATIONS_TABLE).upsert(row, { onConflict: "org_id,provider" }); // expect: no-cloud-provider-integrations-table, no-service-role-client-for-integrations
}

export async function listIntegrations(orgId: string) {
  const supabase = await createClient();
  const { data } = await supabase
    .from(INTEGRATIONS_TABLE) // expect: no-cloud-provider-integrations-table
    .select("provider, created_at")
    .eq("org_id", orgId);
  return data ?? [];
}

export async function readStatus(orgSlug: string): Promise<OrgRow | null> {
  const supabase = await createClient();
  const { data: org } = await supabase
    .from("organizations")
    .select("id, integration_openai_status") // expect: no-integration-status-read
    .eq("org_slug", orgSlug)
    .single();
  if (org?.integration_gcp_status === "VALID") console.log("gcp ok"); // expect: no-integration-status-read
  return org;
}

export async function markOpenAI(orgSlug: string) {
  const supabase = await createClient();
  const patch: Record<string, string> = { updated_at: new Date().toISOString() };
  patch[STATUS_COLUMNS.openai] = "VALID"; // expect: no-integration-status-write
  await supabase.from("organizations").update(patch).eq("org_slug", orgSlug);
}

export async function onValidated(orgSlug: string) {
  await saveIntegrationStatus(orgSlug, "openai", "VALID"); // expect: no-save-integration-status-function
}
