/**
 * A project's rules (docs/rules.md "Project rules"): the built-in pack, the packs config.yaml
 * names and `.integration-guard/rules/`, merged; built-in rules turned off or re-graded by
 * config.yaml. Used by the hook, lint, the daemon, install and doctor (loadProjectRules), and by
 * the authoring commands, which also need each rule's examples and file (loadProjectRuleSources).
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
import { builtinRuleFilesDir, loadBuiltinDefinitions, loadBuiltinRules } from "./builtin.js";
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
import type { RuleSource } from "./load.js";
import type { Rule, RuleDefinition } from "./schema.js";

export { PROJECT_FOLDER } from "./project-files.js";
export type { RuleSource } from "./load.js";

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

/** What the authoring commands (test-rules, explain, rules new) need: the hook's rules, and where each came from. */
export interface ProjectRuleSources extends ProjectRules {
  /** The rules of `rules`, in that order, as written (config.yaml's grades applied), with their files (absolute). */
  sources: RuleSource[];
}

const BUILTIN_FILE = "(built-in)";

let builtinOnly: ProjectRules | undefined;

/** The project's rules, or the built-in pack when it has no `.integration-guard` folder. */
export async function loadProjectRules(root: string, env: NodeJS.ProcessEnv = process.env): Promise<ProjectRules> {
  const folder = projectFolder(root);
  if (!folder) {
    // Built directly, not merged: this is every edit's path in a project without rules of its own.
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
  const rules = hookView(mergeProject(parsed, compiledBuiltins()));
  if (loaded.size >= MAX_PROJECTS) loaded.clear();
  loaded.set(root, { parsed, rules });
  return rules;
}

/**
 * loadProjectRules with each rule's definition, examples and file: the same files, checks and
 * merge, but every rule file is parsed again (YAML and schema, with its examples), and the
 * built-in pack is read from the package's rules/*.yaml (dist/rules.json has no examples).
 * For the commands a person runs, never for the hook.
 */
export async function loadProjectRuleSources(root: string, env: NodeJS.ProcessEnv = process.env): Promise<ProjectRuleSources> {
  const folder = projectFolder(root);
  const parsed = folder ? await parseProjectWithExamples(root, folder, env) : emptyProject<Rule>(root);
  const builtin = parsed.config.builtin ? await builtinsWithExamples() : [];
  return mergeProject(parsed, builtin);
}

/** Projects loaded by this process (the daemon serves several). */
const loaded = new Map<string, { parsed: ParsedProject; rules: ProjectRules }>();
const MAX_PROJECTS = 16;

async function parseProject(root: string, folder: string, previous: ParsedProject | undefined, env: NodeJS.ProcessEnv): Promise<ParsedProject> {
  const { texts, ...project } = await readProject(root, folder);
  // Touched but unchanged (a checkout, a save without edits): the parsed files still hold.
  const files = previous?.content === project.content ? previous.files : withoutExamples(await parseRuleFiles(texts));
  writeCachedProject({ ...project, files }, env);
  return { version: 1, ...project, files };
}

async function parseProjectWithExamples(root: string, folder: string, env: NodeJS.ProcessEnv): Promise<ParsedProject<Rule>> {
  const { texts, ...project } = await readProject(root, folder);
  const files = await parseRuleFiles(texts);
  writeCachedProject({ ...project, files: withoutExamples(files) }, env);
  return { version: 1, ...project, files };
}

/** config.yaml (parsed) and the text of every rule file of the project's folder and packs. */
async function readProject(root: string, folder: string) {
  const configFile = join(folder, CONFIG_FILE);
  const configText = readText(configFile);
  const config = configText === undefined ? DEFAULT_CONFIG : await parseConfig(configFile, configText, root);
  // Stamps first: a file changed while we read it gets a new stamp, so the next call reads it again.
  const stamps = stampsOf(folder, config.packDirs);
  const texts = ruleFolders(folder, config.packDirs).flatMap(ruleFilesIn).map((file) => ({ file, text: readText(file) ?? "" }));
  const hash = createHash("sha256").update(configText ?? "").update("\0");
  for (const { file, text } of texts) hash.update(`${file}\0${text}\0`);
  return { root, stamps, content: hash.digest("hex"), config, texts };
}

/** A project without a `.integration-guard` folder: the built-in pack alone. */
function emptyProject<R extends RuleDefinition>(root: string): ParsedProject<R> {
  return { version: 1, root, stamps: "", content: "", config: DEFAULT_CONFIG, files: [] };
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

/** Each file's rule (validated as load.ts does for every rule file, examples kept) or its problems. */
async function parseRuleFiles(texts: readonly { file: string; text: string }[]): Promise<ParsedRuleFile<Rule>[]> {
  const { parseRuleText } = await import("./load.js");
  return Promise.all(
    texts.map(async ({ file, text }) => {
      const result = await parseRuleText(file, text);
      if (!result.ok) return { file, problems: result.problems.map((p) => (p.startsWith(`${file}: `) ? p.slice(file.length + 2) : p)) };
      return { file, rule: result.rule, problems: [], needles: compileRule(result.rule).needles };
    }),
  );
}

/** What the hook keeps and caches: the examples only test-rules runs are dropped. */
function withoutExamples(files: readonly ParsedRuleFile<Rule>[]): ParsedRuleFile[] {
  return files.map(({ rule, ...file }) => {
    if (!rule) return file;
    const { examples: _examples, ...definition } = rule;
    return { ...file, rule: definition };
  });
}

/** One rule on its way into a project's set: what it says, where it came from, compiled when already known. */
interface Candidate<R extends RuleDefinition> {
  rule: R;
  /** Absolute; BUILTIN_FILE for dist/rules.json. */
  file: string;
  builtin: boolean;
  compiled?: CompiledRule;
}

/** The hook's built-in pack: dist/rules.json, compiled once per process. */
function compiledBuiltins(): Candidate<RuleDefinition>[] {
  const compiled = loadBuiltinRules();
  return loadBuiltinDefinitions().map((rule, index) => ({ rule, file: BUILTIN_FILE, builtin: true, compiled: compiled[index] }));
}

/** The built-in pack as its files write it (the package's rules/*.yaml), examples included. */
async function builtinsWithExamples(): Promise<Candidate<Rule>[]> {
  const { loadRuleDirectory, sourcesOf } = await import("./load.js");
  return sourcesOf(await loadRuleDirectory(builtinRuleFilesDir())).map((source) => ({ ...source, builtin: true }));
}

/** Built-in pack + packs + project rules: duplicates and unknown grades are problems, never fatal. */
function mergeProject<R extends RuleDefinition>(parsed: ParsedProject<R>, builtin: readonly Candidate<R>[]): ProjectRules & { sources: { rule: R; file: string }[] } {
  const shown = (file: string) => relative(parsed.root, file) || file;
  const configFile = shown(join(parsed.root, ".integration-guard", CONFIG_FILE));
  const problems = parsed.config.problems.map((p) => `${configFile}: ${p}`);
  const files = new Map<string, string>();
  const candidates: Candidate<R>[] = [];
  const add = (candidate: Candidate<R>) => {
    files.set(candidate.rule.id, candidate.builtin ? BUILTIN_FILE : shown(candidate.file));
    candidates.push(candidate);
  };
  if (parsed.config.builtin) builtin.forEach(add);
  let projectRuleCount = 0;
  for (const file of parsed.files) {
    problems.push(...file.problems.map((p) => `${shown(file.file)}: ${p}`));
    if (!file.rule) continue;
    const previous = files.get(file.rule.id);
    if (previous !== undefined) {
      problems.push(`${shown(file.file)}: id: "${file.rule.id}" is already defined in ${previous === BUILTIN_FILE ? `the built-in pack (rules/${file.rule.id}.yaml)` : previous}`);
      continue;
    }
    add({ rule: file.rule, file: file.file, builtin: false });
    projectRuleCount++;
  }
  const rules: CompiledRule[] = [];
  const sources: { rule: R; file: string }[] = [];
  for (const candidate of candidates) {
    const grade = parsed.config.grades[candidate.rule.id];
    if (grade === "off") continue;
    const rule = grade === undefined ? candidate.rule : regrade(candidate.rule, grade);
    rules.push(grade === undefined && candidate.compiled ? candidate.compiled : compileRule(rule));
    sources.push({ rule, file: candidate.file });
  }
  for (const id of Object.keys(parsed.config.grades)) {
    if (!files.has(id)) problems.push(`${configFile}: rules.${id}: no loaded rule has this id`);
  }
  // A folder that adds and changes nothing runs exactly the built-in pack (the daemon's helper thread too).
  const unchanged = parsed.files.length === 0 && parsed.config.builtin && Object.keys(parsed.config.grades).length === 0 && problems.length === 0;
  return { rules, problems, key: unchanged ? "builtin" : parsed.content, files, projectRuleCount, sources };
}

/** The hook's view: the compiled rules (the definitions stay with the parsed files). */
function hookView({ sources: _sources, ...rules }: ProjectRules & { sources: unknown }): ProjectRules {
  return rules;
}

/** A re-graded rule reports at that severity everywhere (its matchers' own severities included). */
function regrade<R extends RuleDefinition>(rule: R, severity: "warn" | "block"): R {
  return { ...rule, severity, match: rule.match.map((m) => (m.severity === undefined ? m : { ...m, severity })) };
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
