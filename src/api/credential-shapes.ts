/**
 * Local checks of credentials (spec "Providers", column "local shape check"), run by the client
 * before anything is sent and by the reference server before anything is stored. They follow the
 * production service's own rules (measured, docs/client.md): surrounding whitespace is trimmed
 * first; every credential has 10 characters at least and at most 100,000 on setup, 50,000 on update
 * (and 100,000 bytes); OpenAI keys start with "sk-" or "keisk-"; Gemini ("AIza") and DeepSeek ("sk-")
 * keys have 10 characters at least once trimmed.
 *
 * A shape check catches typos and wrong files early; it says nothing about whether the provider
 * accepts the credential. Problems name the missing or wrong field and never quote the credential
 * (or any part of it): these messages end up in terminals and logs.
 */
import { CREDENTIAL_MAX_BYTES, CREDENTIAL_MAX_CHARS, CREDENTIAL_MIN_CHARS, type CredentialOperation } from "./limits.js";
import type { ProviderCode } from "./providers.js";

export type { CredentialOperation } from "./limits.js";
export type ShapeCheck = { ok: true } | { ok: false; problems: string[] };

/** Required fields of the JSON credentials, per provider (AWS has two accepted forms). */
const JSON_FIELDS = {
  GCP_SA: ["type", "project_id", "private_key", "client_email"],
  AZURE: ["tenant_id", "client_id", "client_secret", "subscription_id"],
  OCI: ["tenancy_ocid", "user_ocid", "fingerprint", "private_key", "region"],
  AWS_ROLE: ["role_arn", "external_id"],
  AWS_KEYS: ["access_key_id", "secret_access_key"],
} as const;

/** What the service does to a credential before anything else: strip surrounding whitespace. */
export function normalizeCredential(credential: string): string {
  return credential.trim();
}

/** Checks the credential as the service will see it (trimmed) for a setup or an update. */
export function checkCredentialShape(provider: ProviderCode, credential: string, operation: CredentialOperation = "setup"): ShapeCheck {
  const problems = problemsOf(provider, credential, operation);
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

function problemsOf(provider: ProviderCode, raw: string, operation: CredentialOperation): string[] {
  if (typeof raw !== "string") return ["the credential must be a string"];
  const credential = normalizeCredential(raw);
  if (credential === "") return ["the credential is empty"];
  const size = sizeProblems(credential, operation);
  if (size.length > 0) return size;
  switch (provider) {
    case "OPENAI":
      return credential.startsWith("sk-") || credential.startsWith("keisk-") ? [] : ['an OpenAI API key must start with "sk-" (or "keisk-")'];
    case "ANTHROPIC":
      return [];
    case "GEMINI":
      return prefixProblem(credential, "AIza", "a Gemini API key");
    case "DEEPSEEK":
      return prefixProblem(credential, "sk-", "a DeepSeek API key");
    case "GCP_SA":
      return gcpProblems(credential);
    case "AWS_IAM":
      return awsProblems(credential);
    case "AZURE":
      return jsonFieldProblems(credential, "an Azure credential", JSON_FIELDS.AZURE);
    case "OCI":
      return jsonFieldProblems(credential, "an OCI credential", JSON_FIELDS.OCI);
  }
}

/** The service's length rules, the same for every provider; the maximum depends on the operation. */
function sizeProblems(credential: string, operation: CredentialOperation): string[] {
  if (credential.length < CREDENTIAL_MIN_CHARS) {
    return [`the credential must be at least ${CREDENTIAL_MIN_CHARS} characters long (got ${credential.length})`];
  }
  const max = CREDENTIAL_MAX_CHARS[operation];
  if (credential.length > max) return [`the credential must be at most ${max} characters on ${operation} (got ${credential.length})`];
  const bytes = Buffer.byteLength(credential, "utf8");
  if (bytes > CREDENTIAL_MAX_BYTES) return [`the credential must be at most ${CREDENTIAL_MAX_BYTES} bytes (got ${bytes})`];
  return [];
}

function prefixProblem(credential: string, prefix: string, what: string): string[] {
  return credential.startsWith(prefix) ? [] : [`${what} must start with "${prefix}"`];
}

/** Parses a JSON object credential; a string problem when it is not one. */
function parseObject(credential: string, what: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(credential);
  } catch {
    // The parser's message can quote the input, so it is not passed on.
    return `${what} must be a JSON object, and this is not valid JSON`;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return `${what} must be a JSON object`;
  }
  return value as Record<string, unknown>;
}

/** A field counts as present when it is a non-empty string. */
function missingFields(object: Record<string, unknown>, fields: readonly string[]): string[] {
  return fields.filter((field) => {
    const value = object[field];
    return typeof value !== "string" || value.trim() === "";
  });
}

function jsonFieldProblems(credential: string, what: string, fields: readonly string[]): string[] {
  const object = parseObject(credential, what);
  if (typeof object === "string") return [object];
  return missingFields(object, fields).map((field) => `${what} needs the field "${field}"`);
}

function gcpProblems(credential: string): string[] {
  const what = "a GCP service account key";
  const object = parseObject(credential, what);
  if (typeof object === "string") return [object];
  const problems = missingFields(object, JSON_FIELDS.GCP_SA).map(
    (field) => `${what} needs the field "${field}"`,
  );
  // "type" names the kind of key file; it is not secret, but a wrong value is not echoed either.
  if (typeof object.type === "string" && object.type.trim() !== "" && object.type !== "service_account") {
    problems.push(`${what} must have "type": "service_account" (this is a different kind of key file)`);
  }
  return problems;
}

function awsProblems(credential: string): string[] {
  const what = "an AWS credential";
  const object = parseObject(credential, what);
  if (typeof object === "string") return [object];
  const roleMissing = missingFields(object, JSON_FIELDS.AWS_ROLE);
  const keysMissing = missingFields(object, JSON_FIELDS.AWS_KEYS);
  if (roleMissing.length === 0 || keysMissing.length === 0) return [];
  // Report against the form the caller seems to have chosen, or both when unclear.
  const startedRole = roleMissing.length < JSON_FIELDS.AWS_ROLE.length;
  const startedKeys = keysMissing.length < JSON_FIELDS.AWS_KEYS.length;
  if (startedRole && !startedKeys) {
    return roleMissing.map((field) => `${what} (role form) needs the field "${field}"`);
  }
  if (startedKeys && !startedRole) {
    return keysMissing.map((field) => `${what} (access key form) needs the field "${field}"`);
  }
  return [
    `${what} needs either "role_arn" and "external_id", or "access_key_id" and "secret_access_key"`,
  ];
}
