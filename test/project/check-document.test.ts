/**
 * The resolver wired into the real engine and TypeScript adapter: a table name that lives in
 * another module (behind a paths alias and a barrel) is found only with resolveImport.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkDocument } from "../../src/engine/check.js";
import { createProjectResolver } from "../../src/project/index.js";
import { loadRules } from "../../src/rules/builtin.js";
import type { CompiledRule } from "../../src/rules/compile.js";

const RULES_DIR = fileURLToPath(new URL("../../rules", import.meta.url));

const FILES: Record<string, string> = {
  "tsconfig.json": JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", strict: true, paths: { "@/*": ["./src/*"] } } }),
  "package.json": JSON.stringify({ name: "app", type: "module" }),
  "src/lib/db/tables.ts": 'export const TABLES = { cloud: "cloud_provider_" + "integrations", orgs: "organizations" } as const;\n',
  "src/lib/db/index.ts": 'export * from "./tables.js";\n',
};

const PAGE = `import { TABLES } from "@/lib/db/index.js";
import { supabase } from "./client.js";
export const load = () => supabase.from(TABLES.cloud).select("*");
export const orgs = () => supabase.from(TABLES.orgs).select("*");
`;

let root: string;
let rules: CompiledRule[];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "ig-project-check-"));
  for (const [path, text] of Object.entries(FILES)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  rules = await loadRules(RULES_DIR);
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("checkDocument with a project resolver", () => {
  const doc = () => ({ path: join(root, "src/app/page.ts"), text: PAGE, language: "typescript" as const });

  it("finds supabase.from(TABLES.cloud) when TABLES is imported through an alias and a barrel", async () => {
    const resolveImport = createProjectResolver(join(root, "tsconfig.json"))(doc().path);
    const { findings } = await checkDocument(doc(), rules, { resolveImport });
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([["no-cloud-provider-integrations-table", 3]]);
  });

  it("without it, reads the imported constant from the modules on disk (oxc, same alias and barrel)", async () => {
    const { findings } = await checkDocument(doc(), rules);
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([["no-cloud-provider-integrations-table", 3]]);
  });

  it("does not know the imported name with neither a resolver nor disk imports", async () => {
    const { findings } = await checkDocument(doc(), rules, { diskImports: false });
    expect(findings).toEqual([]);
  });
});
