/**
 * Reading the project's modules from disk, for the languages whose adapters follow imported
 * constants (typescript/module-paths.ts, python/module-paths.ts). Light on purpose (fs only, no
 * parser): the hook's fast path and the engine's pre-check load it for every edit.
 */
import { readFileSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { MAX_DOCUMENT_BYTES } from "../core/limits.js";

interface Cached<T> {
  mtimeMs: number;
  size: number;
  value: T;
}

/** Text of a file, cached by modification time and size (the daemon keeps it between calls). */
const texts = new Map<string, Cached<string | undefined>>();
const goneListeners: ((path: string) => void)[] = [];

/** Called with the path of a module that was read before and is gone now (to drop what was resolved to it). */
function onModuleGone(listener: (path: string) => void): void {
  goneListeners.push(listener);
}

/** The text of a project module (UTF-8), or undefined (missing, not a file, too large). */
export function readModuleText(path: string): string | undefined {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    texts.delete(path);
    for (const listener of goneListeners) listener(path);
    return undefined;
  }
  const cached = texts.get(path);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.value;
  let value: string | undefined;
  try {
    value = stat.isFile() && stat.size <= MAX_DOCUMENT_BYTES ? readFileSync(path, "utf8") : undefined;
  } catch {
    value = undefined;
  }
  texts.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, value });
  return value;
}

/**
 * Import resolutions by the importing file's folder and the specifier. A found module is trusted
 * (it is checked again when read, and dropped when it is gone); "not found" only for a moment, so
 * a long-lived daemon sees a module written since. `fileOf` names the file a resolution points at.
 */
export function resolutionCache<T>(resolveUncached: (specifier: string, fromFile: string) => T | undefined, fileOf: (value: T) => string | undefined) {
  const resolutions = new Map<string, { value: T | undefined; at: number }>();
  onModuleGone((path) => {
    for (const [key, entry] of resolutions) if (entry.value !== undefined && fileOf(entry.value) === path) resolutions.delete(key);
  });
  return (specifier: string, fromFile: string): T | undefined => {
    const key = `${dirname(fromFile)}\u0000${specifier}`;
    const cached = resolutions.get(key);
    const now = Date.now();
    if (cached && (cached.value !== undefined || now - cached.at < NOT_FOUND_TTL_MS)) return cached.value;
    const value = resolveUncached(specifier, fromFile);
    resolutions.set(key, { value, at: now });
    return value;
  };
}
const NOT_FOUND_TTL_MS = 1000;

/** A value built from a module's text (its parse), with the file state it was built from. */
export interface ModuleCacheEntry<T> {
  mtimeMs: number;
  size: number;
  value: T;
}

/**
 * `build(text)` of a module file, kept while the file's modification time and size stay the same
 * (the daemon keeps it between calls, and sees a module an earlier tool call rewrote). Undefined
 * when the file cannot be read or `build` gives nothing.
 */
export function cachedModule<T>(cache: Map<string, ModuleCacheEntry<T>>, path: string, build: (text: string) => T | undefined): T | undefined {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return undefined;
  }
  const cached = cache.get(path);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.value;
  const text = readModuleText(path);
  const value = text === undefined ? undefined : build(text);
  if (value !== undefined) cache.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, value });
  return value;
}

let generation = 0;

/**
 * Called before each document is extracted from disk: module parses stay cached (by file state),
 * but the values the adapters computed from them are computed again, since a value may come from
 * another module that changed since (a module an earlier tool call wrote, which an unchanged
 * module imports or re-exports).
 */
export function beginExtraction(): void {
  generation++;
}

/** The extraction under way (modules keep their values while it is the same). */
export function extractionGeneration(): number {
  return generation;
}

/** How many modules deep the pre-check follows imports and re-exports. */
const MAX_DEPTH = 3;
/** How many modules one pre-check may read at most. */
const MAX_MODULES = 24;

/** How one language names the modules a text imports and finds their files. */
export interface ImportReader {
  /** The import specifiers a text holds (`./tables`, `app.db.tables`). */
  specifiers(text: string): string[];
  /** The file a specifier names from the importing file, or undefined (a package, not found). */
  resolve(specifier: string, fromFile: string): string | undefined;
}

/**
 * The text pre-check across imports: can a module this text imports (or one those import, a few
 * levels deep) hold what a rule looks for?
 */
export function importedTextsMayMatch(reader: ImportReader, fromFile: string, text: string, mayMatch: (text: string) => boolean): boolean {
  const seen = new Set<string>();
  let frontier: { file: string; text: string }[] = [{ file: fromFile, text }];
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const next: { file: string; text: string }[] = [];
    for (const module of frontier) {
      for (const specifier of reader.specifiers(module.text)) {
        const path = reader.resolve(specifier, module.file);
        if (!path || seen.has(path) || seen.size >= MAX_MODULES) continue;
        seen.add(path);
        const imported = readModuleText(path);
        if (imported === undefined) continue;
        if (mayMatch(imported)) return true;
        next.push({ file: path, text: imported });
      }
    }
    frontier = next;
  }
  return false;
}
