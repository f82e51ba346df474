/** `integration-setup` with no arguments: how credentials are handled, and the commands. */
export const EXPLANATION = `integration-setup: provider credentials (OpenAI, Anthropic, Gemini, DeepSeek, GCP, AWS, Azure, OCI)

WHERE CREDENTIALS LIVE
  Only in the integrations API (a FastAPI service, INTEGRATIONS_API_URL, default
  http://localhost:8000). It encrypts each credential with Cloud KMS and stores it in the BigQuery
  table organizations.org_integration_credentials: one active row per (org, provider), with
  validation_status, last_validated_at and last_error. No endpoint ever returns a credential.

THE FLOW
  1. You (or the app) send a credential once: POST /api/v1/integrations/{org}/{provider}/setup,
     authenticated by the org's API key (X-API-Key, from INTEGRATIONS_API_KEY).
  2. The API checks it with the provider, encrypts it and stores it: VALID, or INVALID with the
     provider's reason (a setup can answer success: false; read validation_status).
  3. Code reads the status, never the secret:
       import { getIntegrations } from "integration-guard/client";
       const integrations = await getIntegrations(orgSlug);  // integrations.OPENAI.status
  4. Only the API decrypts a credential (to check it with the provider); no endpoint returns it.

FORBIDDEN, AND WHY
  The old pattern kept credentials in Supabase and was removed; coding agents keep re-creating it:
  - The Supabase table cloud_provider_integrations: removed; credentials live only behind the API.
  - Supabase columns organizations.integration_<provider>_status / _configured_at: no longer
    updated, so reads are stale and writes disagree with what the API stores.
  - save*IntegrationStatus() / saveCloudIntegrationStatus() helpers that wrote status to Supabase:
    the API sets the status when it stores or validates a credential.
  - createServiceRoleClient() for integration data: the service role bypasses row-level security
    (keep it for members, billing and storage).
  - Credentials or API keys on a command line (ps, shell history) or in logs.
  The integration-guard hook and linter block these patterns.

COMMANDS
  integration-setup status <org> [--json]               every provider's status
  integration-setup debug <org> [--json]                runbook checks, each with what to do
  integration-setup <provider> <org> [--credential-file F] [--name N] [--metadata-file F]
                                                        store a credential (file, stdin or hidden prompt)
  integration-setup update <provider> <org> [--credential-file F] [--name N] [--metadata-file F]
                                                        change a stored integration (PUT)
  integration-setup validate <provider> <org>           re-check the stored credential
  integration-setup delete <provider> <org> [--yes]     deactivate the provider's credentials
  integration-setup serve [--port N] [--db FILE]        run the local reference server
  integration-setup serve --db FILE --create-org SLUG   create an org, print its API key

  Providers: openai, anthropic (claude), gemini (google), deepseek, gcp (gcp_sa), aws (aws_iam), azure, oci.
  Common options: --base-url URL, --api-key-file FILE (else INTEGRATIONS_API_KEY), --timeout-ms N, --json.
  Exit codes: 0 ok, 1 failed or INVALID credential, 2 usage, 3 authentication (401/403).
  More: docs/integration-setup.md`;
