/**
 * Local shape checks of credentials (spec "Providers", column "local shape check"), run by the
 * client before anything is sent and by the reference server before anything is stored.
 *
 * A shape check catches typos and wrong files early; it says nothing about whether the provider
 * accepts the credential. Problems name the missing or wrong field and never quote the credential
 * (or any part of it): these messages end up in terminals and logs.
 */
import type { ProviderCode } from "./providers.js";

export type ShapeCheck = { ok: true } | { ok: false; problems: string[] };

/** Required fields of the JSON credentials, per provider (AWS has two accepted forms). */
const JSON_FIELDS = {
  GCP_SA: ["type", "project_id", "private_key", "client_email"],
  AZURE: ["tenant_id", "client_id", "client_secret", "subscription_id"],
  OCI: ["tenancy_ocid", "user_ocid", "fingerprint", "private_key", "region"],
  AWS_ROLE: ["role_arn", "external_id"],
  AWS_KEYS: ["access_key_id", "secret_access_key"],
} as const;

const MIN_KEY_LENGTH = 10;

export function checkCredentialShape(provider: ProviderCode, credential: string): ShapeCheck {
  const problems = problemsOf(provider, credential);
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

function problemsOf(provider: ProviderCode, credential: string): string[] {
  if (typeof credential !== "string") return ["the credential must be a string"];
  if (credential.trim() === "") return ["the credential is empty"];
  switch (provider) {
    case "OPENAI":
      return [
        ...prefixProblem(credential, "sk-", "an OpenAI API key"),
        ...lengthProblem(credential, "an OpenAI API key"),
      ];
    case "ANTHROPIC":
      return lengthProblem(credential, "an Anthropic API key");
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

function prefixProblem(credential: string, prefix: string, what: string): string[] {
  return credential.startsWith(prefix) ? [] : [`${what} must start with "${prefix}"`];
}

function lengthProblem(credential: string, what: string): string[] {
  return credential.length >= MIN_KEY_LENGTH
    ? []
    : [`${what} must be at least ${MIN_KEY_LENGTH} characters long (got ${credential.length})`];
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
