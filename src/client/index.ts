/**
 * integration-guard/client: the integrations API client. Credentials are stored and validated
 * through this API (encrypted with KMS, kept in BigQuery), never in Supabase tables or columns.
 * Usage and the retry policy: docs/client.md.
 */
export {
  IntegrationsClient,
  DEFAULT_BASE_URL,
  DEFAULT_TIMEOUT_MS,
  providerCode,
  type ClientOptions,
  type ProviderInput,
  type SetupParams,
  type UpdateParams,
  type UpdateResult,
  type UpdateWarning,
} from "./client.js";
export { getIntegrations, setupIntegration, type IntegrationsByProvider, type SetupIntegrationParams } from "./helpers.js";
export { RateBudget, rateCostOf, sharedRateBudget } from "./rate-budget.js";
export { PRODUCTION_RATE_LIMITS, type RateClass, type RateLimits } from "../api/rate-limits.js";
export type { RequestOptions } from "./transport.js";
export { DEFAULT_MAX_RETRIES, DEFAULT_MAX_RETRY_WAIT_MS, RATE_WINDOW_MS, type Operation } from "./retry.js";
export * from "./errors.js";
export type { RedactedRequest } from "./redact.js";
export {
  LISTED_PROVIDER_CODES,
  PROVIDER_CODES,
  PROVIDER_SEGMENTS,
  REGISTRY_ONLY_PROVIDERS,
  isListedProvider,
  resolveProvider,
  type ListedProviderCode,
  type ProviderCode,
  type RegistryOnlyProvider,
} from "../api/providers.js";
export { checkCredentialShape, normalizeCredential, type CredentialOperation, type ShapeCheck } from "../api/credential-shapes.js";
export {
  INTEGRATION_STATUSES,
  VALIDATION_STATUSES,
  isKnownIntegrationStatus,
  isKnownValidationStatus,
  type DeleteResult,
  type IntegrationList,
  type IntegrationStatus,
  type KnownIntegrationStatus,
  type KnownValidationStatus,
  type SetupResult,
} from "../api/wire.js";
