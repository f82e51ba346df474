/**
 * The one place the authoring commands (test-rules, explain, rules new) get a project's rules:
 * the packs named in `.integration-guard/config.yaml` (default: the built-in pack) plus
 * `.integration-guard/rules/`, with the config's per-rule grades applied (off drops a rule,
 * warn/block re-grade it). Rules come with their examples (test-rules runs them).
 *
 * The rules are exactly the hook's (rules/project.ts); their examples are read again from each
 * rule's file, since the hook's loader keeps compiled rules only.
 */
import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, join } from "node:path";
import { builtFile } from "../core/dist-files.js";
import { loadRuleDirectory, parseRuleText } from "../rules/load.js";
import { loadProjectRules as loadHookRules } from "../rules/project.js";
import type { Rule } from "../rules/schema.js";

export interface ProjectRules {
  /** Every valid rule the hook would use, config grades applied, with its examples. */
  rules: Rule[];
  /** The file each rule came from, by id. */
  files: Map<string, string>;
  /** Bad rule or config files, one line each: "<file>: <field>: <what is wrong>". */
  problems: string[];
}

/** Where a project keeps its own rules and its config, relative to the project root. */
export const PROJECT_RULES_DIR = ".integration-guard/rules";
export const PROJECT_CONFIG = ".integration-guard/config.yaml";

/** The package's own rules/ (with examples), beside its dist/. */
export function builtinRulesDir(): string {
  return join(dirname(builtFile("rules.json")), "..", "rules");
}

export async function loadProjectRules(root: string): Promise<ProjectRules> {
  const project = await loadHookRules(root);
  const files = new Map<string, string>();
  const rules: Rule[] = [];
  let builtin: Map<string, string> | undefined;
  for (const compiled of project.rules) {
    const shown = project.files.get(compiled.id)!;
    if (shown === "(built-in)") builtin ??= (await loadRuleDirectory(builtinRulesDir())).files;
    const file = shown === "(built-in)" ? builtin!.get(compiled.id)! : isAbsolute(shown) ? shown : join(root, shown);
    const parsed = await parseRuleText(file, await readFile(file, "utf8"));
    if (!parsed.ok) continue;
    files.set(compiled.id, file);
    // config.yaml re-grades: the compiled rule's severities are the ones the hook uses.
    const match = parsed.rule.match.map((m, i) => {
      const severity = compiled.matchers[i]?.severity;
      return severity === undefined || severity === compiled.severity ? { ...m, severity: undefined } : { ...m, severity };
    });
    rules.push({ ...parsed.rule, severity: compiled.severity, match });
  }
  return { rules, files, problems: project.problems };
}
