/**
 * Where a project's rules live and how we know they changed, without YAML or zod: the hook's
 * fast path (src/hook/fast-path.ts) uses this module alone.
 *
 *   <root>/.integration-guard/config.yaml      packs and per-rule grades (optional)
 *   <root>/.integration-guard/rules/*.yaml     the project's rules, one per file
 *   <pack>/*.yaml                              packs named in config.yaml
 *
 * Parsed project rules are cached in the user's cache dir (one JSON file per project root), keyed
 * by the files' stamps (path, mtime, size: cheap) and, when those change, by their content. So a
 * hook call parses no YAML unless a rule file changed, and an edited rule applies on the next call.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { RuleDefinition } from "./schema.js";

export const PROJECT_FOLDER = ".integration-guard";
export const CONFIG_FILE = "config.yaml";
export const RULES_FOLDER = "rules";
export const RULE_FILE = /\.(ya?ml|json)$/;
const CACHE_VERSION = 1;

/** The project's `.integration-guard` folder, or undefined when it has none (one stat). */
export function projectFolder(root: string): string | undefined {
  const folder = join(root, PROJECT_FOLDER);
  try {
    return statSync(folder).isDirectory() ? folder : undefined;
  } catch {
    return undefined;
  }
}

/** Rule files of a folder, sorted; [] when it does not exist. */
export function ruleFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => RULE_FILE.test(name))
      .sort()
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}

/** The folders whose rule files a project loads: its packs (absolute) and its own rules folder. */
export function ruleFolders(folder: string, packDirs: readonly string[]): string[] {
  return [...packDirs, join(folder, RULES_FOLDER)];
}

/**
 * path, mtime and size of the config and of every rule file: changes when any of them does. A
 * plain string, not a digest: the hook's entry should not load node:crypto for it.
 */
export function stampsOf(folder: string, packDirs: readonly string[]): string {
  const stamps: string[] = [];
  for (const file of [join(folder, CONFIG_FILE), ...ruleFolders(folder, packDirs).flatMap(ruleFilesIn)]) {
    try {
      const stat = statSync(file);
      stamps.push(`${file}\0${stat.mtimeMs}\0${stat.size}`);
    } catch {
      stamps.push(`${file}\0-`);
    }
  }
  return stamps.join("\n");
}

/**
 * One project rule file as parsed: its rule or its problems. The hook's (and the cache's) rules
 * have their examples dropped (RuleDefinition); the authoring commands' keep them (Rule).
 */
export interface ParsedRuleFile<R extends RuleDefinition = RuleDefinition> {
  file: string;
  rule?: R;
  /** "field: message" lines, without the file. */
  problems: string[];
  /** The rule's needles (compile.ts), for the fast path; null: always check. */
  needles?: string[] | null;
}

/** config.yaml as parsed. */
export interface ParsedConfig {
  /** "builtin" is in the packs (the default). */
  builtin: boolean;
  /** Absolute pack folders, in the order written. */
  packDirs: string[];
  grades: Record<string, "off" | "warn" | "block">;
  /** "field: message" lines of config.yaml. */
  problems: string[];
}

/** What is cached per project: everything parsed, nothing merged (the built-in pack may change). */
export interface ParsedProject<R extends RuleDefinition = RuleDefinition> {
  version: number;
  root: string;
  stamps: string;
  /** A hash of every file's path and content: the daemon's memo key for these rules. */
  content: string;
  config: ParsedConfig;
  files: ParsedRuleFile<R>[];
}

function cacheFile(root: string, env: NodeJS.ProcessEnv): string | undefined {
  const base = env.XDG_CACHE_HOME || (homedir() ? join(homedir(), ".cache") : undefined);
  if (!base) return undefined;
  return join(base, "integration-guard", "project-rules", `${fnv1a(root, 0x811c9dc5)}${fnv1a(root, 0x01000193)}.json`);
}

/** A file name per project root (the cache checks `root` inside, so a collision is only a miss). */
function fnv1a(text: string, seed: number): string {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, "0");
}

export function readCachedProject(root: string, env: NodeJS.ProcessEnv = process.env): ParsedProject | undefined {
  const file = cacheFile(root, env);
  if (!file) return undefined;
  try {
    const cached = JSON.parse(readFileSync(file, "utf8")) as ParsedProject;
    return cached.version === CACHE_VERSION && cached.root === root ? cached : undefined;
  } catch {
    return undefined;
  }
}

/** Best effort (a read-only home only costs a re-parse next time); written whole, then renamed. */
export function writeCachedProject(parsed: Omit<ParsedProject, "version">, env: NodeJS.ProcessEnv = process.env): void {
  const file = cacheFile(parsed.root, env);
  if (!file) return;
  try {
    mkdirSync(join(file, ".."), { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify({ version: CACHE_VERSION, ...parsed }), { mode: 0o600 });
    renameSync(temp, file);
  } catch {
    // Not cached: the next call parses again.
  }
}

/**
 * The fast path's view of a project's rules: undefined when the project has no rules folder (one
 * failed stat), null when their needles are not known cheaply (no cache, a file changed, a rule
 * file with problems: the full path must load and report them), else the project rules' needles.
 */
export function cachedProjectNeedles(root: string, env: NodeJS.ProcessEnv = process.env): { needles: string[] | null }[] | null | undefined {
  const folder = projectFolder(root);
  if (!folder) return undefined;
  const cached = readCachedProject(root, env);
  if (!cached || cached.stamps !== stampsOf(folder, cached.config.packDirs)) return null;
  if (cached.config.problems.length > 0 || cached.files.some((f) => f.problems.length > 0)) return null;
  return cached.files.map((f) => ({ needles: f.needles ?? null }));
}
