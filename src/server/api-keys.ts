/**
 * Org API keys: `<org_slug>_api_<16 url-safe chars>` (96 random bits).
 *
 * Only an HMAC-SHA-256 of the key is stored, peppered with a key derived from the KEK: a stolen
 * database alone is not enough to test guesses. A slow hash (scrypt) is not needed because the key
 * is random with 96 bits of entropy, and a fast hash keeps authentication from being a CPU lever.
 * Comparison is constant-time.
 */
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";

const KEY_PATTERN = /^([a-z0-9_]{3,50})_api_([A-Za-z0-9_-]{16})$/;
const HASH_PREFIX = "hmac-sha256:v1:";

/** The pepper is derived, not stored: one secret (the KEK) protects both keys and credentials. */
export function apiKeyPepper(kek: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", kek, Buffer.alloc(0), "integration-guard api-key pepper v1", 32));
}

export function generateApiKey(orgSlug: string): string {
  return `${orgSlug}_api_${randomBytes(12).toString("base64url")}`;
}

export function hashApiKey(pepper: Buffer, apiKey: string): string {
  return HASH_PREFIX + createHmac("sha256", pepper).update(apiKey, "utf8").digest("hex");
}

/** The org a well-formed key claims to belong to (not yet verified), or undefined. */
export function orgOfApiKey(apiKey: string): string | undefined {
  return KEY_PATTERN.exec(apiKey)?.[1];
}

export function apiKeyMatches(pepper: Buffer, apiKey: string, storedHash: string): boolean {
  const expected = Buffer.from(storedHash, "utf8");
  const actual = Buffer.from(hashApiKey(pepper, apiKey), "utf8");
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
