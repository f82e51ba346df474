/**
 * The eight providers of the integrations API: canonical codes, URL segments and accepted aliases
 * (../shared/spec/integrations-api.md, "Providers"). Shared by the client, the CLI and the server.
 */

export const PROVIDER_CODES = [
  "OPENAI",
  "ANTHROPIC",
  "GEMINI",
  "DEEPSEEK",
  "GCP_SA",
  "AWS_IAM",
  "AZURE",
  "OCI",
] as const;

export type ProviderCode = (typeof PROVIDER_CODES)[number];

/** The lower-case segment used in URLs: /api/v1/integrations/{org}/{segment}. */
export const PROVIDER_SEGMENTS: Readonly<Record<ProviderCode, string>> = {
  OPENAI: "openai",
  ANTHROPIC: "anthropic",
  GEMINI: "gemini",
  DEEPSEEK: "deepseek",
  GCP_SA: "gcp",
  AWS_IAM: "aws",
  AZURE: "azure",
  OCI: "oci",
};

/** The URL segment of a provider code; a code this client does not know is lower-cased. */
export function segmentOf(code: string): string {
  return PROVIDER_SEGMENTS[code as ProviderCode] ?? code.toLowerCase();
}

/** Extra names the API accepts on GET/PUT/DELETE (and the CLI accepts everywhere). */
const ALIASES: Readonly<Record<string, ProviderCode>> = {
  gcp_sa: "GCP_SA",
  google: "GEMINI",
  aws_iam: "AWS_IAM",
  claude: "ANTHROPIC",
};

/**
 * Resolve what a caller typed (a code, a segment or an alias, any case) to the canonical code,
 * or undefined when it names no provider.
 */
export function resolveProvider(input: string): ProviderCode | undefined {
  const lower = input.trim().toLowerCase();
  for (const code of PROVIDER_CODES) {
    if (code.toLowerCase() === lower || PROVIDER_SEGMENTS[code] === lower) return code;
  }
  return ALIASES[lower];
}

/**
 * Keys the production service's provider registry lists besides the eight codes, so its list
 * answers 10 providers. They are real entries of their own there (a credential stored under one is
 * not seen under the other), hence typed and explained rather than dropped.
 */
export const REGISTRY_ONLY_PROVIDERS = {
  CLAUDE:
    "production lists CLAUDE as a provider of its own, though it was meant as an alias of ANTHROPIC: a credential stored here is not the ANTHROPIC one, and code reading ANTHROPIC does not see it",
  AWS_KEYS:
    "the access-key form of AWS (access_key_id + secret_access_key), a provider of its own in production, separate from AWS_IAM",
} as const;

export type RegistryOnlyProvider = keyof typeof REGISTRY_ONLY_PROVIDERS;
/** Every provider key a list may hold: the eight codes, then production's two extra entries. */
export type ListedProviderCode = ProviderCode | RegistryOnlyProvider;
export const LISTED_PROVIDER_CODES: readonly ListedProviderCode[] = [...PROVIDER_CODES, "CLAUDE", "AWS_KEYS"];

export function isListedProvider(key: string): key is ListedProviderCode {
  return (LISTED_PROVIDER_CODES as readonly string[]).includes(key);
}

/** Org slugs as the API accepts them; anything else is a 400. */
export const ORG_SLUG_PATTERN = /^[a-z0-9_]{3,50}$/;
