/**
 * The daemon's CheckMemo (src/hook/judge.ts): fingerprints of recently checked files, keyed by a
 * hash of path, language and text (the text itself is not kept). A small LRU: an agent works on a
 * handful of files at a time.
 */
import { createHash } from "node:crypto";
import type { Document } from "../core/types.js";
import type { CheckMemo } from "../hook/judge.js";

const MAX_ENTRIES = 64;

export class FingerprintMemo implements CheckMemo {
  private readonly entries = new Map<string, readonly string[]>();
  hits = 0;

  recall(doc: Document): readonly string[] | undefined {
    const key = keyOf(doc);
    const found = this.entries.get(key);
    if (found === undefined) return undefined;
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, found);
    this.hits++;
    return found;
  }

  remember(doc: Document, fingerprints: readonly string[]): void {
    const key = keyOf(doc);
    this.entries.delete(key);
    this.entries.set(key, fingerprints);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}

function keyOf(doc: Document): string {
  return createHash("sha256").update(`${doc.path}\0${doc.language}\0`).update(doc.text).digest("base64");
}
