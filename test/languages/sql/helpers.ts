/** Helpers shared by the Python and SQL adapter tests: facts as short, readable tuples; the built-in rules. */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type CheckResult, type Fact, type LanguageId, NAME_HOLE } from "../../../src/core/types.js";
import { checkDocument } from "../../../src/engine/check.js";
import { compileRules } from "../../../src/rules/compile.js";
import { loadRuleDirectory } from "../../../src/rules/load.js";

const { rules } = await loadRuleDirectory(join(fileURLToPath(new URL("../../../rules", import.meta.url))));
/** The rules of rules/*.yaml, compiled as the engine uses them (without their examples). */
export const builtinRules = compileRules(rules.map(({ examples: _examples, ...rule }) => rule));

/** The built-in rule ids. */
export const TABLE = "no-cloud-provider-integrations-table";
export const WRITE = "no-integration-status-write";
export const READ = "no-integration-status-read";
export const SERVICE = "no-service-role-client-for-integrations";
export const SAVE = "no-save-integration-status-function";

/** `line ruleId` of each finding of a Python document, in source order; no syntax note allowed. */
export async function pythonFindings(text: string, path = "m.py"): Promise<string[]> {
  const result = await checkWithBuiltinRules(path, text, "python");
  if (result.notes.length > 0) throw new Error(`unexpected note: ${result.notes[0]!.message}`);
  return result.findings.map((f) => `${f.line} ${f.ruleId}`);
}

/** One document through the engine with the built-in rules. */
export function checkWithBuiltinRules(path: string, text: string, language: LanguageId): Promise<CheckResult> {
  return checkDocument({ path, text, language }, builtinRules);
}

/** `table read cloud_provider_integrations "public.cloud_provider_integrations"` style rows. */
export function describeFacts(text: string, facts: readonly Fact[], kinds: readonly Fact["kind"][] = ["table", "column"]): string[] {
  return facts
    .filter((f): f is NamedFact => kinds.includes(f.kind) && "name" in f)
    .map((f) => {
      const name = Array.isArray(f.name) ? f.name.map((n) => n.split(NAME_HOLE).join("*")).join("|") : f.name;
      const access = "access" in f ? ` ${f.access}` : "";
      return `${f.kind}${access} ${name} ${JSON.stringify(text.slice(f.span.start, f.span.end))}`;
    });
}

/** 1-based line of an offset. */
export function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split("\n").length;
}

/** Facts that carry a name (tables, columns, function definitions and calls). */
type NamedFact = Extract<Fact, { name: unknown }>;
