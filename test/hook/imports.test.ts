/**
 * The hook reads constants a file imports from the project's modules on disk (the built hook,
 * spawned with real payloads, in a temp project): a file that names the table only through an
 * import is denied even though its own text never holds a rule's word, including when an earlier
 * tool call wrote the constant's module; a legacy file's existing use of such a constant does not
 * block an unrelated edit.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { isDeny, payload, project, reasonFindings, runHook } from "../helpers/hook.js";

const TABLE = "no-cloud-provider-integrations-table";
const TABLES_MODULE = `export const CLOUD_TABLE = "cloud_provider_integrations";\nexport const MEMBERS = "org_members";\n`;

describe("hook: imported constants", () => {
  it("denies a Write whose only table name comes from an imported module", () => {
    const dir = project({ "package.json": "{}", "src/db/tables.ts": TABLES_MODULE });
    const content = `import { CLOUD_TABLE } from "../db/tables";\nimport { supabase } from "../lib/supabase";\nexport const list = () => supabase.from(CLOUD_TABLE).select("*");\n`;
    const run = runHook(payload("Write", { file_path: join(dir, "src/app/list.ts"), content }, dir));
    expect(isDeny(run)).toBe(true);
    expect(reasonFindings(run)).toEqual([{ location: "src/app/list.ts:3", ruleId: TABLE }]);
  });

  it("denies after an earlier call wrote the module, through a re-export and a tsconfig alias", () => {
    const dir = project({ "package.json": "{}", "tsconfig.json": `{ "compilerOptions": { "paths": { "~db/*": ["./src/db/*"] } } }` });
    // The earlier tool call: allowed (a constants module is no violation), then carried out.
    const tablesPath = join(dir, "src/db/tables.ts");
    expect(isDeny(runHook(payload("Write", { file_path: tablesPath, content: TABLES_MODULE }, dir)))).toBe(false);
    mkdirSync(dirname(tablesPath), { recursive: true });
    writeFileSync(tablesPath, TABLES_MODULE);
    writeFileSync(join(dir, "src/db/index.ts"), `export { CLOUD_TABLE as INTEGRATIONS } from "./tables";\n`);
    const content = `import { INTEGRATIONS } from "~db/index";\nexport async function wipe(db: any) {\n  await db.from(INTEGRATIONS).delete();\n}\n`;
    const run = runHook(payload("Write", { file_path: join(dir, "src/jobs/wipe.ts"), content }, dir));
    expect(isDeny(run)).toBe(true);
    expect(reasonFindings(run)).toEqual([{ location: "src/jobs/wipe.ts:3", ruleId: TABLE }]);
  });

  it("allows the clean look-alike: another constant of the same module", () => {
    const dir = project({ "package.json": "{}", "src/db/tables.ts": TABLES_MODULE });
    const content = `import { MEMBERS } from "../db/tables";\nimport { supabase } from "../lib/supabase";\nexport const list = () => supabase.from(MEMBERS).select("*");\n`;
    const run = runHook(payload("Write", { file_path: join(dir, "src/app/members.ts"), content }, dir));
    expect(isDeny(run)).toBe(false);
    expect(run.status).toBe(0);
  });

  it("does not block an unrelated edit of a legacy file that already uses the imported constant", () => {
    const legacy = `import { CLOUD_TABLE } from "../db/tables";\nexport const list = (db: any) => db.from(CLOUD_TABLE).select("*");\nexport const n = 1;\n`;
    const dir = project({ "package.json": "{}", "src/db/tables.ts": TABLES_MODULE, "src/app/legacy.ts": legacy });
    const run = runHook(payload("Edit", { file_path: join(dir, "src/app/legacy.ts"), old_string: "export const n = 1;", new_string: "export const n = 2;" }, dir));
    expect(isDeny(run)).toBe(false);
    expect(run.status).toBe(0);
  });
});
