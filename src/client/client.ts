/**
 * IntegrationsClient: the typed client of the integrations API (spec: integrations-api.md).
 *
 *   const client = new IntegrationsClient({ baseUrl, apiKey });
 *   const { integrations } = await client.list("acme");
 *   const result = await client.setup("acme", "openai", { credential });
 *   if (!result.success) console.error(result.validation_status, result.validation_error);
 *
 * Providers may be given as a code (OPENAI), a URL segment (openai, gcp) or an alias (claude,
 * google); the client always sends the segment. Every response is validated; a setup or validate
 * that the server answers with `success: false` is returned, not thrown (read `validation_status`).
 */
import { type CredentialOperation, checkCredentialShape, normalizeCredential } from "../api/credential-shapes.js";
import { METADATA_MAX_BYTES, pythonJsonBytes } from "../api/limits.js";
import { ORG_SLUG_PATTERN, PROVIDER_SEGMENTS, type ProviderCode, resolveProvider } from "../api/providers.js";
import {
  type DeleteResult,
  DeleteResultSchema,
  type IntegrationList,
  IntegrationListSchema,
  type IntegrationStatus,
  IntegrationStatusSchema,
  type SetupResult,
  SetupResultSchema,
} from "../api/wire.js";
import { ClientInputError, CredentialShapeError, NotFoundError } from "./errors.js";
import type { RateBudget } from "./rate-budget.js";
import { secretsOfCredential } from "./redact.js";
import { type RequestOptions, call, type TransportConfig } from "./transport.js";
import { DEFAULT_MAX_RETRIES, DEFAULT_MAX_RETRY_WAIT_MS } from "./retry.js";

export const DEFAULT_BASE_URL = "http://localhost:8000";
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface ClientOptions {
  /** Defaults to env INTEGRATIONS_API_URL, then http://localhost:8000. */
  baseUrl?: string;
  /** The org's API key. Defaults to env INTEGRATIONS_API_KEY. Never logged or put in errors. */
  apiKey?: string;
  /** Per attempt, headers and body included. Default 30 s. */
  timeoutMs?: number;
  /** Retries after the first attempt (see retry.ts for which failures). Default 2. */
  maxRetries?: number;
  /** Longest server-requested wait (Retry-After, retry_after) the client will honour. Default 60 s. */
  maxRetryWaitMs?: number;
  /** A fetch implementation; defaults to the global one. */
  fetch?: typeof fetch;
  /**
   * Count calls against the service's rate limits in-process and wait instead of being refused
   * (rate-budget.ts). Give several clients the same instance (or `sharedRateBudget()`) to share one
   * budget. Default: none.
   */
  rateBudget?: RateBudget;
}

/** Provider: a code, a URL segment or an alias, any case. */
export type ProviderInput = ProviderCode | (string & {});

export interface SetupParams {
  /** The secret: an API key, or a JSON document serialised to a string (GCP_SA, AWS_IAM, AZURE, OCI). */
  credential: string;
  /** A label, 3 to 200 characters. */
  credentialName?: string;
  /** Non-secret configuration (<= 50 KB serialised). */
  metadata?: Record<string, unknown>;
}

export type UpdateParams = Partial<SetupParams>;

/** Why an update's answer is not the whole truth (production behaviours, docs/client.md). */
export interface UpdateWarning {
  code: "metadata-replaced" | "status-not-checked";
  message: string;
}

/** An update's answer, with what the caller should know about it. */
export type UpdateResult = SetupResult & { warnings: UpdateWarning[] };

/**
 * Production's validate of a provider with no stored credential: `success: true, INVALID` with
 * "No valid <Provider> credentials found for <org>". The reference server answers 404 "No active
 * <CODE> credential for org ...". Both mean NOT_CONFIGURED.
 */
const NOT_CONFIGURED_TEXT = /\bno valid\b.*\bcredentials? found\b|\bno active\b.*\bcredentials?\b/i;

export class IntegrationsClient {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly maxRetryWaitMs: number;
  // A private field, so the key does not show in console.log(client) or JSON.stringify(client).
  readonly #apiKey: string;
  readonly #fetch: typeof fetch;
  readonly #rateBudget: RateBudget | undefined;

  constructor(options: ClientOptions = {}) {
    const apiKey = options.apiKey ?? process.env.INTEGRATIONS_API_KEY;
    if (!apiKey) {
      throw new ClientInputError("no API key: pass apiKey or set INTEGRATIONS_API_KEY");
    }
    this.#apiKey = apiKey;
    this.baseUrl = options.baseUrl ?? process.env.INTEGRATIONS_API_URL ?? DEFAULT_BASE_URL;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    this.maxRetryWaitMs = options.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS;
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#rateBudget = options.rateBudget;
  }

  /** Every provider's status for an org (unconfigured ones as NOT_CONFIGURED). */
  async list(org: string, options?: RequestOptions): Promise<IntegrationList> {
    return call(this.#config(), { method: "GET", path: orgPath(org), org, operation: "list", schema: IntegrationListSchema }, options);
  }

  async get(org: string, provider: ProviderInput, options?: RequestOptions): Promise<IntegrationStatus> {
    const path = providerPath(org, provider);
    return call(this.#config(), { method: "GET", path, org, operation: "get", schema: IntegrationStatusSchema }, options);
  }

  /**
   * Stores a credential after checking its shape locally (CredentialShapeError, nothing sent).
   * Resolves with `success: false` when the provider rejected it (INVALID, stored) or the server
   * could not store it (FAILED).
   */
  async setup(org: string, provider: ProviderInput, params: SetupParams, options?: RequestOptions): Promise<SetupResult> {
    const code = providerCode(provider);
    const path = `${providerPath(org, code)}/setup`;
    const body = checkedBody(code, params, "setup");
    return call(
      this.#config(),
      { method: "POST", path, body, org, operation: "setup", schema: SetupResultSchema, secrets: secretsOfCredential(params.credential) },
      options,
    );
  }

  /**
   * Re-checks the stored credential with the provider. `success` is not enough: read
   * `validation_status`. A provider with no stored credential reads NOT_CONFIGURED (`success:
   * false`), whichever way the server says it (production: 200 INVALID "No valid ... found").
   */
  async validate(org: string, provider: ProviderInput, options?: RequestOptions): Promise<SetupResult> {
    const code = providerCode(provider);
    const path = `${providerPath(org, code)}/validate`;
    try {
      const result = await call(this.#config(), { method: "POST", path, org, operation: "validate", schema: SetupResultSchema }, options);
      if (result.validation_status === "INVALID" && NOT_CONFIGURED_TEXT.test(result.validation_error ?? "")) {
        return { ...result, success: false, validation_status: "NOT_CONFIGURED" };
      }
      return result;
    } catch (error) {
      if (error instanceof NotFoundError && NOT_CONFIGURED_TEXT.test(error.detail)) {
        return notConfiguredResult(code, error.detail);
      }
      throw error;
    }
  }

  /**
   * Replaces the credential, its name or its metadata (PUT). Never retried once it may have reached
   * the server: with a credential, production inserts a new active row per request. The answer's
   * `warnings` say what production's answer hides: a credential without `metadata` replaces the
   * stored metadata with nothing, and a name/metadata-only update answers VALID whatever the status.
   */
  async update(org: string, provider: ProviderInput, params: UpdateParams, options?: RequestOptions): Promise<UpdateResult> {
    const code = providerCode(provider);
    const body = checkedBody(code, params, "update");
    const secrets = params.credential === undefined ? [] : secretsOfCredential(params.credential);
    const result = await call(
      this.#config(),
      { method: "PUT", path: providerPath(org, code), body, org, operation: "update", schema: SetupResultSchema, secrets },
      options,
    );
    return { ...result, warnings: updateWarnings(params) };
  }

  /** Deactivates the provider's credentials (production answers 200 even when none was active). */
  async delete(org: string, provider: ProviderInput, options?: RequestOptions): Promise<DeleteResult> {
    const path = providerPath(org, provider);
    return call(this.#config(), { method: "DELETE", path, org, operation: "delete", schema: DeleteResultSchema }, options);
  }

  #config(): TransportConfig {
    return {
      baseUrl: this.baseUrl,
      apiKey: this.#apiKey,
      timeoutMs: this.timeoutMs,
      maxRetries: this.maxRetries,
      maxRetryWaitMs: this.maxRetryWaitMs,
      fetch: this.#fetch,
      rateBudget: this.#rateBudget,
    };
  }
}

export function providerCode(provider: ProviderInput): ProviderCode {
  const code = resolveProvider(String(provider));
  if (!code) throw new ClientInputError(`unknown provider "${provider}"`);
  return code;
}

function orgPath(org: string): string {
  if (!ORG_SLUG_PATTERN.test(org)) {
    throw new ClientInputError(`invalid org slug "${org}": 3 to 50 characters of a-z, 0-9 and _`);
  }
  return `/api/v1/integrations/${org}`;
}

function providerPath(org: string, provider: ProviderInput): string {
  return `${orgPath(org)}/${PROVIDER_SEGMENTS[providerCode(provider)]}`;
}

/**
 * The wire body after the service's own rules were checked locally (nothing is sent when they
 * fail): only the documented keys (the server answers 422 to any other), the credential trimmed as
 * the service would, metadata within its 413 limit.
 */
function checkedBody(code: ProviderCode, params: UpdateParams, operation: CredentialOperation): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (params.credential !== undefined) {
    const shape = checkCredentialShape(code, params.credential, operation);
    if (!shape.ok) throw new CredentialShapeError(code, shape.problems);
    body.credential = normalizeCredential(params.credential);
  }
  if (params.credentialName !== undefined) {
    const length = params.credentialName.length;
    if (length < 3 || length > 200) throw new ClientInputError(`the credential name must be 3 to 200 characters (got ${length})`);
    body.credential_name = params.credentialName;
  }
  if (params.metadata !== undefined) {
    const bytes = pythonJsonBytes(params.metadata);
    if (bytes > METADATA_MAX_BYTES) {
      throw new ClientInputError(`the metadata is ${bytes} bytes serialised; the service refuses more than ${METADATA_MAX_BYTES} (413)`);
    }
    body.metadata = params.metadata;
  }
  if (operation === "update" && Object.keys(body).length === 0) {
    throw new ClientInputError("nothing to update: give a credential, a credential name or metadata");
  }
  return body;
}

function updateWarnings(params: UpdateParams): UpdateWarning[] {
  if (params.credential !== undefined) {
    return params.metadata === undefined
      ? [{ code: "metadata-replaced", message: "production replaces the stored metadata with the request's on a credential update: sent without metadata, it is now empty (pass metadata to keep it)" }]
      : [];
  }
  return [{ code: "status-not-checked", message: "a name/metadata-only update does not re-check the credential; production answers VALID whatever the stored status (run validate, or read it with get)" }];
}

function notConfiguredResult(provider: ProviderCode, detail: string): SetupResult {
  return {
    success: false,
    provider,
    credential_id: null,
    validation_status: "NOT_CONFIGURED",
    validation_error: detail,
    message: `no ${provider} credential is stored: set it up first`,
  };
}
