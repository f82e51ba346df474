/**
 * One-call helpers for application code, configured from the environment:
 *   INTEGRATIONS_API_URL  (default http://localhost:8000)
 *   INTEGRATIONS_API_KEY  (required)
 *
 *   const integrations = await getIntegrations("acme");
 *   if (integrations.OPENAI.status === "VALID") ...
 *   const result = await setupIntegration({ orgSlug: "acme", provider: "OPENAI", credential });
 */
import { PROVIDER_CODES, type ProviderCode, type RegistryOnlyProvider } from "../api/providers.js";
import type { IntegrationStatus, SetupResult } from "../api/wire.js";
import { type ClientOptions, IntegrationsClient, type ProviderInput, type SetupParams } from "./client.js";
import type { RequestOptions } from "./transport.js";

export interface SetupIntegrationParams extends SetupParams {
  orgSlug: string;
  provider: ProviderInput;
}

export async function setupIntegration(
  params: SetupIntegrationParams,
  options: RequestOptions & { client?: ClientOptions } = {},
): Promise<SetupResult> {
  const { orgSlug, provider, ...setup } = params;
  const { client, ...requestOptions } = options;
  return new IntegrationsClient(client).setup(orgSlug, provider, setup, requestOptions);
}

/**
 * Every provider's status keyed by code: the eight always (one the server left out reads as
 * NOT_CONFIGURED, and `integration-setup debug` reports the gap), and whatever else the server
 * listed, such as production's CLAUDE and AWS_KEYS (REGISTRY_ONLY_PROVIDERS says what they are).
 */
export type IntegrationsByProvider = Record<ProviderCode, IntegrationStatus> &
  Partial<Record<RegistryOnlyProvider, IntegrationStatus>>;

export async function getIntegrations(
  orgSlug: string,
  options: RequestOptions & { client?: ClientOptions } = {},
): Promise<IntegrationsByProvider> {
  const { client, ...requestOptions } = options;
  const list = await new IntegrationsClient(client).list(orgSlug, requestOptions);
  const out: Record<string, IntegrationStatus> = { ...list.integrations };
  for (const code of PROVIDER_CODES) out[code] ??= notConfigured(code);
  return out as IntegrationsByProvider;
}

function notConfigured(provider: ProviderCode): IntegrationStatus {
  return {
    provider,
    status: "NOT_CONFIGURED",
    credential_name: null,
    last_validated_at: null,
    last_error: null,
    created_at: null,
    metadata: null,
  };
}
