/**
 * The rules the hook and lint use by default: dist/rules.json, compiled from rules/*.yaml at build
 * time (scripts/build.mjs) so the hook never parses YAML or re-validates. `--rules DIR` loads
 * other rule files through load.ts instead.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type CompiledRule, compileRules, type RuleNeedles } from "./compile.js";
import type { RuleDefinition } from "./schema.js";

/**
 * Path of the compiled rules: dist/rules.json, found from the bundle or chunk that runs this code
 * (dist/, dist/chunks/, dist/commands/, dist/hook/, dist/hook/chunks/), or from src/rules/ when run from source.
 */
export function builtinRulesPath(): string {
  return builtFile("rules.json");
}

/** dist/<name>, from the bundle or chunk that runs this code, or from src/rules/ when run from source. */
function builtFile(name: string): string {
  for (const relative of ["", "../", "../../", "../../dist/"]) {
    const candidate = fileURLToPath(new URL(relative + name, import.meta.url));
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`dist/${name} is missing: run \`npm run build\``);
}

let builtin: CompiledRule[] | undefined;

export function loadBuiltinRules(): CompiledRule[] {
  builtin ??= compileRules(JSON.parse(readFileSync(builtinRulesPath(), "utf8")) as RuleDefinition[]);
  return builtin;
}

/**
 * Only the built-in rules' needles (dist/needles.json, written with rules.json): all the hook's
 * fast path needs, without compiling every matcher on each edit.
 */
export function loadBuiltinNeedles(): RuleNeedles[] {
  return JSON.parse(readFileSync(builtFile("needles.json"), "utf8")) as RuleNeedles[];
}

/** Built-in rules, or the rules of `dir` when given (validated; throws RuleFileError). */
export async function loadRules(dir?: string): Promise<CompiledRule[]> {
  if (dir === undefined) return loadBuiltinRules();
  // Rule files need YAML and the schema: loaded only for --rules.
  const { loadRuleDirectory } = await import("./load.js");
  return compileRules((await loadRuleDirectory(dir)).rules);
}
