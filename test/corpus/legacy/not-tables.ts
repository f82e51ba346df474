// Things that mention the retired names but are not findings.
const label = "cloud_provider_integrations";
const chars = Array.from("cloud_provider_integrations");
const bytes = Buffer.from("cloud_provider_integrations", "utf8");
console.warn("cloud_provider_integrations was removed, use the integrations API");
/* supabase.from("cloud_provider_integrations") in a comment */
export const docs = `Read more: supabase.from("cloud_provider_integrations") is forbidden`;

export function query(table: string) {
  const cloud_provider_integrations = "org_members";
  return supabase.from(cloud_provider_integrations).select("*");
}

export function shadowed() {
  const TABLE = "cloud_provider_integrations";
  const inner = (TABLE: string) => supabase.from(TABLE).select("*");
  return inner("org_members");
}

export const validateIntegrationStatus = () => true;
export function saveIntegrationSettings() {}
export const map = new Map([["integration_openai_status", 1]]);
const status = props.integration_openai_status;
