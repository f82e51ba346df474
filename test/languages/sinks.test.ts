/**
 * The sink table (src/languages/sinks/) is what the adapters read: every row is well formed, and
 * for the rows of the SQL-call, HTTP-client and Python table tables a call built from the row alone
 * (its name, its argument positions) is found by the adapter of each language the row names.
 */
import { describe, expect, it } from "vitest";
import type { LanguageId } from "../../src/core/types.js";
import { checkDocument } from "../../src/engine/check.js";
import { HTTP_CLIENTS, QUERY_BUILDERS, SCHEMA_DEFINERS, SQL_CALLS, type SinkLanguage } from "../../src/languages/sinks/index.js";
import { builtinRules, TABLE } from "./sql/helpers.js";

const T = "cloud_provider_integrations";
const EXTENSION: Record<SinkLanguage, string> = { typescript: "ts", python: "py" };

async function findings(language: SinkLanguage, code: string): Promise<string[]> {
  const path = `sink.${EXTENSION[language]}`;
  const { findings } = await checkDocument({ path, text: code, language: language as LanguageId }, builtinRules, { diskImports: false });
  return findings.map((f) => `${f.line} ${f.ruleId}`);
}

/** Positional arguments with `value` at `at` (and `verb` at `verbAt`), the others plain strings. */
function args(at: number, value: string, verbAt?: number, verb = '"DELETE"'): string {
  const out: string[] = [];
  for (let i = 0; i <= Math.max(at, verbAt ?? 0); i++) out.push(i === at ? value : i === verbAt ? verb : '"x"');
  return out.join(", ");
}

describe("the sink table", () => {
  it("every row names at least one language and at least one callee", () => {
    for (const row of [...QUERY_BUILDERS, ...SCHEMA_DEFINERS]) {
      expect(row.languages.length).toBeGreaterThan(0);
      const names = "methods" in row && row.methods ? row.methods : "callees" in row && row.callees ? row.callees : [];
      expect(names.length, JSON.stringify(row)).toBeGreaterThan(0);
    }
    for (const row of SQL_CALLS) expect(row.languages.length > 0 && row.names.length > 0).toBe(true);
    for (const row of HTTP_CLIENTS) expect(row.languages.length > 0 && (row.call !== undefined || Object.keys(row.methods ?? {}).length > 0)).toBe(true);
  });

  describe("SQL-running calls", () => {
    for (const row of SQL_CALLS) {
      for (const language of row.languages) {
        for (const name of row.names) {
          const sql = `"DELETE FROM ${T} WHERE id = 1"`;
          const code =
            row.form === "tag" ? `const q = db.${name}\`DELETE FROM ${T} WHERE id = 1\`;\n`
            : row.wraps ? `cur.execute(${name}(${sql}))\n`
            : language === "python" ? `cur.${name}(${args(row.argument ?? 0, sql)})\n`
            : `await db.${name}(${args(row.argument ?? 0, sql)});\n`;
          it(`${language}: ${row.form} ${name} (${row.library})`, async () => expect(await findings(language, code)).toEqual([`1 ${TABLE}`]));
        }
      }
    }
  });

  describe("HTTP clients", () => {
    const url = `"https://p.supabase.co/rest/v1/${T}?id=eq.1"`;
    for (const row of HTTP_CLIENTS) {
      for (const language of row.languages) {
        const receiver = row.callee === "*" ? "session" : row.callee;
        const shapes = [...(row.call ? [["", row.call] as const] : []), ...Object.entries(row.methods ?? {}).map(([name, shape]) => [`.${name}`, shape] as const)];
        for (const [member, shape] of shapes) {
          // A config object as the URL argument (axios.request({ url })): the URL is its `url`.
          const urlArg = shape.options === shape.url ? `{ url: ${url}, method: "DELETE" }` : url;
          const call = `${receiver}${member}(${args(shape.url, urlArg, shape.method)})`;
          const code = language === "python" ? `${call}\n` : `await ${call};\n`;
          it(`${language}: ${call.slice(0, 60)} (${row.library})`, async () => expect(await findings(language, code)).toEqual([`1 ${TABLE}`]));
        }
      }
    }
  });

  describe("Python table rows", () => {
    for (const row of [...QUERY_BUILDERS, ...SCHEMA_DEFINERS]) {
      if (!row.languages.includes("python")) continue;
      if (row.form === "method") {
        for (const name of row.methods) it(`method ${name}`, async () => expect(await findings("python", `sb.${name}("${T}").select("*").execute()\n`)).toEqual([`1 ${TABLE}`]));
      } else if (row.form === "signature") {
        for (const name of row.callees) {
          const table = typeof row.table === "number" ? args(row.table, `"${T}"`) : `"*", ${row.table}="${T}"`;
          const code = `${row.receiver ?? "x"}.${name}(${table})\n`;
          it(`signature ${code.trim()}`, async () => expect(await findings("python", code)).toEqual([`1 ${TABLE}`]));
        }
      }
    }
  });
});
