/**
 * A project's rules (docs/rules.md "Project rules"): the built-in pack, the packs config.yaml
 * names and `.integration-guard/rules/`, merged; built-in rules turned off or re-graded by
 * config.yaml. Used by the hook, lint, the daemon, install and doctor.
 *
 * Never all-or-nothing: a bad rule file is reported (file and field) and every valid rule still
 * runs. The hook tells the agent (see hook/run.ts), lint and test-rules exit 2.
 *
 * Cost: no `.integration-guard` folder is one failed stat. Otherwise the parsed files are reused
 * while their stamps hold (in this process, then from the user's cache: project-files.ts), so the
 * daemon and the in-process hook parse YAML only after a rule file changed.
 */
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { loadBuiltinRules } from "./builtin.js";
import { type CompiledRule, compileRule } from "./compile.js";
import {
  CONFIG_FILE,
  type ParsedConfig,
  type ParsedProject,
  type ParsedRuleFile,
  projectFolder,
  readCachedProject,
  ruleFilesIn,
  ruleFolders,
  stampsOf,
  writeCachedProject,
} from "./project-files.js";

export { PROJECT_FOLDER } from "./project-files.js";

export interface ProjectRules {
  rules: CompiledRule[];
  /** "file: field: message" per problem (bad files, duplicate ids, unknown ids in config.yaml). */
  problems: string[];
  /** Identifies this rule set: "builtin" without a project folder, else a hash of the rule files' content. */
  key: string;
  /** Where each rule came from, by id ("(built-in)" for the pack). */
  files: Map<string, string>;
  /** Rules loaded from the project's own folder and packs (valid ones). */
  projectRuleCount: number;
}

const BUILTIN_FILE = "(built-in)";

let builtinOnly: ProjectRules | undefined;

/** The project's rules, or the built-in pack when it has no `.integration-guard` folder. */
export async function loadProjectRules(root: string, env: NodeJS.ProcessEnv = process.env): Promise<ProjectRules> {
  const folder = projectFolder(root);
  if (!folder) {
    builtinOnly ??= {
      rules: loadBuiltinRules(),
      problems: [],
      key: "builtin",
      files: new Map(loadBuiltinRules().map((r) => [r.id, BUILTIN_FILE])),
      projectRuleCount: 0,
    };
    return builtinOnly;
  }
  const known = loaded.get(root);
  if (known && known.parsed.stamps === stampsOf(folder, known.parsed.config.packDirs)) return known.rules;
  const cached = readCachedProject(root, env);
  const parsed = cached && cached.stamps === stampsOf(folder, cached.config.packDirs) ? cached : await parseProject(root, folder, cached, env);
  const rules = mergeProject(parsed);
  if (loaded.size >= MAX_PROJECTS) loaded.clear();
  loaded.set(root, { parsed, rules });
  return rules;
}

/** Projects loaded by this process (the daemon serves several). */
const loaded = new Map<string, { parsed: ParsedProject; rules: ProjectRules }>();
const MAX_PROJECTS = 16;

async function parseProject(root: string, folder: string, previous: ParsedProject | undefined, env: NodeJS.ProcessEnv): Promise<ParsedProject> {
  const configFile = join(folder, CONFIG_FILE);
  const configText = readText(configFile);
  const config = configText === undefined ? DEFAULT_CONFIG : await parseConfig(configFile, configText, root);
  // Stamps first: a file changed while we read it gets a new stamp, so the next call reads it again.
  const stamps = stampsOf(folder, config.packDirs);
  const texts = ruleFolders(folder, config.packDirs).flatMap(ruleFilesIn).map((file) => ({ file, text: readText(file) ?? "" }));
  const hash = createHash("sha256").update(configText ?? "").update("\0");
  for (const { file, text } of texts) hash.update(`${file}\0${text}\0`);
  const content = hash.digest("hex");
  // Touched but unchanged (a checkout, a save without edits): the parsed files still hold.
  const files = previous?.content === content ? previous.files : await Promise.all(texts.map(({ file, text }) => parseRuleFile(file, text)));
  const parsed = { root, stamps, content, config, files };
  writeCachedProject(parsed, env);
  return { version: 1, ...parsed };
}

const DEFAULT_CONFIG: ParsedConfig = { builtin: true, packDirs: [], grades: {}, problems: [] };

async function parseConfig(file: string, text: string, root: string): Promise<ParsedConfig> {
  const { ProjectConfigSchema } = await import("./project-config.js");
  const { formatSchemaIssues } = await import("./schema.js");
  let data: unknown;
  try {
    data = (await import("yaml")).parse(text, { strict: true, uniqueKeys: true }) ?? {};
  } catch (error) {
    return { ...DEFAULT_CONFIG, problems: [`(root): not valid YAML: ${firstLine(error)}`] };
  }
  const result = ProjectConfigSchema.safeParse(data);
  if (!result.success) return { ...DEFAULT_CONFIG, problems: formatSchemaIssues("", result.error).map((p) => p.replace(/^: /, "")) };
  const packs = result.data.packs ?? ["builtin"];
  // A pack that is not there (a typo, a clone elsewhere) would drop a team's rules without a word.
  const problems = packs.flatMap((p, index) => (p !== "builtin" && !isFolder(isAbsolute(p) ? p : resolve(root, p)) ? [`packs.${index}: no such folder: ${p}`] : []));
  return {
    builtin: packs.includes("builtin"),
    packDirs: packs.filter((p) => p !== "builtin").map((p) => (isAbsolute(p) ? p : resolve(root, p))),
    grades: result.data.rules ?? {},
    problems,
  };
}

async function parseRuleFile(file: string, text: string): Promise<ParsedRuleFile> {
  const { parseRuleText } = await import("./load.js");
  const result = await parseRuleText(file, text);
  if (!result.ok) return { file, problems: result.problems.map((p) => (p.startsWith(`${file}: `) ? p.slice(file.length + 2) : p)) };
  const { examples: _examples, ...rule } = result.rule;
  return { file, rule, problems: [], needles: compileRule(rule).needles };
}

/** Built-in pack + packs + project rules: duplicates and unknown grades are problems, never fatal. */
function mergeProject(parsed: ParsedProject): ProjectRules {
  const shown = (file: string) => relative(parsed.root, file) || file;
  const configFile = shown(join(parsed.root, ".integration-guard", CONFIG_FILE));
  const problems = parsed.config.problems.map((p) => `${configFile}: ${p}`);
  const files = new Map<string, string>();
  const rules: CompiledRule[] = [];
  if (parsed.config.builtin) {
    for (const rule of loadBuiltinRules()) {
      files.set(rule.id, BUILTIN_FILE);
      rules.push(rule);
    }
  }
  let projectRuleCount = 0;
  for (const file of parsed.files) {
    problems.push(...file.problems.map((p) => `${shown(file.file)}: ${p}`));
    if (!file.rule) continue;
    const previous = files.get(file.rule.id);
    if (previous !== undefined) {
      problems.push(`${shown(file.file)}: id: "${file.rule.id}" is already defined in ${previous === BUILTIN_FILE ? `the built-in pack (rules/${file.rule.id}.yaml)` : previous}`);
      continue;
    }
    files.set(file.rule.id, shown(file.file));
    rules.push(compileRule(file.rule));
    projectRuleCount++;
  }
  const graded: CompiledRule[] = [];
  for (const rule of rules) {
    const grade = parsed.config.grades[rule.id];
    if (grade === "off") continue;
    graded.push(grade === undefined ? rule : regrade(rule, grade));
  }
  for (const id of Object.keys(parsed.config.grades)) {
    if (!files.has(id)) problems.push(`${configFile}: rules.${id}: no loaded rule has this id`);
  }
  // A folder that adds and changes nothing runs exactly the built-in pack (the daemon's helper thread too).
  const unchanged = parsed.files.length === 0 && parsed.config.builtin && Object.keys(parsed.config.grades).length === 0 && problems.length === 0;
  return { rules: graded, problems, key: unchanged ? "builtin" : parsed.content, files, projectRuleCount };
}

/** A re-graded rule reports at that severity everywhere (its matchers' own severities included). */
function regrade(rule: CompiledRule, severity: "warn" | "block"): CompiledRule {
  return { ...rule, severity, matchers: rule.matchers.map((m) => ({ ...m, severity })) };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split("\n")[0] ?? "";
}
