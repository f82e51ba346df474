/** What a provider check concluded. Reasons are written by us: provider bodies are never passed on. */
export type CheckOutcome =
  /** The provider accepted the credential. */
  | { kind: "valid" }
  /** The provider refused it (HTTP 400/401/403): stored as INVALID. */
  | { kind: "rejected"; reason: string }
  /** We could not get an answer (unreachable, timeout, 5xx, 429): stored as PENDING on setup. */
  | { kind: "unavailable"; reason: string }
  /** Well-formed JSON but unusable (e.g. a private key that does not parse): a 422, nothing stored. */
  | { kind: "malformed"; problems: string[] };

export interface CheckContext {
  /** Base URL override (env INTEGRATION_PROVIDER_<CODE>_URL), without trailing slash. */
  baseUrl: string | undefined;
  timeoutMs: number;
  /** The server's environment (AWS role checks read the server's own AWS credentials from it). */
  env: NodeJS.ProcessEnv;
}

export type ProviderCheck = (credential: string, context: CheckContext) => Promise<CheckOutcome>;
