/** Table facts: `X.from(T)` with T resolved to a string; receivers that are not query builders. */
import { describe, expect, test } from "vitest";
import { queryFacts } from "./helpers.js";

const T = "cloud_provider_integrations";

describe("X.from(T) resolves T", () => {
  test.each([
    ["string literal", `sb.from("${T}").select("id");`, `table:read:${T}@1:4`],
    ["optional call", `sb?.from("${T}");`, `table:read:${T}@1:5`],
    ["computed from", `sb["from"]("${T}");`, `table:read:${T}@1:4`],
    ["template without expressions", "sb.from(`" + T + "`);", `table:read:${T}@1:4`],
    ["const", `const t = "${T}";\nsb.from(t);`, `table:read:${T}@2:4`],
    ["let never reassigned", `let t = "${T}";\nsb.from(t);`, `table:read:${T}@2:4`],
    ["member of const object", `const TABLES = { cloud: "${T}" } as const;\nsb.from(TABLES.cloud);`, `table:read:${T}@2:4`],
    ["quoted member", `const TABLES = { cloud: "${T}" };\nsb.from(TABLES["cloud"]);`, `table:read:${T}@2:4`],
    ["nested member", `const DB = { t: { cloud: "${T}" } };\nsb.from(DB.t.cloud);`, `table:read:${T}@2:4`],
    ["satisfies", `const TABLES = { cloud: "${T}" } satisfies Record<string, string>;\nsb.from(TABLES.cloud);`, `table:read:${T}@2:4`],
    ["Object.freeze", `const TABLES = Object.freeze({ cloud: "${T}" });\nsb.from(TABLES.cloud);`, `table:read:${T}@2:4`],
    ["destructured const", `const { cloud } = { cloud: "${T}" };\nsb.from(cloud);`, `table:read:${T}@2:4`],
    ["concatenation", `const t = "cloud_provider_" + \`integrations\`;\nsb.from(t);`, `table:read:${T}@2:4`],
    ["template of constants", "const p = \"cloud\";\nsb.from(`${p}_provider_integrations`);", `table:read:${T}@2:4`],
    ["TS wrappers", `sb.from(("${T}" as string)!);`, `table:read:${T}@1:4`],
    ["enum member", `enum Tables { Cloud = "${T}" }\nsb.from(Tables.Cloud);`, `table:read:${T}@2:4`],
    // TypeScript-only syntax around the constant (also compares oxc's JS-shaped and TS ASTs: helpers.ts).
    ["generic call and type arguments", `const t: string = "${T}";\nsb.from<Row>(t as unknown as string);`, `table:read:${T}@2:4`],
    ["inside a namespace", `namespace Db {\n  export const t = "${T}";\n  sb.from(t);\n}`, `table:read:${T}@3:6`],
    ["abstract class and overloads", `abstract class Repo {\n  abstract name(): string;\n  load(): void;\n  load(x?: number): void { sb.from("${T}"); }\n}`, `table:read:${T}@4:31`],
    ["decorated method", `class Repo {\n  @cached()\n  load(@inject() db: Db) { return db.from("${T}"); }\n}`, `table:read:${T}@3:38`],
    ["schema chain", `client.schema("public").from("${T}");`, `table:read:${T}@1:25`],
    ["awaited factory", `(await getClient()).from("${T}");`, `table:read:${T}@1:21`],
    ["write access (insert)", `sb.from("${T}").insert({});`, `table:write:${T}@1:4`],
    ["write access (delete)", `sb.from("${T}").delete().eq("x", 1);`, `table:write:${T}@1:4`],
  ])("%s", (_, code, expected) => {
    expect(queryFacts(code).filter((f) => f.startsWith("table:"))).toEqual([expected]);
  });

  test("the span runs from `from` through the closing paren", () => {
    const code = `await sb.from( "${T}" ).select();`;
    const { facts } = { facts: queryFacts(code) };
    expect(facts[0]).toBe(`table:read:${T}@1:10`);
  });
});

describe("not a table", () => {
  test.each([
    ["Array.from", `Array.from("${T}");`],
    ["Buffer.from", `Buffer.from("${T}", "utf8");`],
    ["typed array", `Uint8Array.from("${T}");`],
    ["stream.Readable", `stream.Readable.from("${T}");`],
    ["storage bucket", `sb.storage.from("${T}");`],
    ["storage bucket through a const", `const bucket = sb.storage;\nbucket.from("${T}");`],
    ["parameter shadows the const", `const T = "${T}";\nfunction list(T: string) { return sb.from(T).select("*"); }`],
    ["inner declaration shadows", `const t = "${T}";\n{ const t = other(); sb.from(t); }`],
    ["reassigned let", `let t = "${T}";\nt = pick();\nsb.from(t);`],
    ["a comment", `// sb.from("${T}")`],
    ["a log message", `logger.info("sb.from('${T}')");`],
    ["an unknown value", `sb.from(tableName);`],
  ])("%s", (_, code) => {
    expect(queryFacts(code).filter((f) => f.startsWith("table:"))).toEqual([]);
  });
});

describe("imports", () => {
  test("resolveImport supplies imported constants", () => {
    const code = `import { TABLES } from "./tables";\nsb.from(TABLES.cloud);`;
    const resolveImport = (source: string, name: string) => (source === "./tables" && name === "TABLES" ? { cloud: T } : undefined);
    expect(queryFacts(code, "a.ts", { resolveImport })).toEqual([`table:read:${T}@2:4`]);
    expect(queryFacts(code)).toEqual([]);
  });

  test("a throwing resolver is treated as unknown", () => {
    const code = `import T from "./t";\nsb.from(T);`;
    expect(queryFacts(code, "a.ts", { resolveImport: () => { throw new Error("boom"); } })).toEqual([]);
  });
});
