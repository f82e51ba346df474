/**
 * Bad input never crashes and never yields spans outside the text: arbitrary strings, and the
 * legacy fixture cut, spliced and scrambled at random places (each shape of broken edit a hook sees).
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { expect, test } from "vitest";
import { extract } from "./helpers.js";

const legacy = readFileSync(new URL("./fixtures/legacy-integrations.ts.txt", import.meta.url), "utf8");
const SNIPPETS = ["{", "}", "(", ")", "`", "${", "'", '"', "/*", "//", "<div>", "=>", ";", "as", "from(", ".update({", "\n", "é👋"];

function checkSpans(text: string, path: string): void {
  const result = extract(text, path);
  for (const fact of result.facts) {
    expect(fact.span.start).toBeGreaterThanOrEqual(0);
    expect(fact.span.end).toBeLessThanOrEqual(text.length);
    expect(fact.span.start).toBeLessThanOrEqual(fact.span.end);
  }
  for (const part of result.embedded ?? []) {
    expect(text.length).toBeGreaterThanOrEqual(part.anchor ? part.anchor.end : part.offset + part.text.length);
  }
}

test("arbitrary text", () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300, unit: "binary" }), fc.constantFrom("a.ts", "a.tsx", "a.js"), (text, path) => {
      checkSpans(text, path);
    }),
    { numRuns: 200 },
  );
});

test("the legacy file with a random edit: cut, insert a snippet, or truncate", () => {
  fc.assert(
    fc.property(
      fc.nat({ max: legacy.length }),
      fc.nat({ max: 200 }),
      fc.constantFrom(...SNIPPETS),
      fc.constantFrom("cut", "insert", "truncate"),
      (at, length, snippet, edit) => {
        const text =
          edit === "cut"
            ? legacy.slice(0, at) + legacy.slice(at + length)
            : edit === "insert"
              ? legacy.slice(0, at) + snippet + legacy.slice(at)
              : legacy.slice(0, at);
        checkSpans(text, "a.ts");
      },
    ),
    { numRuns: 150 },
  );
});

test("a truncated chain closed by recovery keeps its spans inside the text", () => {
  checkSpans(`await sb.from("t").update({ integration_x_status: 1`, "a.ts");
  checkSpans(legacy.slice(0, 1246), "a.ts");
});

test("a broken edit far from the violations keeps finding them", () => {
  const broken = legacy.replace("if (error) throw error;", "if (error) throw error;;; const = ;");
  const writes = extract(broken).facts.filter((f) => f.kind === "column" && f.access === "write" && f.name.every((n) => n.startsWith("integration_")));
  expect(writes.length).toBeGreaterThanOrEqual(1);
});
