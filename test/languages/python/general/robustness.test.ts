/** Arbitrary input with every general kind requested never makes the Python adapter throw; spans stay inside the text. */
import fc from "fast-check";
import { expect, it } from "vitest";
import { extractPython } from "../../../../src/languages/python/index.js";
import { ALL_KINDS, factsOf } from "./helpers.js";

const BITS = ["import ", "from ", " as ", ".", "..", "requests", "os", "environ", "getattr(", "__import__(", "self", ".client", "=", "(", ")", "[", "]", "\"k\"", "f\"{x}\"", ",", ":", "\n", "    ", "def ", "class C:", "with ", "async ", "await ", "x", "lambda ", "+", "*", "**", "#", "\"http://a\"", "Session()", "get(", "base_url="];

it("python general facts: random token soup", () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...BITS), { maxLength: 60 }), (bits) => {
      const text = bits.join("");
      for (const fact of factsOf(text)) {
        expect(fact.span.start).toBeGreaterThanOrEqual(0);
        expect(fact.span.end).toBeLessThanOrEqual(text.length);
      }
    }),
    { numRuns: 300, seed: 7 },
  );
});

it("alias cycles and self-reference end: x = x.y, a = b; b = a", () => {
  const text = `x = x.y\na = b\nb = a\nb.get(a)\nself.c = self.c.d\nself.c.e()\n`;
  const facts = factsOf(text);
  expect(facts.some((f) => f.kind === "call")).toBe(true);
});

it("asking for general facts changes none of the built-in facts or embedded SQL (bench file)", async () => {
  // @ts-expect-error: plain JS module without types (the benchmark's generated files)
  const { violatingPython } = await import("../../../../bench/fixtures.mjs");
  const text: string = violatingPython();
  const plain = extractPython(text);
  const asked = extractPython(text, { request: { kinds: ALL_KINDS, patterns: [] } });
  const builtin = (facts: readonly { kind: string }[]) => facts.filter((f) => !["import", "call", "member", "string"].includes(f.kind));
  expect(builtin(asked.facts)).toEqual(plain.facts);
  expect(asked.embedded).toEqual(plain.embedded);
  expect(asked.facts.length).toBeGreaterThan(plain.facts.length);
});
