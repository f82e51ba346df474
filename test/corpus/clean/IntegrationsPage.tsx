// The integrations settings page after the migration: everything through the integrations API.
import { useEffect, useState } from "react";
import { getIntegrations, setupIntegration } from "integration-guard/client";
import { createClient } from "@/lib/supabase/client";

type IntegrationStatus = { integration_status?: string; status: string };

const PROVIDERS = ["OPENAI", "ANTHROPIC", "GEMINI", "DEEPSEEK", "GCP_SA", "AWS_IAM", "AZURE", "OCI"] as const;

export function IntegrationsPage({ orgSlug }: { orgSlug: string }) {
  const [integrations, setIntegrations] = useState<Record<string, IntegrationStatus>>({});
  const [members, setMembers] = useState<Array<{ id: string; email: string }>>([]);

  useEffect(() => {
    void getIntegrations(orgSlug).then(setIntegrations);
    const supabase = createClient();
    void supabase
      .from("org_members")
      .select("id, email, integration_role_label")
      .eq("org_slug", orgSlug)
      .then(({ data }) => setMembers(data ?? []));
  }, [orgSlug]);

  async function connect(provider: (typeof PROVIDERS)[number], credential: string) {
    const result = await setupIntegration({ orgSlug, provider, credential });
    if (!result.success) console.error(`integration ${provider} failed: ${result.validation_error}`);
    setIntegrations(await getIntegrations(orgSlug));
  }

  return (
    <section aria-label="integrations">
      {PROVIDERS.map((p) => (
        <div key={p} data-integration={p}>
          {p}: {integrations[p]?.status ?? "NOT_CONFIGURED"}
          <button onClick={() => void connect(p, prompt("credential") ?? "")}>Connect</button>
        </div>
      ))}
      <p>{members.length} members</p>
    </section>
  );
}
