/**
 * Reads rule files from a directory (one rule per .yaml/.yml/.json file), validates each with the
 * strict schema, and reports every problem with the file and field. Not on the hook's hot path:
 * the built-in rules are compiled to dist/rules.json at build time (see builtin.ts).
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { compileRule, RuleCompileError } from "./compile.js";
import { fileGlobProblems } from "./match/file-glob.js";
import { patternTemplateProblems } from "./pattern-templates.js";
import { RULE_FILE } from "./project-files.js";
import { formatSchemaIssues, type Rule, RuleSchema } from "./schema.js";

export interface LoadedRules {
  rules: Rule[];
  /** Where each rule came from, by id (test-rules and error messages name the file). */
  files: Map<string, string>;
}

/** A rule as its file writes it (examples included), and that file. */
export interface RuleSource {
  rule: Rule;
  file: string;
}

/** Each loaded rule with its file, in load order. */
export function sourcesOf({ rules, files }: LoadedRules): RuleSource[] {
  return rules.map((rule) => ({ rule, file: files.get(rule.id)! }));
}

export class RuleFileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "RuleFileError";
  }
}

export async function loadRuleDirectory(dir: string): Promise<LoadedRules> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => RULE_FILE.test(n)).sort();
  } catch (error) {
    throw new RuleFileError([`${dir}: cannot read the rules directory (${(error as Error).message})`]);
  }
  if (names.length === 0) throw new RuleFileError([`${dir}: no rule files (*.yaml, *.yml, *.json)`]);

  const rules: Rule[] = [];
  const files = new Map<string, string>();
  const problems: string[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const result = await parseRuleText(file, await readFile(file, "utf8"));
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    const previous = files.get(result.rule.id);
    if (previous) {
      problems.push(`${file}: id: "${result.rule.id}" is already defined in ${previous}`);
      continue;
    }
    files.set(result.rule.id, file);
    rules.push(result.rule);
  }
  if (problems.length > 0) throw new RuleFileError(problems);
  return { rules, files };
}

export type ParsedRule = { ok: true; rule: Rule } | { ok: false; problems: string[] };

export async function parseRuleText(file: string, text: string): Promise<ParsedRule> {
  let data: unknown;
  try {
    // `yaml` is loaded on demand: only rule authoring and test-rules need it.
    data = file.endsWith(".json")
      ? JSON.parse(text)
      : (await import("yaml")).parse(text, { strict: true, uniqueKeys: true });
  } catch (error) {
    return { ok: false, problems: [`${file}: not valid ${file.endsWith(".json") ? "JSON" : "YAML"}: ${firstLine(error)}`] };
  }
  const parsed = RuleSchema.safeParse(data);
  if (!parsed.success) return { ok: false, problems: formatSchemaIssues(file, parsed.error) };
  // What the schema cannot see: regular expressions and globs that do not compile.
  try {
    compileRule(parsed.data);
  } catch (error) {
    if (!(error instanceof RuleCompileError)) throw error;
    return { ok: false, problems: error.problems.map((problem) => `${file}: ${problem}`) };
  }
  const globProblems = fileGlobProblems(parsed.data);
  if (globProblems.length > 0) return { ok: false, problems: globProblems.map((problem) => `${file}: ${problem}`) };
  const templateProblems = await patternTemplateProblems(parsed.data);
  if (templateProblems.length > 0) return { ok: false, problems: templateProblems.map((problem) => `${file}: ${problem}`) };
  return { ok: true, rule: parsed.data };
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split("\n")[0] ?? "";
}
