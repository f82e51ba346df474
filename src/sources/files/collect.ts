/**
 * `lint [paths|globs...]` -> the files to check. Walks directories honouring .gitignore at every
 * level (and .git/info/exclude), never enters node_modules, .git or build output, and keeps only
 * files whose extension has a language. A file named explicitly is checked even when ignored
 * (pre-commit and editors pass exact files); a glob or a directory is filtered.
 * Symbolic links are not followed (no cycles, no file checked twice).
 */
import { existsSync, readFileSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import ignore, { type Ignore } from "ignore";
import picomatch from "picomatch";
import { languageOfPath } from "../../languages/registry.js";
import { toPosix } from "./paths.js";
import type { LintError } from "./read.js";

/** Directories never walked, whatever .gitignore says: dependencies and build output. */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(["node_modules", ".git", "dist", "build", ".next", "out", "coverage"]);

export class PathNotFoundError extends Error {
  constructor(readonly path: string) {
    super(`${path}: no such file or directory`);
    this.name = "PathNotFoundError";
  }
}

export interface Collected {
  /** Absolute paths of the files to check, sorted, without duplicates. */
  files: string[];
  /** Directories that could not be read (reported, not silently skipped). */
  errors: LintError[];
}

/** Throws PathNotFoundError for a named path that does not exist. */
export async function collectFiles(cwd: string, patterns: readonly string[]): Promise<Collected> {
  const found = new Set<string>();
  const errors: LintError[] = [];
  const walk = (root: string) => walkTree(root, (dir, error) => errors.push({ file: toPosix(relative(cwd, dir)) || ".", message: `cannot read the directory (${error.code ?? error.message}); not checked` }));
  for (const pattern of patterns.length > 0 ? patterns : ["."]) {
    const scan = picomatch.scan(pattern);
    if (scan.isGlob) {
      const base = resolve(cwd, scan.base || ".");
      const matches = picomatch(toPosix(relative(cwd, resolve(cwd, pattern))), { dot: true });
      for (const file of await walk(base)) if (matches(toPosix(relative(cwd, file)))) found.add(file);
      continue;
    }
    const absolute = resolve(cwd, pattern);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) throw new PathNotFoundError(pattern);
    if (info.isDirectory()) for (const file of await walk(absolute)) found.add(file);
    else if (languageOfPath(absolute)) found.add(absolute);
  }
  return { files: [...found].sort(), errors };
}

/** One directory's ignore rules, matched against paths relative to that directory. */
interface IgnoreLayer {
  dir: string;
  rules: Ignore;
}

async function walkTree(root: string, onError: (dir: string, error: NodeJS.ErrnoException) => void): Promise<string[]> {
  const files: string[] = [];
  const layers = ancestorLayers(root);
  const visit = async (dir: string, inherited: IgnoreLayer[]): Promise<void> => {
    const own = layerOf(dir, ".gitignore");
    const active = own ? [...inherited, own] : inherited;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      onError(dir, error as NodeJS.ErrnoException);
      return;
    }
    const subdirectories: string[] = [];
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !isIgnored(active, path, true)) subdirectories.push(path);
      } else if (entry.isFile() && languageOfPath(entry.name) && !isIgnored(active, path, false)) {
        files.push(path);
      }
    }
    for (const sub of subdirectories) await visit(sub, active);
  };
  await visit(root, layers);
  return files;
}

/**
 * Git's precedence: a deeper .gitignore overrides a shallower one (a `!negation` in pkg/ re-includes
 * what the root excluded), and .git/info/exclude comes last. The deepest layer with an opinion wins.
 */
function isIgnored(layers: readonly IgnoreLayer[], path: string, directory: boolean): boolean {
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i]!;
    const rel = toPosix(relative(layer.dir, path));
    if (rel === "" || rel.startsWith("../")) continue;
    const verdict = layer.rules.test(directory ? `${rel}/` : rel);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}

/**
 * The .gitignore files above the walk's start, up to the repository root (the directory holding
 * .git), so `lint src` honours the root .gitignore. Outside a repository only the start counts.
 */
function ancestorLayers(start: string): IgnoreLayer[] {
  const chain: string[] = [];
  let root = start;
  if (!existsSync(join(start, ".git"))) {
    for (let dir = dirname(start); ; dir = dirname(dir)) {
      chain.unshift(dir);
      if (existsSync(join(dir, ".git"))) break;
      if (dirname(dir) === dir) return [];
    }
    root = chain[0]!;
  }
  const layers: IgnoreLayer[] = [];
  const exclude = layerOf(root, join(".git", "info", "exclude"));
  if (exclude) layers.push(exclude);
  for (const dir of chain) {
    const layer = layerOf(dir, ".gitignore");
    if (layer) layers.push(layer);
  }
  return layers;
}

function layerOf(dir: string, file: string): IgnoreLayer | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, file), "utf8");
  } catch {
    return undefined;
  }
  return { dir, rules: ignore().add(text) };
}

