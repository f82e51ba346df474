/**
 * The operations of `--compat production`, each as the production service performs it (measured
 * from its source; docs/server.md). Shape and provider checks are the intended server's own
 * (checks/), so the two modes differ only where production does.
 */
import { randomUUID } from "node:crypto";
import { normalizeCredential } from "../../api/credential-shapes.js";
import { CREDENTIAL_MAX_BYTES, METADATA_MAX_BYTES, pythonJsonBytes } from "../../api/limits.js";
import { LISTED_PROVIDER_CODES, type ProviderCode, resolveProvider } from "../../api/providers.js";
import type { CredentialBody } from "../body.js";
import { checkWithProvider, credentialTypeOf, shapeProblems } from "../checks/index.js";
import { DecryptionError, decryptCredential, encryptCredential } from "../envelope.js";
import { ApiError } from "../http-util.js";
import type { Store } from "../store.js";
import { type ProductionCompat, takeOrgBudget } from "./production-limits.js";
import {
  type ProductionRow,
  activeRows,
  countConfiguredProviders,
  deactivateAll,
  insertRow,
  recordValidation,
  rowsForList,
  scheduleDeactivation,
  subscriptionOf,
  updateNameAndMetadata,
} from "./production-store.js";

export interface ProductionContext {
  store: Store;
  kek: Buffer;
  orgSlug: string;
  providerTimeoutMs: number;
  env: NodeJS.ProcessEnv;
  compat: ProductionCompat;
}

/** What production's response model accepts as a status; anything else stored makes the list fail. */
const RESPONSE_STATUSES = ["VALID", "INVALID", "PENDING", "NOT_CONFIGURED"];

/** Production's registry entries CLAUDE and AWS_KEYS are checked as the credentials they hold. */
const CHECKED_AS: Readonly<Record<string, ProviderCode>> = { CLAUDE: "ANTHROPIC", AWS_KEYS: "AWS_IAM" };

const DISPLAY_NAMES: Readonly<Record<string, string>> = {
  GCP_SA: "GCP",
  OPENAI: "OpenAI",
  ANTHROPIC: "Anthropic",
  GEMINI: "Gemini",
  DEEPSEEK: "DeepSeek",
};

/** Metadata keys allowed per provider; the others (GenAI) accept any key. */
const STRICT_METADATA: Readonly<Record<string, readonly string[]>> = {
  GCP_SA: ["billing_export_table", "detailed_export_table", "pricing_export_table", "region", "project_id", "client_email"],
  AWS_IAM: ["role_arn", "external_id", "account_id", "region"],
  AWS_KEYS: ["role_arn", "external_id", "account_id", "region"],
  AZURE: ["subscription_id", "tenant_id", "region"],
  OCI: ["region", "tenancy_ocid"],
};

const now = (): string => new Date().toISOString();

/** Production's normalize_provider: a registry code (any case) or an alias; else 400. */
function registryProvider(segment: string): string {
  const upper = segment.toUpperCase();
  if ((LISTED_PROVIDER_CODES as readonly string[]).includes(upper)) return upper;
  const lower = segment.toLowerCase();
  if (lower === "claude") return "CLAUDE";
  if (lower === "aws_keys") return "AWS_KEYS";
  const code = resolveProvider(lower);
  if (code !== undefined) return code;
  throw new ApiError(400, "Invalid provider specified. Please check the supported providers list.");
}

function statusEntry(provider: string, row: ProductionRow | undefined): Record<string, unknown> {
  return {
    provider,
    status: row?.validation_status ?? "NOT_CONFIGURED",
    credential_name: row?.credential_name ?? null,
    last_validated_at: row?.last_validated_at ?? null,
    last_error: row?.last_error ?? null,
    created_at: row?.created_at ?? null,
    metadata: row?.metadata ? (JSON.parse(row.metadata) as unknown) : null,
  };
}

/**
 * Production's list: the active rows (at most 100) collapsed per provider, the last row winning,
 * so duplicates never show; every registry provider listed (10 keys); a stored status outside the
 * response model fails the whole answer with the validation error's raw text.
 */
export function listLikeProduction(ctx: ProductionContext): Record<string, unknown> {
  const byProvider = new Map<string, ProductionRow>();
  for (const row of rowsForList(ctx.store, ctx.orgSlug)) byProvider.set(row.provider, row);
  const integrations: Record<string, unknown> = {};
  for (const provider of LISTED_PROVIDER_CODES) {
    const row = byProvider.get(provider);
    if (row !== undefined && !RESPONSE_STATUSES.includes(row.validation_status)) {
      throw new ApiError(
        500,
        `1 validation error for IntegrationStatusResponse\nvalidation_status\n  Input should be 'VALID', 'INVALID', 'PENDING' or 'NOT_CONFIGURED' [type=literal_error, input_value='${row.validation_status.slice(0, 40)}', input_type=str]`,
      );
    }
    integrations[provider] = statusEntry(provider, row);
  }
  const statuses = [...byProvider.values()].map((row) => row.validation_status);
  return {
    org_slug: ctx.orgSlug,
    integrations,
    all_valid: statuses.length > 0 && statuses.every((status) => status === "VALID"),
    providers_configured: [...byProvider.keys()],
  };
}

/** Production's GET of one provider: checked against the read limit, then runs the whole list (checked again). */
export function getLikeProduction(ctx: ProductionContext, segment: string): unknown {
  const provider = registryProvider(segment);
  takeOrgBudget(ctx.compat, ctx.orgSlug, "read");
  return (listLikeProduction(ctx).integrations as Record<string, unknown>)[provider];
}

export async function setupLikeProduction(ctx: ProductionContext, provider: ProviderCode, body: CredentialBody): Promise<unknown> {
  const credential = body.credential!;
  let metadata: Record<string, unknown> = body.metadata ?? {};
  let defaultName = `${DISPLAY_NAMES[provider] ?? provider} API Key`;
  if (provider === "GCP_SA") {
    const key = gcpKeyFields(credential);
    metadata = { ...metadata, project_id: key.project_id, client_email: key.client_email };
    defaultName = `GCP SA (${String(key.project_id)})`;
  }
  return storeLikeProduction(ctx, provider, credential, body.credential_name ?? defaultName, metadata, false);
}

/** Production's own checks of a GCP key file, answered 400 (not 422). */
function gcpKeyFields(credential: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(credential);
  } catch {
    throw new ApiError(400, "Invalid JSON format: The credential must be valid JSON. Please copy the entire contents of your Service Account JSON file.");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ApiError(400, "Invalid credential format: Expected a JSON object, not an array or primitive value.");
  }
  const key = value as Record<string, unknown>;
  if (key.type !== "service_account") throw new ApiError(400, "Invalid credential type: Expected 'service_account'. Please ensure you're using a Service Account JSON key file.");
  const missing = ["project_id", "private_key", "client_email"].filter((field) => !key[field]);
  if (missing.length > 0) throw new ApiError(400, `Invalid Service Account JSON: Missing required fields: ${missing.join(", ")}`);
  return key;
}

function checkMetadata(provider: string, metadata: Record<string, unknown>): void {
  const size = pythonJsonBytes(metadata);
  if (size > METADATA_MAX_BYTES) {
    throw new ApiError(413, `Metadata size (${size} bytes) exceeds maximum allowed (${METADATA_MAX_BYTES} bytes)`);
  }
  const allowed = STRICT_METADATA[provider];
  if (allowed && Object.keys(metadata).some((key) => !allowed.includes(key))) {
    throw new ApiError(400, `Invalid metadata structure: unknown fields for ${provider}`);
  }
}

/**
 * Production's `_setup_integration`, shared by setup and PUT-with-credential: a new active row is
 * inserted and nothing is deactivated (a PUT only marks the old rows); the metadata is the
 * request's, empty when absent; `success` is true only for VALID.
 */
async function storeLikeProduction(
  ctx: ProductionContext,
  provider: string,
  given: string,
  name: string | null,
  metadata: Record<string, unknown>,
  isUpdate: boolean,
): Promise<Record<string, unknown>> {
  const bytes = Buffer.byteLength(given, "utf8");
  if (bytes > CREDENTIAL_MAX_BYTES) {
    throw new ApiError(413, `Credential size (${bytes} bytes) exceeds maximum allowed (${CREDENTIAL_MAX_BYTES} bytes)`);
  }
  checkMetadata(provider, metadata);
  checkPlanLimit(ctx, provider);
  const checkedAs = CHECKED_AS[provider] ?? (provider as ProviderCode);
  const credential = normalizeCredential(given);
  const failed = {
    success: false,
    provider,
    credential_id: null,
    validation_status: "FAILED",
    validation_error: "Integration setup failed",
    message: `Failed to setup ${provider} integration. Please verify your credentials and try again.`,
  };
  if (shapeProblems(checkedAs, credential, isUpdate ? "update" : "setup").length > 0) return failed;
  const outcome = await checkWithProvider(checkedAs, credential, { timeoutMs: ctx.providerTimeoutMs, env: ctx.env });
  if (outcome.kind === "malformed") return failed;
  const status = outcome.kind === "valid" ? "VALID" : outcome.kind === "rejected" ? "INVALID" : "PENDING";
  const reason = outcome.kind === "valid" ? null : outcome.reason;
  const at = now();
  const credentialId = randomUUID();
  insertRow(ctx.store, {
    credential_id: credentialId,
    org_slug: ctx.orgSlug,
    provider,
    credential_name: name,
    encrypted_credential: encryptCredential(ctx.kek, { orgSlug: ctx.orgSlug, provider, credentialId }, credential),
    credential_type: credentialTypeOf(checkedAs, credential),
    validation_status: status,
    last_validated_at: status === "PENDING" ? null : at,
    last_error: reason,
    metadata: JSON.stringify(metadata),
    is_active: 1,
    created_at: at,
    updated_at: at,
    expires_at: null,
    deactivation_scheduled_at: null,
  });
  if (isUpdate) scheduleDeactivation(ctx.store, ctx.orgSlug, provider, credentialId, at);
  return {
    success: status === "VALID",
    provider,
    credential_id: credentialId,
    validation_status: status,
    validation_error: reason,
    message:
      status === "VALID"
        ? `${provider} integration configured and validated successfully`
        : status === "INVALID"
          ? `${provider} credential validation failed: ${reason ?? "Invalid API key"}`
          : `${provider} integration configured (validation pending)`,
  };
}

/** Only a provider with no active row is a new integration; it must fit the subscription's limit. */
function checkPlanLimit(ctx: ProductionContext, provider: string): void {
  if (activeRows(ctx.store, ctx.orgSlug, provider).length > 0) return;
  const limit = subscriptionOf(ctx.store, ctx.orgSlug)?.providers_limit ?? null;
  if (limit !== null && countConfiguredProviders(ctx.store, ctx.orgSlug) >= limit) {
    throw new ApiError(429, `Integration limit reached. Your plan allows ${limit} integrations. Upgrade to add more.`);
  }
}

/**
 * Production's PUT: a credential is a whole new setup (old rows marked, not deactivated; metadata
 * replaced by the request's); name/metadata alone update every active row (metadata merged) and
 * answer VALID whatever the stored status.
 */
export async function updateLikeProduction(ctx: ProductionContext, segment: string, body: CredentialBody): Promise<unknown> {
  const provider = registryProvider(segment);
  const [existing] = activeRows(ctx.store, ctx.orgSlug, provider);
  if (existing === undefined) throw new ApiError(404, "No active integration found for the specified provider.");
  if (body.credential !== undefined) {
    return storeLikeProduction(ctx, provider, body.credential, body.credential_name ?? existing.credential_name, body.metadata ?? {}, true);
  }
  let metadata: string | undefined;
  if (body.metadata !== undefined) {
    const merged = { ...(existing.metadata ? (JSON.parse(existing.metadata) as Record<string, unknown>) : {}), ...body.metadata };
    checkMetadata(provider, merged);
    metadata = JSON.stringify(merged);
  }
  updateNameAndMetadata(ctx.store, ctx.orgSlug, provider, { credential_name: body.credential_name, metadata }, now());
  return {
    success: true,
    provider,
    credential_id: existing.credential_id,
    validation_status: "VALID",
    validation_error: null,
    message: `${provider} integration updated successfully`,
  };
}

/**
 * Production's validate: gemini/deepseek have a route but no validator (400); with no stored
 * credential the answer is `success: true, INVALID, "No valid <Name> credentials found for <org>"`;
 * otherwise the newest active row is checked and `success` is true whatever the outcome.
 */
export async function validateLikeProduction(ctx: ProductionContext, provider: ProviderCode): Promise<unknown> {
  if (provider === "GEMINI" || provider === "DEEPSEEK") throw new ApiError(400, "Validation is not supported for the specified provider.");
  const newest = activeRows(ctx.store, ctx.orgSlug, provider).at(-1);
  const answer = (status: string, error: string | null) => ({
    success: true,
    provider,
    credential_id: null,
    validation_status: status,
    validation_error: error,
    message: "Validation completed",
  });
  if (newest === undefined) return answer("INVALID", `No valid ${DISPLAY_NAMES[provider]} credentials found for ${ctx.orgSlug}`);
  let status: string;
  let error: string | null;
  try {
    const credential = decryptCredential(ctx.kek, { orgSlug: ctx.orgSlug, provider, credentialId: newest.credential_id }, newest.encrypted_credential);
    const outcome = await checkWithProvider(provider, credential, { timeoutMs: ctx.providerTimeoutMs, env: ctx.env });
    status = outcome.kind === "valid" ? "VALID" : "INVALID";
    error = outcome.kind === "valid" ? null : outcome.kind === "malformed" ? outcome.problems.join("; ") : outcome.reason;
  } catch (caught) {
    if (!(caught instanceof DecryptionError)) throw caught;
    status = "INVALID";
    error = caught.message;
  }
  recordValidation(ctx.store, newest.credential_id, status, error, now());
  return answer(status, error);
}

/** Production's delete: every active row, and the same answer when there was none. */
export function deleteLikeProduction(ctx: ProductionContext, segment: string): unknown {
  const provider = registryProvider(segment);
  deactivateAll(ctx.store, ctx.orgSlug, provider, now());
  return { success: true, message: `${provider} integration deleted`, provider };
}
