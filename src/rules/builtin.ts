/**
 * The rules the hook and lint use by default: dist/rules.json, compiled from rules/*.yaml at build
 * time (scripts/build.mjs) so the hook never parses YAML or re-validates. `--rules DIR` loads
 * other rule files through load.ts instead.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type CompiledRule, compileRules } from "./compile.js";
import { loadRuleDirectory } from "./load.js";
import type { RuleDefinition } from "./schema.js";

/** Path of the compiled rules, next to the bundle that imports this module. */
function builtinRulesPath(): string {
  // In dist/ the chunk sits in dist/chunks/ or dist/; rules.json sits in dist/.
  const here = fileURLToPath(import.meta.url);
  const distDir = here.replace(/[\\/](chunks[\\/])?[^\\/]+$/, "");
  const besideBundle = `${distDir}/rules.json`;
  // Run from source (tests importing src/): the build output of the same checkout.
  return existsSync(besideBundle) ? besideBundle : fileURLToPath(new URL("../../dist/rules.json", import.meta.url));
}

export function loadBuiltinRules(): CompiledRule[] {
  const definitions = JSON.parse(readFileSync(builtinRulesPath(), "utf8")) as RuleDefinition[];
  return compileRules(definitions);
}

/** Built-in rules, or the rules of `dir` when given (validated; throws RuleFileError). */
export async function loadRules(dir?: string): Promise<CompiledRule[]> {
  if (dir === undefined) return loadBuiltinRules();
  return compileRules((await loadRuleDirectory(dir)).rules);
}
