// Analytics about integrations: reads and writes of other tables, names that look close.
import { createServiceRoleClient } from "@/lib/supabase/admin";

export const INTEGRATION_EVENTS_TABLE = "integration_events";

export async function recordIntegrationEvent(orgId: string, provider: string, kind: string) {
  const admin = await createServiceRoleClient();
  await admin.from("audit_log").insert({ org_id: orgId, action: `integration.${kind}`, provider });
  await admin.from(INTEGRATION_EVENTS_TABLE).insert({ org_id: orgId, provider, kind, status: "ok" });
}

export function validateIntegrationStatus(status: string): boolean {
  return ["VALID", "INVALID", "PENDING"].includes(status);
}

export const saveIntegrationSettings = async (orgId: string, settings: { notify: boolean }) => {
  const admin = await createServiceRoleClient();
  await admin.from("org_settings").upsert({ org_id: orgId, notify_on_changes: settings.notify });
};

export const message = "cloud_provider_integrations was retired; see docs/integrations.md";
const fromChars = Array.from("integration_openai_status");
export default fromChars;
