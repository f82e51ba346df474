/**
 * The daemon's CheckMemo (src/hook/judge.ts): fingerprints of recently checked files, keyed by a
 * hash of path, language and text (the text itself is not kept). A small LRU: an agent works on a
 * handful of files at a time.
 *
 * Each entry is stored as one string of its own (the fingerprints joined): a fingerprint is made
 * from a slice of the document, and V8 keeps a sliced string's whole parent alive, so storing them
 * as given would keep every remembered document's full text resident. The entries are bounded by
 * size as well as by number (a few multi-megabyte files must not fill the daemon).
 */
import { createHash } from "node:crypto";
import type { Document } from "../core/types.js";
import type { CheckMemo } from "../hook/judge.js";

const MAX_ENTRIES = 64;
/** Characters of all entries together (UTF-16: twice that in bytes at most). */
const MAX_CHARS = 4 * 1024 * 1024;
/** Between fingerprints: never inside one (fingerprintOf turns every whitespace run into a space). */
const SEPARATOR = "\n";

export class FingerprintMemo implements CheckMemo {
  private readonly entries = new Map<string, string>();
  private chars = 0;
  hits = 0;

  recall(doc: Document): readonly string[] | undefined {
    const key = keyOf(doc);
    const found = this.entries.get(key);
    if (found === undefined) return undefined;
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, found);
    this.hits++;
    return found === "" ? [] : found.split(SEPARATOR);
  }

  remember(doc: Document, fingerprints: readonly string[]): void {
    const key = keyOf(doc);
    this.forget(key);
    // A copy (join alone may hand back its only element): JSON keeps every code unit, lone surrogates too.
    const joined = JSON.parse(JSON.stringify(fingerprints.join(SEPARATOR))) as string;
    if (joined.length > MAX_CHARS) return;
    this.entries.set(key, joined);
    this.chars += joined.length;
    while (this.entries.size > MAX_ENTRIES || this.chars > MAX_CHARS) this.forget(this.entries.keys().next().value!);
  }

  /** Number of entries and their characters (for tests). */
  get size(): { entries: number; chars: number } {
    return { entries: this.entries.size, chars: this.chars };
  }

  private forget(key: string): void {
    const found = this.entries.get(key);
    if (found === undefined) return;
    this.entries.delete(key);
    this.chars -= found.length;
  }
}

function keyOf(doc: Document): string {
  return createHash("sha256").update(`${doc.path}\0${doc.language}\0`).update(doc.text).digest("base64");
}
