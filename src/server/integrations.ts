/**
 * The integration operations behind the endpoints: list, get, setup, update (PUT), validate, delete.
 * Each receives an authenticated, rate-checked org and a resolved provider code.
 */
import { randomUUID } from "node:crypto";
import { normalizeCredential } from "../api/credential-shapes.js";
import { PROVIDER_CODES, type ProviderCode } from "../api/providers.js";
import { type CredentialBody, REDACTED, parseCredentialBody } from "./body.js";
import { type CheckOutcome, checkWithProvider, credentialTypeOf, shapeProblems } from "./checks/index.js";
import { DecryptionError, decryptCredential, encryptCredential } from "./envelope.js";
import { ApiError, validationError } from "./http-util.js";
import type { CredentialRow, Store } from "./store.js";

export interface OperationContext {
  store: Store;
  kek: Buffer;
  orgSlug: string;
  requestId: string;
  providerTimeoutMs: number;
  env: NodeJS.ProcessEnv;
}

export interface IntegrationStatus {
  provider: ProviderCode;
  status: string;
  credential_name: string | null;
  last_validated_at: string | null;
  last_error: string | null;
  created_at: string | null;
  metadata: Record<string, unknown> | null;
}

export interface SetupResult {
  success: boolean;
  provider: ProviderCode;
  credential_id: string | null;
  validation_status: "VALID" | "INVALID" | "PENDING" | "FAILED" | "NOT_CONFIGURED";
  validation_error: string | null;
  message: string;
}

const now = (): string => new Date().toISOString();

function statusOf(provider: ProviderCode, row: CredentialRow | undefined): IntegrationStatus {
  if (row === undefined) {
    return { provider, status: "NOT_CONFIGURED", credential_name: null, last_validated_at: null, last_error: null, created_at: null, metadata: null };
  }
  const expired = row.expires_at !== null && Date.parse(row.expires_at) <= Date.now();
  return {
    provider,
    status: expired ? "EXPIRED" : row.validation_status,
    credential_name: row.credential_name,
    last_validated_at: row.last_validated_at,
    last_error: row.last_error,
    created_at: row.created_at,
    metadata: row.metadata === null ? null : (JSON.parse(row.metadata) as Record<string, unknown>),
  };
}

export function listIntegrations(ctx: OperationContext): unknown {
  const rows = new Map(ctx.store.activeCredentials(ctx.orgSlug).map((row) => [row.provider, row]));
  const integrations = Object.fromEntries(PROVIDER_CODES.map((code) => [code, statusOf(code, rows.get(code))]));
  const configured = PROVIDER_CODES.filter((code) => rows.has(code));
  return {
    org_slug: ctx.orgSlug,
    integrations,
    // "All valid" means something is configured and every configured provider is VALID.
    all_valid: configured.length > 0 && configured.every((code) => integrations[code]?.status === "VALID"),
    providers_configured: configured,
  };
}

export function getIntegration(ctx: OperationContext, provider: ProviderCode): IntegrationStatus {
  return statusOf(provider, ctx.store.activeCredential(ctx.orgSlug, provider));
}

function malformed(problems: string[]): ApiError {
  return validationError(
    problems.map((msg) => ({ type: "value_error", loc: ["body", "credential"], msg: `Value error, ${msg}`, input: REDACTED })),
  );
}

/** Shape check (of the trimmed credential, as production), provider check, then store as the one active row. */
async function storeNewCredential(
  ctx: OperationContext,
  provider: ProviderCode,
  given: string,
  fields: { credential_name: string | null; metadata: string | null },
  operation: "setup" | "update",
): Promise<SetupResult> {
  const problems = shapeProblems(provider, given, operation);
  if (problems.length > 0) throw malformed(problems);
  const credential = normalizeCredential(given);
  const outcome = await checkWithProvider(provider, credential, { timeoutMs: ctx.providerTimeoutMs, env: ctx.env });
  if (outcome.kind === "malformed") throw malformed(outcome.problems);
  const status = outcome.kind === "valid" ? "VALID" : outcome.kind === "rejected" ? "INVALID" : "PENDING";
  const reason = outcome.kind === "valid" ? null : outcome.reason;
  const at = now();
  const credentialId = randomUUID();
  const row: CredentialRow = {
    credential_id: credentialId,
    org_slug: ctx.orgSlug,
    provider,
    credential_name: fields.credential_name,
    encrypted_credential: encryptCredential(ctx.kek, { orgSlug: ctx.orgSlug, provider, credentialId }, credential),
    credential_type: credentialTypeOf(provider, credential),
    validation_status: status,
    // Only a check that got the provider's answer counts as a validation.
    last_validated_at: status === "PENDING" ? null : at,
    last_error: reason,
    metadata: fields.metadata,
    is_active: 1,
    created_at: at,
    updated_at: at,
    expires_at: null,
    deactivation_scheduled_at: null,
  };
  ctx.store.replaceActive(row, {
    operation,
    orgSlug: ctx.orgSlug,
    provider,
    credentialId,
    requestId: ctx.requestId,
    outcome: status,
  });
  return {
    // PENDING is a success of the setup (the credential is stored) with the check still owed.
    success: status !== "INVALID",
    provider,
    credential_id: credentialId,
    validation_status: status,
    validation_error: reason,
    message: messageOf(provider, status, operation),
  };
}

function messageOf(provider: ProviderCode, status: string, operation: string): string {
  const verb = operation === "setup" ? "stored" : "updated";
  if (status === "VALID") return `${provider} credential ${verb} and validated`;
  if (status === "INVALID") return `${provider} credential ${verb}, but the provider rejected it`;
  return `${provider} credential ${verb}, but the provider could not be reached to check it; run validate later`;
}

export async function setupIntegration(ctx: OperationContext, provider: ProviderCode, raw: Buffer): Promise<SetupResult> {
  const body = parseCredentialBody(raw, "setup");
  return storeNewCredential(ctx, provider, body.credential!, fieldsOf(body, undefined), "setup");
}

function fieldsOf(body: CredentialBody, previous: CredentialRow | undefined) {
  return {
    credential_name: body.credential_name ?? previous?.credential_name ?? null,
    metadata: body.metadata !== undefined ? JSON.stringify(body.metadata) : (previous?.metadata ?? null),
  };
}

function notConfigured(ctx: OperationContext, provider: ProviderCode): ApiError {
  return new ApiError(404, `No active ${provider} credential for org '${ctx.orgSlug}'; run setup first`);
}

/** PUT: a new credential replaces the active row; name/metadata alone are updated in place. */
export async function updateIntegration(ctx: OperationContext, provider: ProviderCode, raw: Buffer): Promise<SetupResult> {
  const body = parseCredentialBody(raw, "update");
  const active = ctx.store.activeCredential(ctx.orgSlug, provider);
  if (body.credential !== undefined) {
    return storeNewCredential(ctx, provider, body.credential, fieldsOf(body, active), "update");
  }
  if (active === undefined) throw notConfigured(ctx, provider);
  const fields = fieldsOf(body, active);
  const updated = ctx.store.updateActive(active.credential_id, fields, now(), {
    operation: "update_fields",
    orgSlug: ctx.orgSlug,
    provider,
    credentialId: active.credential_id,
    requestId: ctx.requestId,
    outcome: "updated",
  });
  if (!updated) throw replacedMeanwhile();
  return {
    success: true,
    provider,
    credential_id: active.credential_id,
    validation_status: active.validation_status as SetupResult["validation_status"],
    validation_error: active.last_error,
    message: `${provider} integration updated (credential unchanged)`,
  };
}

function replacedMeanwhile(): ApiError {
  return new ApiError(409, "The credential was replaced or removed by another request meanwhile; try again");
}

/**
 * Re-checks the active credential with the provider. A check that cannot complete (provider down,
 * timeout, undecryptable row) answers FAILED and leaves the stored status as it was.
 */
export async function validateIntegration(ctx: OperationContext, provider: ProviderCode): Promise<SetupResult> {
  const active = ctx.store.activeCredential(ctx.orgSlug, provider);
  if (active === undefined) throw notConfigured(ctx, provider);
  let outcome: CheckOutcome;
  try {
    const credential = decryptCredential(
      ctx.kek,
      { orgSlug: ctx.orgSlug, provider, credentialId: active.credential_id },
      active.encrypted_credential,
    );
    outcome = await checkWithProvider(provider, credential, { timeoutMs: ctx.providerTimeoutMs, env: ctx.env });
  } catch (error) {
    if (!(error instanceof DecryptionError)) throw error;
    outcome = { kind: "unavailable", reason: error.message };
  }
  const at = now();
  const fields =
    outcome.kind === "valid"
      ? { validation_status: "VALID", last_validated_at: at, last_error: null }
      : outcome.kind === "unavailable"
        ? { last_error: outcome.reason }
        : {
            validation_status: "INVALID",
            last_validated_at: at,
            last_error: outcome.kind === "rejected" ? outcome.reason : outcome.problems.join("; "),
          };
  const reported = outcome.kind === "valid" ? "VALID" : outcome.kind === "unavailable" ? "FAILED" : "INVALID";
  const updated = ctx.store.updateActive(active.credential_id, fields, at, {
    operation: "validate",
    orgSlug: ctx.orgSlug,
    provider,
    credentialId: active.credential_id,
    requestId: ctx.requestId,
    outcome: reported,
  });
  if (!updated) throw replacedMeanwhile();
  return {
    success: reported === "VALID",
    provider,
    credential_id: active.credential_id,
    validation_status: reported,
    validation_error: fields.last_error ?? null,
    message:
      reported === "VALID"
        ? `${provider} credential is valid`
        : reported === "INVALID"
          ? `${provider} rejected the stored credential`
          : `${provider} credential could not be checked; the stored status is unchanged`,
  };
}

export function deleteIntegration(ctx: OperationContext, provider: ProviderCode): unknown {
  const removed = ctx.store.deactivate(ctx.orgSlug, provider, now(), {
    operation: "delete",
    orgSlug: ctx.orgSlug,
    provider,
    credentialId: null,
    requestId: ctx.requestId,
    outcome: "deactivated",
  });
  if (removed === 0) throw notConfigured(ctx, provider);
  return { success: true, message: `${provider} integration removed`, provider };
}
