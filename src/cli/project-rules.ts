/**
 * The one place the authoring commands (test-rules, explain, rules new) get a project's rules:
 * the packs named in `.integration-guard/config.yaml` (default: the built-in pack) plus
 * `.integration-guard/rules/`, with the config's per-rule grades applied (off drops a rule,
 * warn/block re-grade it). Rules come with their examples (test-rules runs them).
 *
 * TEMPORARY: a minimal loader written for the authoring branch. The project-rules loader of the
 * hook, lint and daemon (issue 12, rules-engine) replaces the body of `loadProjectRules` at merge;
 * the commands depend only on the interface below.
 */
import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { builtFile } from "../core/dist-files.js";
import { loadRuleDirectory, RuleFileError } from "../rules/load.js";
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
  const problems: string[] = [];
  const config = await readConfig(join(root, PROJECT_CONFIG), problems);
  const dirs = (config.packs ?? ["builtin"]).map((pack) => (pack === "builtin" ? builtinRulesDir() : resolve(root, pack)));
  const own = join(root, PROJECT_RULES_DIR);
  if (existsSync(own) && readdirSync(own).some((name) => /\.(ya?ml|json)$/.test(name))) dirs.push(own);

  const rules: Rule[] = [];
  const files = new Map<string, string>();
  for (const dir of dirs) {
    let loaded;
    try {
      loaded = await loadRuleDirectory(dir);
    } catch (error) {
      if (!(error instanceof RuleFileError)) throw error;
      problems.push(...error.problems);
      continue;
    }
    for (const rule of loaded.rules) {
      const file = loaded.files.get(rule.id)!;
      const previous = files.get(rule.id);
      if (previous) {
        problems.push(`${file}: id: "${rule.id}" is already defined in ${previous}`);
        continue;
      }
      files.set(rule.id, file);
      const grade = config.rules?.[rule.id];
      if (grade === "off") continue;
      rules.push(grade ? { ...rule, severity: grade, match: rule.match.map(({ severity: _, ...m }) => m as Rule["match"][number]) } : rule);
    }
  }
  for (const id of Object.keys(config.rules ?? {})) {
    if (!files.has(id)) problems.push(`${join(root, PROJECT_CONFIG)}: rules.${id}: no rule has this id`);
  }
  return { rules, files, problems };
}

interface ProjectConfig {
  packs?: string[];
  rules?: Record<string, "off" | "warn" | "block">;
}

async function readConfig(file: string, problems: string[]): Promise<ProjectConfig> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return {};
  }
  let data: unknown;
  try {
    data = (await import("yaml")).parse(text, { strict: true, uniqueKeys: true }) ?? {};
  } catch (error) {
    problems.push(`${file}: not valid YAML: ${String((error as Error).message).split("\n")[0]}`);
    return {};
  }
  const config: ProjectConfig = {};
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    problems.push(`${file}: (root): expected a mapping with packs and rules`);
    return config;
  }
  for (const [key, value] of Object.entries(data)) {
    if (key === "packs" && Array.isArray(value) && value.every((p) => typeof p === "string" && p !== "")) config.packs = value;
    else if (key === "packs") problems.push(`${file}: packs: expected a list of folders or "builtin"`);
    else if (key === "rules" && typeof value === "object" && value !== null && !Array.isArray(value)) {
      config.rules = {};
      for (const [id, grade] of Object.entries(value)) {
        if (grade === "off" || grade === "warn" || grade === "block") config.rules[id] = grade;
        else problems.push(`${file}: rules.${id}: expected off, warn or block`);
      }
    } else if (key === "rules") problems.push(`${file}: rules: expected a mapping of rule id to off, warn or block`);
    else problems.push(`${file}: (root): unknown key "${key}"`);
  }
  return config;
}
