/**
 * Constants imported from the project's modules, read from disk (modules.ts, module-paths.ts):
 * real files in a temp folder, the adapter run on a file beside them.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, test } from "vitest";
import { checkDocument } from "../../../src/engine/check.js";
import { importsMayMatter } from "../../../src/languages/typescript/module-paths.js";
import { builtinRules, TABLE } from "../sql/helpers.js";
import { queryFacts } from "./helpers.js";

const T = "cloud_provider_integrations";

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "ig-modules-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const root = tree({
  "package.json": "{}",
  "tsconfig.json": `{
    // JSONC: comments and trailing commas
    "compilerOptions": { "baseUrl": ".", "paths": { "@db/*": ["src/db/*"], }, },
  }`,
  "src/db/tables.ts": [
    `export const CLOUD_TABLE = "${T}";`,
    `export const TABLES = { cloud: "${T}", orgs: "organizations" } as const;`,
    "export const statusColumn = (p: string) => `integration_${p}_status`;",
    `export const MEMBERS = "org_members";`,
    `const hidden = "${T}";`,
    `export { hidden as ALIASED };`,
    `export default "${T}";`,
  ].join("\n"),
  "src/db/index.ts": `export * from "./tables";\nexport { CLOUD_TABLE as INTEGRATIONS_TABLE } from "./tables.js";`,
  "src/db/schema.ts": `import { pgTable, text } from "drizzle-orm/pg-core";\nexport const cloud = pgTable("${T}", { id: text("id") });`,
  "src/db/cycle-a.ts": `import { B } from "./cycle-b";\nexport const A = B;`,
  "src/db/cycle-b.ts": `import { A } from "./cycle-a";\nexport const B = A;`,
  "src/db/derived.ts": `import { TABLES } from "./tables";\nexport const LEGACY = TABLES.cloud;`,
});
const file = join(root, "src/app/page.ts");

function tables(code: string): string[] {
  return queryFacts(code, file).filter((f) => f.startsWith("table:") || f.startsWith("column:write"));
}

describe("imported constants, read from disk", () => {
  test.each([
    ["a relative import", `import { CLOUD_TABLE } from "../db/tables";\nsb.from(CLOUD_TABLE);`, [`table:read:${T}@2:4`]],
    ["a member of an imported object", `import { TABLES } from "../db/tables";\nsb.from(TABLES.cloud);`, [`table:read:${T}@2:4`]],
    ["export * and a re-export alias", `import { TABLES, INTEGRATIONS_TABLE } from "../db";\nsb.from(TABLES.cloud);\nsb.from(INTEGRATIONS_TABLE);`, [`table:read:${T}@2:4`, `table:read:${T}@3:4`]],
    ["a local export alias", `import { ALIASED } from "../db/tables";\nsb.from(ALIASED);`, [`table:read:${T}@2:4`]],
    ["a default export", `import table from "../db/tables";\nsb.from(table);`, [`table:read:${T}@2:4`]],
    ["a tsconfig paths alias", `import { CLOUD_TABLE } from "@db/tables";\nsb.from(CLOUD_TABLE);`, [`table:read:${T}@2:4`]],
    ["the conventional @/ alias", `import { CLOUD_TABLE } from "@/db/tables";\nsb.from(CLOUD_TABLE);`, [`table:read:${T}@2:4`]],
    ["a namespace import", `import * as db from "../db/tables";\nsb.from(db.TABLES.cloud);`, [`table:read:${T}@2:4`]],
    ["CommonJS require", `const { TABLES } = require("../db/tables");
sb.from(TABLES.cloud);`, [`table:read:${T}@2:4`]],
    ["a constant built from another import", `import { LEGACY } from "../db/derived";\nsb.from(LEGACY);`, [`table:read:${T}@2:4`]],
    ["an imported drizzle table", `import { cloud } from "../db/schema";\ndb.select().from(cloud);\ndb.insert(cloud).values({ id: "1" });`, [`table:read:${T}@2:13`, `table:write:${T}@3:4`, "column:write:id@3:27"]],
    [
      "an imported helper's template",
      `import { statusColumn } from "../db/tables";\nsb.from("organizations").update({ [statusColumn(p)]: "VALID" });`,
      ["table:write:organizations@2:4", "column:write:integration_?_status@2:36"],
    ],
  ])("%s", (_, code, expected) => {
    expect(tables(code)).toEqual(expected);
  });

  test.each([
    ["another imported table", `import { MEMBERS } from "../db/tables";\nsb.from(MEMBERS);`, ["table:read:org_members@2:4"]],
    ["an import cycle ends as unknown", `import { A } from "../db/cycle-a";\nsb.from(A);`, []],
    ["a package is never read", `import { CLOUD_TABLE } from "some-package";\nsb.from(CLOUD_TABLE);`, []],
    ["a module that does not exist", `import { CLOUD_TABLE } from "./nowhere";\nsb.from(CLOUD_TABLE);`, []],
  ])("clean: %s", (_, code, expected) => {
    expect(tables(code)).toEqual(expected);
  });

  test("diskImports: false reads nothing", () => {
    const code = `import { CLOUD_TABLE } from "../db/tables";\nsb.from(CLOUD_TABLE);`;
    expect(queryFacts(code, file, { diskImports: false }).filter((f) => f.startsWith("table:"))).toEqual([]);
  });
});

describe("the text pre-check across imports", () => {
  const needle = (text: string): boolean => text.toLowerCase().includes("integration");
  test("a file with a query sink and an import of a module holding the word", () => {
    expect(importsMayMatter(file, `import { X } from "../db";\nsb.from(X);`, needle)).toBe(true);
  });
  test("no query sink: imports are not read", () => {
    expect(importsMayMatter(file, `import { X } from "../db";\nconsole.log(X);`, needle)).toBe(false);
  });
  test("imports of modules without the word", () => {
    expect(importsMayMatter(file, `import { A } from "../db/cycle-a";\nsb.from(A);`, needle)).toBe(false);
  });
});

describe("imported constants across documents (the daemon and lint keep parses)", () => {
  test("a module an unchanged module re-exports is read again once it exists", async () => {
    const dir = tree({ "package.json": "{}", "src/db/index.ts": `import { X } from "./config";\nexport const T = X;\n` });
    const path = join(dir, "src/app.ts");
    // The comment's rule word makes the engine parse the file the first time too.
    const code = `import { T } from "./db";\nsb.from(T).select("*");\n// ${T} is retired\n`;
    const lines = async () => (await checkDocument({ path, text: code, language: "typescript" }, builtinRules)).findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`);
    expect(await lines()).toEqual([]);
    writeFileSync(join(dir, "src/db/config.ts"), `export const X = "${T}";\n`);
    // "Not found" is trusted for a moment only (module-files.ts resolutionCache).
    await new Promise((done) => setTimeout(done, 1100));
    expect(await lines()).toEqual([`2:4 ${TABLE}`]);
  });
});
