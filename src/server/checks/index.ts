/**
 * Server-side credential checks: the shared shape check (src/api/credential-shapes.ts) first, then
 * the provider's real endpoint, at a base URL overridable per provider with
 * env INTEGRATION_PROVIDER_<CODE>_URL (e.g. INTEGRATION_PROVIDER_GCP_SA_URL) so tests use local servers.
 */
import { type CredentialOperation, checkCredentialShape } from "../../api/credential-shapes.js";
import type { ProviderCode } from "../../api/providers.js";
import { checkAws } from "./aws.js";
import { checkAzure } from "./azure.js";
import { checkGcpServiceAccount } from "./gcp.js";
import { checkAnthropic, checkDeepSeek, checkGemini, checkOpenAi } from "./genai.js";
import { headerSafeProblems } from "./keys.js";
import { checkOci } from "./oci.js";
import type { CheckContext, CheckOutcome, ProviderCheck } from "./outcome.js";

export type { CheckOutcome } from "./outcome.js";

const CHECKS: Readonly<Record<ProviderCode, ProviderCheck>> = {
  OPENAI: checkOpenAi,
  ANTHROPIC: checkAnthropic,
  GEMINI: checkGemini,
  DEEPSEEK: checkDeepSeek,
  GCP_SA: checkGcpServiceAccount,
  AWS_IAM: checkAws,
  AZURE: checkAzure,
  OCI: checkOci,
};

const API_KEY_PROVIDERS: ReadonlySet<ProviderCode> = new Set(["OPENAI", "ANTHROPIC", "GEMINI", "DEEPSEEK"]);

/** What the stored row says the credential is (column credential_type). */
export function credentialTypeOf(provider: ProviderCode, credential: string): string {
  switch (provider) {
    case "GCP_SA":
      return "SERVICE_ACCOUNT_JSON";
    case "AWS_IAM":
      // Called after the shape check, so the credential is a JSON object of one of the two forms.
      return typeof (JSON.parse(credential) as Record<string, unknown>).access_key_id === "string"
        ? "AWS_ACCESS_KEY"
        : "AWS_ROLE";
    case "AZURE":
      return "AZURE_CLIENT_SECRET";
    case "OCI":
      return "OCI_API_KEY";
    default:
      return "API_KEY";
  }
}

/** Shape problems (never quoting the credential); empty when the credential is well-formed. */
export function shapeProblems(provider: ProviderCode, credential: string, operation: CredentialOperation = "setup"): string[] {
  const shape = checkCredentialShape(provider, credential, operation);
  if (!shape.ok) return shape.problems;
  return API_KEY_PROVIDERS.has(provider) ? headerSafeProblems({ credential }, "the API key") : [];
}

export interface CheckSettings {
  timeoutMs: number;
  env: NodeJS.ProcessEnv;
}

export function providerBaseUrl(provider: ProviderCode, env: NodeJS.ProcessEnv): string | undefined {
  const value = env[`INTEGRATION_PROVIDER_${provider}_URL`];
  if (!value) return undefined;
  const url = new URL(value); // validated at startup by validateProviderOverrides
  return url.href.replace(/\/+$/, "");
}

export class ProviderConfigError extends Error {}

/** Refuses a malformed override at startup instead of at the first check. */
export function validateProviderOverrides(env: NodeJS.ProcessEnv): void {
  for (const provider of Object.keys(CHECKS)) {
    const name = `INTEGRATION_PROVIDER_${provider}_URL`;
    const value = env[name];
    if (!value) continue;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new ProviderConfigError(`${name} is not a URL`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new ProviderConfigError(`${name} must be an http(s) URL`);
  }
}

export function checkWithProvider(provider: ProviderCode, credential: string, settings: CheckSettings): Promise<CheckOutcome> {
  const context: CheckContext = {
    baseUrl: providerBaseUrl(provider, settings.env),
    timeoutMs: settings.timeoutMs,
    env: settings.env,
  };
  return CHECKS[provider](credential, context);
}
