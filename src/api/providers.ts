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

/** Org slugs as the API accepts them; anything else is a 400. */
export const ORG_SLUG_PATTERN = /^[a-z0-9_]{3,50}$/;
