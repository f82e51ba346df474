// Service-role client followed through helpers, destructuring and parameters.
import { createServiceRoleClient } from "@/lib/supabase/admin";
import type { SupabaseClient } from "@supabase/supabase-js";

function getAdmin() {
  return createServiceRoleClient();
}

const clients = async () => ({ admin: await createServiceRoleClient(), region: "us" });

async function writeStatus(db: SupabaseClient, orgId: string) {
  return db.from("organizations").update({ integration_aws_status: "PENDING" }).eq("id", orgId); // expect: no-service-role-client-for-integrations, no-integration-status-write
}

export async function removeMember(userId: string) {
  const admin = getAdmin();
  await admin.from("org_members").delete().eq("user_id", userId);
  await admin.storage.from("avatars").remove([`${userId}.png`]);
}

export async function billing(orgId: string) {
  const { admin } = await clients();
  return admin.from("billing_accounts").select("plan, seats").eq("org_id", orgId);
}

export async function azureConfigured(orgId: string) {
  const { admin: client } = await clients();
  const { data } = await client.from("organizations").select("integration_azure_configured_at").eq("id", orgId).single(); // expect: no-service-role-client-for-integrations, no-integration-status-read
  return Boolean(data);
}

export async function run(orgId: string) {
  const admin = await getAdmin();
  await writeStatus(admin, orgId);
}
