/**
 * Suppression comments through the real engine (checkDocument) and the real rule files, in each
 * language's comment syntax. Strings that contain the marker are not comments.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Document, LanguageId } from "../../src/core/types.js";
import { checkDocument } from "../../src/engine/check.js";
import type { CompiledRule } from "../../src/rules/compile.js";
import { loadRules } from "../../src/rules/builtin.js";
import { lintJson, ROOT, tempDir, write } from "./helpers.js";

const TABLE = "no-cloud-provider-integrations-table";
const WRITE = "no-integration-status-write";
const MARK = "integration-guard-ignore-next-line";

let rules: CompiledRule[];
beforeAll(async () => {
  rules = await loadRules(join(ROOT, "rules"));
});

async function check(path: string, text: string): Promise<string[]> {
  const language = ({ ts: "typescript", tsx: "typescript", js: "javascript", py: "python", sql: "sql" } as Record<string, LanguageId>)[
    path.split(".").pop()!
  ]!;
  const doc: Document = { path, text, language };
  const { findings } = await checkDocument(doc, rules);
  return findings.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.severity}`);
}

const QUERY = `const { data } = await supabase.from("cloud_provider_integrations").select("*");`;

describe("suppression comments", () => {
  it("a line comment with a rule id and a reason suppresses that rule on the next line only", async () => {
    const text = [`// ${MARK} ${TABLE} -- read-only export until PR 42 lands`, QUERY, QUERY].join("\n");
    expect(await check("a.ts", text)).toEqual([`3:33 ${TABLE} block`]);
  });

  it("block comments (also JSDoc style) and several rule ids", async () => {
    const text = [
      `/* ${MARK} ${TABLE} -- migration script */`,
      QUERY,
      "/**",
      ` * ${MARK} ${TABLE}, ${WRITE} -- one-off backfill`,
      " */",
      `await supabase.from("cloud_provider_integrations").update({ integration_openai_status: "ok" });`,
    ].join("\n");
    expect(await check("a.tsx", text)).toEqual([]);
  });

  it("does not suppress another rule on the same line", async () => {
    const text = [`// ${MARK} ${WRITE} -- wrong rule`, QUERY].join("\n");
    expect(await check("a.ts", text)).toEqual([`1:1 unused-suppression warn`, `2:33 ${TABLE} block`]);
  });

  it("a marker inside a string or a template is not a comment", async () => {
    const text = [
      `const note = "// ${MARK} ${TABLE} -- not a comment";`,
      `const tpl = \`/* ${MARK} ${TABLE} -- nor this */\`;`,
      QUERY,
    ].join("\n");
    expect(await check("a.ts", text)).toEqual([`3:33 ${TABLE} block`]);
  });

  it("prose that mentions the marker mid-comment is not a directive", async () => {
    const text = [`// to silence it, use ${MARK} with a reason`, QUERY].join("\n");
    expect(await check("a.ts", text)).toEqual([`2:33 ${TABLE} block`]);
  });

  it("without a reason, without a rule id, or with an unknown rule id: invalid (block) and nothing is suppressed", async () => {
    expect(await check("a.ts", [`// ${MARK} ${TABLE}`, QUERY].join("\n"))).toEqual([`1:1 invalid-suppression block`, `2:33 ${TABLE} block`]);
    expect(await check("a.ts", [`// ${MARK} ${TABLE} --   `, QUERY].join("\n"))).toEqual([`1:1 invalid-suppression block`, `2:33 ${TABLE} block`]);
    expect(await check("a.ts", [`// ${MARK}`, QUERY].join("\n"))).toEqual([`1:1 invalid-suppression block`, `2:33 ${TABLE} block`]);
    expect(await check("a.ts", [`// ${MARK} -- no id`, QUERY].join("\n"))).toEqual([`1:1 invalid-suppression block`, `2:33 ${TABLE} block`]);
    expect(await check("a.ts", [`// ${MARK} no-such-rule -- typo`, QUERY].join("\n"))).toEqual([
      `1:1 invalid-suppression block`,
      `2:33 ${TABLE} block`,
    ]);
  });

  it("a suppression with nothing to suppress warns, even in a file the pre-check skips", async () => {
    expect(await check("a.ts", [`// ${MARK} ${TABLE} -- was needed once`, "const x = 1;"].join("\n"))).toEqual([`1:1 unused-suppression warn`]);
    expect(await check("a.ts", [`// ${MARK} ${TABLE} -- above, not below`, "", QUERY].join("\n"))).toEqual([
      `1:1 unused-suppression warn`,
      `3:33 ${TABLE} block`,
    ]);
  });

  it("Python: # comments count, # inside strings does not", async () => {
    const query = `rows = supabase.table("cloud_provider_integrations").select("*").execute()`;
    expect(await check("a.py", [`# ${MARK} ${TABLE} -- legacy admin script`, query].join("\n"))).toEqual([]);
    expect(await check("a.py", [`x = "# ${MARK} ${TABLE} -- in a string"`, query].join("\n"))).toEqual([`2:23 ${TABLE} block`]);
    expect(await check("a.py", [`x = """`, `# ${MARK} ${TABLE} -- in a docstring`, `"""`, query].join("\n"))).toEqual([`4:23 ${TABLE} block`]);
  });

  it("SQL: -- and /* */ comments count, text in quotes and $$ bodies does not", async () => {
    const stmt = "SELECT provider FROM cloud_provider_integrations;";
    expect(await check("a.sql", [`-- ${MARK} ${TABLE} -- dropped in the next migration`, stmt].join("\n"))).toEqual([]);
    expect(await check("a.sql", [`/* ${MARK} ${TABLE} -- ok */`, stmt].join("\n"))).toEqual([]);
    expect(await check("a.sql", [`SELECT '-- ${MARK} ${TABLE} -- x';`, stmt].join("\n"))).toEqual([`2:22 ${TABLE} block`]);
  });

  it("lint honours suppressions end to end", () => {
    const dir = tempDir();
    write(dir, "a.ts", [`// ${MARK} ${TABLE} -- reviewed`, QUERY, `// ${MARK} ${TABLE}`, QUERY].join("\n"));
    const out = lintJson(dir);
    expect(out.code).toBe(1);
    expect(out.findings.map((f) => `${f.line} ${f.ruleId} ${f.severity}`)).toEqual([
      `3 invalid-suppression block`,
      `4 ${TABLE} block`,
    ]);
  });
});
