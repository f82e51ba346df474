/**
 * Keeping secrets (the API key, credentials) out of everything the client hands back: error
 * messages, error bodies, the request description attached to errors.
 */

export const REDACTED = "[redacted]";

/** Headers whose values are secrets. Compared lower-case. */
const SECRET_HEADERS = new Set(["x-api-key", "authorization", "cookie", "proxy-authorization"]);

/** What an error says about the request it came from: no body, secret headers replaced. */
export interface RedactedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : value;
  }
  return out;
}

/** Secrets shorter than this are not searched for (they would match innocent text). */
const MIN_SECRET_LENGTH = 6;

/** Replaces every occurrence of each secret in a text. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/**
 * A deep copy of a parsed JSON body with the secrets removed. Validation errors (422) echo the
 * offending request value under `input`, which may be the credential itself: every `input` is
 * replaced whatever it holds.
 */
export function redactBody(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactBody(item, secrets));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = key === "input" ? REDACTED : redactBody(item, secrets);
    }
    return out;
  }
  return value;
}

/** Fields of JSON credentials (GCP key file, AWS, Azure, OCI) that are secrets on their own. */
const SECRET_FIELD = /key|secret|token|password/i;

/**
 * What to scrub for one credential: the whole string, and for a JSON credential each secret field's
 * value too, so a server that echoes just `private_key` is caught as well.
 */
export function secretsOfCredential(credential: string): string[] {
  const secrets = [credential];
  try {
    const value: unknown = JSON.parse(credential);
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [field, item] of Object.entries(value)) {
        if (SECRET_FIELD.test(field) && typeof item === "string") secrets.push(item);
      }
    }
  } catch {
    // An API key, not JSON: the whole string is the secret.
  }
  return secrets;
}
