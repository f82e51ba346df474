/**
 * One-call helpers for application code, configured from the environment:
 *   INTEGRATIONS_API_URL  (default http://localhost:8000)
 *   INTEGRATIONS_API_KEY  (required)
 *
 *   const integrations = await getIntegrations("acme");
 *   if (integrations.OPENAI.status === "VALID") ...
 *   const result = await setupIntegration({ orgSlug: "acme", provider: "OPENAI", credential });
 */
import { PROVIDER_CODES, type ProviderCode } from "../api/providers.js";
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
 * Every provider's status, keyed by code. A provider the server left out of its answer reads as
 * NOT_CONFIGURED here (so `integrations.AZURE.status` is always defined); `integration-setup debug`
 * reports such gaps.
 */
export async function getIntegrations(
  orgSlug: string,
  options: RequestOptions & { client?: ClientOptions } = {},
): Promise<Record<ProviderCode, IntegrationStatus>> {
  const { client, ...requestOptions } = options;
  const list = await new IntegrationsClient(client).list(orgSlug, requestOptions);
  const out = {} as Record<ProviderCode, IntegrationStatus>;
  for (const code of PROVIDER_CODES) {
    out[code] = list.integrations[code] ?? notConfigured(code);
  }
  return out;
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
