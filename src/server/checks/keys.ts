/** Parsing helpers shared by the cloud checks: JSON credentials, private keys, safe URL parts. */
import { type KeyObject, createPrivateKey } from "node:crypto";

export function parseJsonCredential(credential: string): Record<string, string> {
  // The shape check has already run, so this is a JSON object with the required string fields.
  return JSON.parse(credential) as Record<string, string>;
}

/** The PEM private key, or undefined when it does not parse (a malformed credential). */
export function privateKeyOf(pem: string): KeyObject | undefined {
  try {
    return createPrivateKey(pem);
  } catch {
    return undefined;
  }
}

// Regions end up in host names (identity.<region>.oraclecloud.com): only plain labels are accepted.
const REGION_PATTERN = /^[a-z0-9-]{2,40}$/;

export function regionProblem(region: string | undefined, what: string): string[] {
  if (region === undefined || REGION_PATTERN.test(region)) return [];
  return [`${what} has a "region" that is not a region name (lower-case letters, digits and dashes)`];
}

// Values that travel in HTTP headers (API keys, key ids) must be printable ASCII without quotes:
// Node refuses control characters in headers, and a quote would break a signed Authorization value.
const HEADER_SAFE = /^[\x21\x23-\x7e]+$/;

export function headerSafeProblems(fields: Record<string, string | undefined>, what: string): string[] {
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined && !HEADER_SAFE.test(value))
    .map(([field]) => `${what} has a "${field}" with spaces, quotes, line breaks or non-ASCII characters`);
}
