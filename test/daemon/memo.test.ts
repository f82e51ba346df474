/** The daemon's memo of checked files (src/daemon/memo.ts): what it gives back, and its bounds. */
import { describe, expect, it } from "vitest";
import type { Document } from "../../src/core/types.js";
import { FingerprintMemo } from "../../src/daemon/memo.js";
import { fingerprintOf } from "../../src/engine/fingerprint.js";

const doc = (text: string, path = "src/a.ts"): Document => ({ path, text, language: "typescript" });

describe("FingerprintMemo", () => {
  it("gives back exactly the fingerprints it was given, for the same path and text only", () => {
    const memo = new FingerprintMemo();
    const text = 'const t = "cloud_provider_integrations";\nsupabase.from(t)\n  .select("id");\n';
    const fingerprints = [fingerprintOf("no-table", text.slice(10, 39)), fingerprintOf("no-column", text.slice(40, 75)), fingerprintOf("lone", "\ud800 x")];
    memo.remember(doc(text), fingerprints);
    memo.remember(doc("clean"), []);
    expect(memo.recall(doc(text))).toEqual(fingerprints);
    expect(memo.recall(doc("clean"))).toEqual([]);
    expect(memo.recall(doc(text, "src/b.ts"))).toBeUndefined();
    expect(memo.recall(doc(`${text} `))).toBeUndefined();
    expect(memo.hits).toBe(2);
  });

  it("keeps at most 64 entries, the least recently used leaving first", () => {
    const memo = new FingerprintMemo();
    for (let i = 0; i < 64; i++) memo.remember(doc(`file ${i}`), [`r\u0001${i}`]);
    expect(memo.recall(doc("file 0"))).toEqual(["r\u00010"]); // now the most recently used
    memo.remember(doc("file 64"), ["r\u000164"]);
    expect(memo.size.entries).toBe(64);
    expect(memo.recall(doc("file 1"))).toBeUndefined();
    expect(memo.recall(doc("file 0"))).toEqual(["r\u00010"]);
  });

  it("is bounded by size: large entries push the oldest out, and one too large is not kept", () => {
    const memo = new FingerprintMemo();
    const big = (n: number) => Array.from({ length: 1024 }, (_, i) => `rule\u0001${String(n).padStart(4, "0")}${"x".repeat(1000)}${i}`);
    for (let n = 0; n < 6; n++) memo.remember(doc(`big ${n}`), big(n)); // ~1 M characters each
    expect(memo.size.chars).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(memo.recall(doc("big 0"))).toBeUndefined();
    expect(memo.recall(doc("big 5"))).toEqual(big(5));
    memo.remember(doc("huge"), Array.from({ length: 5 }, () => "y".repeat(1024 * 1024)));
    expect(memo.recall(doc("huge"))).toBeUndefined();
    expect(memo.recall(doc("big 5"))).toEqual(big(5));
  });
});
