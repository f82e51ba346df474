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
import { checkCredentialShape } from "../api/credential-shapes.js";
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
import { ClientInputError, CredentialShapeError } from "./errors.js";
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

export class IntegrationsClient {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly maxRetryWaitMs: number;
  // A private field, so the key does not show in console.log(client) or JSON.stringify(client).
  readonly #apiKey: string;
  readonly #fetch: typeof fetch;

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
  }

  /** Every provider's status for an org (unconfigured ones as NOT_CONFIGURED). */
  async list(org: string, options?: RequestOptions): Promise<IntegrationList> {
    return call(this.#config(), { method: "GET", path: orgPath(org), kind: "idempotent", schema: IntegrationListSchema }, options);
  }

  async get(org: string, provider: ProviderInput, options?: RequestOptions): Promise<IntegrationStatus> {
    const path = providerPath(org, provider);
    return call(this.#config(), { method: "GET", path, kind: "idempotent", schema: IntegrationStatusSchema }, options);
  }

  /**
   * Stores a credential after checking its shape locally (CredentialShapeError, nothing sent).
   * Resolves with `success: false` when the provider rejected it (INVALID, stored) or the server
   * could not store it (FAILED).
   */
  async setup(org: string, provider: ProviderInput, params: SetupParams, options?: RequestOptions): Promise<SetupResult> {
    const code = providerCode(provider);
    const path = `${providerPath(org, code)}/setup`;
    assertShape(code, params.credential);
    return call(
      this.#config(),
      { method: "POST", path, body: setupBody(params), kind: "setup", schema: SetupResultSchema, secrets: secretsOfCredential(params.credential) },
      options,
    );
  }

  /** Re-checks the stored credential with the provider. `success` is not enough: read `validation_status`. */
  async validate(org: string, provider: ProviderInput, options?: RequestOptions): Promise<SetupResult> {
    const path = `${providerPath(org, provider)}/validate`;
    return call(this.#config(), { method: "POST", path, kind: "idempotent", schema: SetupResultSchema }, options);
  }

  /** Replaces the credential, its name or its metadata (PUT; only the given fields change). */
  async update(org: string, provider: ProviderInput, params: UpdateParams, options?: RequestOptions): Promise<SetupResult> {
    const code = providerCode(provider);
    if (params.credential !== undefined) assertShape(code, params.credential);
    const secrets = params.credential === undefined ? [] : secretsOfCredential(params.credential);
    return call(
      this.#config(),
      { method: "PUT", path: providerPath(org, code), body: setupBody(params), kind: "idempotent", schema: SetupResultSchema, secrets },
      options,
    );
  }

  /** Deactivates the provider's credentials (succeeds even when none was active). */
  async delete(org: string, provider: ProviderInput, options?: RequestOptions): Promise<DeleteResult> {
    const path = providerPath(org, provider);
    return call(this.#config(), { method: "DELETE", path, kind: "idempotent", schema: DeleteResultSchema }, options);
  }

  #config(): TransportConfig {
    return {
      baseUrl: this.baseUrl,
      apiKey: this.#apiKey,
      timeoutMs: this.timeoutMs,
      maxRetries: this.maxRetries,
      maxRetryWaitMs: this.maxRetryWaitMs,
      fetch: this.#fetch,
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

function assertShape(code: ProviderCode, credential: string): void {
  const shape = checkCredentialShape(code, credential);
  if (!shape.ok) throw new CredentialShapeError(code, shape.problems);
}

/** The wire body: only the documented keys (the server answers 422 to any other). */
function setupBody(params: UpdateParams): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (params.credential !== undefined) body.credential = params.credential;
  if (params.credentialName !== undefined) body.credential_name = params.credentialName;
  if (params.metadata !== undefined) body.metadata = params.metadata;
  return body;
}
