/**
 * Envelope encryption of stored credentials (node:crypto only).
 *
 * Each row gets a fresh random 256-bit data key. The credential is sealed with AES-256-GCM under the
 * data key, and the data key is sealed with AES-256-GCM under the KEK. Both seals use the row's
 * identity (org, provider, credential_id) as additional authenticated data, so a ciphertext copied
 * into another row (or another org) fails authentication instead of decrypting.
 *
 * Layout of the stored blob (all lengths fixed):
 *   version(1) | wrap iv(12) | wrap tag(16) | wrapped data key(32) | iv(12) | tag(16) | ciphertext
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = 1;
const IV = 12;
const TAG = 16;
const DATA_KEY = 32;
const HEADER = 1 + IV + TAG + DATA_KEY + IV + TAG;

export interface RowIdentity {
  orgSlug: string;
  provider: string;
  credentialId: string;
}

export class DecryptionError extends Error {
  constructor() {
    // No detail on purpose: the cause is always "wrong key or wrong row", never worth echoing.
    super("stored credential could not be decrypted (wrong key-encryption key, or the row was tampered with)");
  }
}

function aadOf(row: RowIdentity): Buffer {
  // JSON keeps the three fields unambiguous whatever characters they contain.
  return Buffer.from(JSON.stringify(["integration-guard/credential/v1", row.orgSlug, row.provider, row.credentialId]));
}

function seal(key: Buffer, plaintext: Buffer, aad: Buffer): { iv: Buffer; tag: Buffer; ciphertext: Buffer } {
  const iv = randomBytes(IV);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ciphertext };
}

function open(key: Buffer, iv: Buffer, tag: Buffer, ciphertext: Buffer, aad: Buffer): Buffer {
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

export function encryptCredential(kek: Buffer, row: RowIdentity, credential: string): Buffer {
  const aad = aadOf(row);
  const dataKey = randomBytes(DATA_KEY);
  try {
    const wrapped = seal(kek, dataKey, aad);
    const sealed = seal(dataKey, Buffer.from(credential, "utf8"), aad);
    return Buffer.concat([
      Buffer.from([VERSION]),
      wrapped.iv,
      wrapped.tag,
      wrapped.ciphertext,
      sealed.iv,
      sealed.tag,
      sealed.ciphertext,
    ]);
  } finally {
    dataKey.fill(0);
  }
}

export function decryptCredential(kek: Buffer, row: RowIdentity, blob: Buffer): string {
  if (blob.length < HEADER || blob[0] !== VERSION) throw new DecryptionError();
  const aad = aadOf(row);
  let offset = 1;
  const take = (length: number): Buffer => blob.subarray(offset, (offset += length));
  const wrapIv = take(IV);
  const wrapTag = take(TAG);
  const wrappedKey = take(DATA_KEY);
  const iv = take(IV);
  const tag = take(TAG);
  const ciphertext = blob.subarray(offset);
  let dataKey: Buffer | undefined;
  try {
    dataKey = open(kek, wrapIv, wrapTag, wrappedKey, aad);
    return open(dataKey, iv, tag, ciphertext, aad).toString("utf8");
  } catch {
    throw new DecryptionError();
  } finally {
    dataKey?.fill(0);
  }
}
