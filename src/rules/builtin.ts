/**
 * The rules the hook and lint use by default: dist/rules.json, compiled from rules/*.yaml at build
 * time (scripts/build.mjs) so the hook never parses YAML or re-validates. `--rules DIR` loads
 * other rule files through load.ts instead.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { builtFile } from "../core/dist-files.js";
import { type CompiledRule, compileRules, type RuleNeedles } from "./compile.js";
import type { RuleDefinition } from "./schema.js";

/** Path of the compiled rules, dist/rules.json (core/dist-files.ts finds it from any bundle or from src/). */
export function builtinRulesPath(): string {
  return builtFile("rules.json");
}

/** The package's own rules/*.yaml (with their examples), beside its dist/: what rules.json is built from. */
export function builtinRuleFilesDir(): string {
  return join(dirname(builtinRulesPath()), "..", "rules");
}

let definitions: RuleDefinition[] | undefined;
let builtin: CompiledRule[] | undefined;

/** The built-in rules as written, examples stripped; in the order of loadBuiltinRules(). */
export function loadBuiltinDefinitions(): RuleDefinition[] {
  definitions ??= JSON.parse(readFileSync(builtinRulesPath(), "utf8")) as RuleDefinition[];
  return definitions;
}

export function loadBuiltinRules(): CompiledRule[] {
  builtin ??= compileRules(loadBuiltinDefinitions());
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
