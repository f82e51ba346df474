/**
 * Which file of the project an import names, and the text pre-check across imports. Light on
 * purpose (fs and path only, no parser): the hook's fast path and the engine's pre-check load it
 * for every TS/JS edit.
 *
 * Resolution: relative specifiers (`./tables`, `../db/index.js` -> `.ts`), and aliases from the
 * nearest tsconfig.json / jsconfig.json `compilerOptions.paths` (with `baseUrl`), plus the
 * conventional `@/` and `~/` (-> `src/` or the project root). Packages are never followed: their
 * files hold types and vendor code, not the project's constants.
 */
import { statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { importedTextsMayMatch, readModuleText, resolutionCache } from "../module-files.js";

export { readModuleText } from "../module-files.js";

const EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/** `import ... from "x"`, `export ... from "x"`, `import("x")`, `require("x")`: the specifiers. */
const SPECIFIER = /\b(?:from|import|require)\s*\(?\s*["']([^"'\n]+)["']/g;

export function importSpecifiers(text: string): string[] {
  const out = new Set<string>();
  for (const match of text.matchAll(SPECIFIER)) out.add(match[1]!);
  return [...out];
}

/** The file an import specifier names, from the importing file, or undefined (a package, not found). */
export const resolveModulePath: (specifier: string, fromFile: string) => string | undefined = resolutionCache(resolveUncached, (path) => path);

function resolveUncached(specifier: string, fromFile: string): string | undefined {
  for (const target of moduleTargets(specifier, fromFile)) {
    const found = withExtension(target);
    if (found) return found;
  }
  return undefined;
}

/**
 * Where a relative or aliased specifier points, in the order resolution tries them (absolute
 * paths, without extension; the files need not exist): the path next to the importing file, each
 * tsconfig `paths` target, then the conventional `@/` and `~/` (-> `src/`, the project root).
 * Empty for packages. `catchAll: false` leaves out a `"*"` pattern, which maps every package too
 * (`react` -> `src/react`): only a file found there says the specifier was the project's.
 */
export function moduleTargets(specifier: string, fromFile: string, catchAll = true): string[] {
  if (specifier.startsWith(".")) return [resolve(dirname(fromFile), specifier)];
  if (isAbsolute(specifier)) return [];
  const config = projectConfig(dirname(fromFile));
  if (!config) return [];
  const targets: string[] = [];
  for (const [pattern, replacements] of config.paths) {
    if (!catchAll && pattern === "*") continue;
    const star = pattern.indexOf("*");
    let rest: string | undefined;
    if (star < 0) rest = specifier === pattern ? "" : undefined;
    else if (specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1))) {
      rest = specifier.slice(star, specifier.length - (pattern.length - star - 1));
    }
    if (rest === undefined) continue;
    for (const target of replacements) targets.push(resolve(config.baseDir, target.replace("*", rest)));
  }
  // The conventional aliases, when tsconfig does not say otherwise.
  if (specifier.startsWith("@/") || specifier.startsWith("~/")) {
    for (const base of [join(config.root, "src"), config.root]) targets.push(resolve(base, specifier.slice(2)));
  }
  return targets;
}

/** `./tables` -> `./tables.ts` or `./tables/index.ts`; `./x.js` -> `./x.ts` (NodeNext style). */
function withExtension(base: string): string | undefined {
  const candidates = [base];
  const js = /\.(m|c)?jsx?$/.exec(base);
  if (js) {
    const stem = base.slice(0, -js[0].length);
    candidates.push(`${stem}.${js[1] ?? ""}ts`, `${stem}.tsx`);
  }
  for (const ext of EXTENSIONS) candidates.push(base + ext);
  for (const ext of EXTENSIONS) candidates.push(join(base, `index${ext}`));
  for (const candidate of candidates) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next
    }
  }
  return undefined;
}

interface ProjectConfig {
  /** The folder of the tsconfig / jsconfig (or of package.json when there is none). */
  root: string;
  /** `baseUrl`, or the config's folder: `paths` targets are relative to it. */
  baseDir: string;
  paths: [string, string[]][];
}

const configs = new Map<string, ProjectConfig | undefined>();

/** The nearest tsconfig.json / jsconfig.json (or package.json) above a folder, cached per folder. */
function projectConfig(dir: string): ProjectConfig | undefined {
  if (configs.has(dir)) return configs.get(dir);
  let found: ProjectConfig | undefined;
  for (const name of ["tsconfig.json", "jsconfig.json"]) {
    const text = readModuleText(join(dir, name));
    if (text !== undefined) {
      found = parseConfig(dir, text);
      break;
    }
  }
  if (!found && readModuleText(join(dir, "package.json")) !== undefined) found = { root: dir, baseDir: dir, paths: [] };
  if (!found) {
    const parent = dirname(dir);
    found = parent === dir ? undefined : projectConfig(parent);
  }
  configs.set(dir, found);
  return found;
}

function parseConfig(dir: string, text: string): ProjectConfig {
  let options: { baseUrl?: unknown; paths?: unknown } = {};
  try {
    options = (JSON.parse(withoutJsonComments(text)) as { compilerOptions?: typeof options }).compilerOptions ?? {};
  } catch {
    // A tsconfig we cannot read: the conventional aliases still work.
  }
  const baseDir = typeof options.baseUrl === "string" ? resolve(dir, options.baseUrl) : dir;
  const paths: [string, string[]][] = [];
  if (options.paths && typeof options.paths === "object") {
    for (const [pattern, targets] of Object.entries(options.paths as Record<string, unknown>)) {
      if (Array.isArray(targets)) paths.push([pattern, targets.filter((t): t is string => typeof t === "string")]);
    }
  }
  return { root: dir, baseDir, paths };
}

/** tsconfig is JSONC: drop comments and trailing commas (strings kept as they are). */
function withoutJsonComments(text: string): string {
  return text
    .replace(/("(?:[^"\\\n]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_, string: string | undefined) => string ?? "")
    .replace(/,(\s*[}\]])/g, "$1");
}

/**
 * Words that a query or SQL sink leaves in the text: a file without any cannot use an imported
 * constant as a table or column name, so its imports are not worth reading.
 */
const SINK_HINT =
  /\.(?:from|into|table|selectFrom|insertInto|updateTable|deleteFrom|insert|update|upsert|select|eq|query|execute|on|set|values)\s*[(<]|\$(?:query|execute)Raw|\bknex\s*\(|\bfetch\s*\(|\baxios\b|\bky\b|\bsql\s*`|rest\/v1|\bdb\s*\(/;

/**
 * The text pre-check across imports: can a module this text imports (or one those re-export, a few
 * levels deep) hold what a rule looks for? Only for texts with a query sink and a project import.
 */
export function importsMayMatter(fromFile: string, text: string, mayMatch: (text: string) => boolean): boolean {
  return SINK_HINT.test(text) && importedTextsMayMatch({ specifiers: importSpecifiers, resolve: resolveModulePath }, fromFile, text, mayMatch);
}
