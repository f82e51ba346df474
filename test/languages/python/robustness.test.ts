/** Arbitrary input never makes the Python or SQL adapter throw (team standard: best effort, never crash). */
import fc from "fast-check";
import { beforeAll, expect, it } from "vitest";
import { extractPython } from "../../../src/languages/python/index.js";
import { extractSql, sqlAdapter } from "../../../src/languages/sql/index.js";

beforeAll(async () => {
  await sqlAdapter.prepare!();
});

// Fragments that make the parsers and the resolvers work: chains, dicts, f-strings, SQL keywords.
const PYTHON_BITS = ["sb", ".table(", ".from_(", ".update(", ".select(", "{", "}", "**", "f\"", "{p}", "\"", "'", "(", ")", "[", "]", ":", ",", "=", "\n", "    ", "def ", "x", "d", "return ", "lambda ", "+", "%", "execute(", "\"\"\"", "dict(", "k=", "integration_", "_status", "await ", "class C:", "#"];
const SQL_BITS = ["SELECT ", "UPDATE ", "INSERT INTO ", "SET ", "FROM ", "WHERE ", "t", "a", ",", "(", ")", "=", ";", "'", "\"", "$$", "$1", "--", "/*", "*/", "\n", "é", "🎉", "CREATE FUNCTION f() AS ", "DO ", "BEGIN ", "END", "public.", "integration_x_status"];

it("python: random token soup", () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...PYTHON_BITS), { maxLength: 60 }), (bits) => {
      const result = extractPython(bits.join(""));
      expect(Array.isArray(result.facts)).toBe(true);
    }),
    { numRuns: 300, seed: 42 },
  );
});

it("sql: random token soup, spans inside the text", () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...SQL_BITS), { maxLength: 40 }), (bits) => {
      const text = bits.join("");
      for (const fact of extractSql(text).facts) {
        expect(fact.span.start).toBeGreaterThanOrEqual(0);
        expect(fact.span.end).toBeLessThanOrEqual(text.length);
      }
    }),
    { numRuns: 300, seed: 42 },
  );
});
