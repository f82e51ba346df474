/**
 * `lint --project tsconfig.json` through the built CLI: a table name imported from another module
 * (a paths alias and a barrel) is found in one thread and in worker threads; without --project
 * the hook's own reader of modules on disk finds it too.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lint, tempDir, write } from "../lint/helpers.js";

const CHECKOUT = join(import.meta.dirname, "..", "..");

const FILES: Record<string, string> = {
  "tsconfig.json": JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", strict: true, paths: { "@/*": ["./src/*"] } } }),
  "package.json": JSON.stringify({ name: "app", type: "module" }),
  "src/lib/db/tables.ts": 'export const TABLES = { cloud: "cloud_provider_integrations", orgs: "organizations" } as const;\n',
  "src/lib/db/index.ts": 'export * from "./tables.js";\n',
  "src/app/page.ts": 'import { TABLES } from "@/lib/db/index.js";\nimport { supabase } from "./client.js";\nexport const load = () => supabase.from(TABLES.cloud).select("*");\n',
};

function project(): string {
  const dir = tempDir("ig-lint-project-");
  for (const [path, text] of Object.entries(FILES)) write(dir, path, text);
  return dir;
}

function findings(stdout: string): Array<[string, string, number]> {
  return (JSON.parse(stdout) as { findings: Array<{ ruleId: string; file: string; line: number }> }).findings.map((f) => [f.file, f.ruleId, f.line]);
}

describe("lint --project", () => {
  it("resolves imported constants through paths aliases and re-exports", () => {
    const dir = project();
    const run = lint(dir, ["--project", "tsconfig.json", "--format", "json", "src"]);
    expect(run.code, run.stderr).toBe(1);
    expect(findings(run.stdout)).toEqual([["src/app/page.ts", "no-cloud-provider-integrations-table", 3]]);
  });

  it("gives the same answer in worker threads", () => {
    const dir = project();
    // Enough files for the pool to start two workers (it keeps at least 8 files per thread).
    for (let i = 0; i < 24; i++) write(dir, `src/app/filler${i}.ts`, `export const n${i} = ${i};\n`);
    const run = lint(dir, ["--project", "tsconfig.json", "--format", "json", "--jobs", "2", "src"]);
    expect(findings(run.stdout)).toEqual([["src/app/page.ts", "no-cloud-provider-integrations-table", 3]]);
  });

  it("without --project the imported name is read from the modules on disk: the same finding", () => {
    const dir = project();
    const run = lint(dir, ["--format", "json", "src"]);
    expect(run.code).toBe(1);
    expect(findings(run.stdout)).toEqual([["src/app/page.ts", "no-cloud-provider-integrations-table", 3]]);
  });

  it("a missing tsconfig is a usage error", () => {
    const dir = project();
    expect(lint(dir, ["--project", "nope.json", "src"]).code).toBe(2);
  });

  it("without ts-morph (an optional peer) it is a usage error naming it; plain lint still works", () => {
    // An install without the optional peer: dist/ beside a node_modules that has every dependency
    // of the checkout except ts-morph (and the @ts-morph/common it brings).
    const install = tempDir("ig-no-ts-morph-");
    cpSync(join(CHECKOUT, "dist"), join(install, "dist"), { recursive: true });
    mkdirSync(join(install, "node_modules"));
    for (const name of readdirSync(join(CHECKOUT, "node_modules"))) {
      if (name !== "ts-morph" && name !== "@ts-morph") symlinkSync(join(CHECKOUT, "node_modules", name), join(install, "node_modules", name));
    }
    const dir = project();
    const bin = join(install, "dist", "integration-guard.cjs");
    const withProject = spawnSync(process.execPath, [bin, "lint", "--project", "tsconfig.json", "src"], { cwd: dir, encoding: "utf8" });
    expect(withProject.status).toBe(2);
    expect(withProject.stderr).toContain("ts-morph");
    expect(withProject.stdout).toBe("");
    // Plain lint needs no ts-morph: it reads the imported constant from the modules on disk.
    const plain = spawnSync(process.execPath, [bin, "lint", "--format", "json", "src"], { cwd: dir, encoding: "utf8" });
    expect(plain.status, plain.stderr).toBe(1);
    expect(findings(plain.stdout)).toEqual([["src/app/page.ts", "no-cloud-provider-integrations-table", 3]]);
  });
});
