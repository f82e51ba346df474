/**
 * Which file of the project a Python import names, and the text pre-check across imports. Light
 * on purpose (fs and path only, no parser): the hook's fast path and the engine's pre-check load
 * it for every Python edit.
 *
 * Resolution, as the interpreter would find the project's own modules:
 *   - relative (`from .config import X`, `from ..db import tables`): from the importing file's package;
 *   - absolute (`from app.db.tables import X`, `import app.constants as C`): from the folder above
 *     the file's outermost package (the folders up to it hold `__init__.py`), the project root (the
 *     nearest folder with pyproject.toml, setup.cfg, setup.py or .git) and its `src/` (src layout),
 *     and the file's own folder (a script run directly).
 * `a.b` is `a/b.py` or the package `a/b/` (its `__init__.py`, if any: namespace packages have none).
 * Installed packages are never followed: they are not under these folders.
 */
import { statSync } from "node:fs";
import { dirname, join } from "node:path";
import { importedTextsMayMatch, resolutionCache } from "../module-files.js";

/** A module: its file (`a/b.py`, `a/b/__init__.py`) and, for a package, its folder (where its submodules are). */
export interface PythonModule {
  file?: string;
  package?: string;
}

const ROOT_MARKERS = ["pyproject.toml", "setup.cfg", "setup.py", ".git"];

/** The module `name` (`.config`, `app.db.tables`) imported in `fromFile`, or undefined (not the project's). */
export const resolvePythonModule: (name: string, fromFile: string) => PythonModule | undefined = resolutionCache(resolveUncached, (module) => module.file);

/** The submodule `name` of a package folder (`from app import settings` where app/settings.py exists). */
export function submoduleOf(packageDir: string, name: string): PythonModule | undefined {
  return /^[A-Za-z_]\w*$/.test(name) ? moduleAt(packageDir, [name]) : undefined;
}

function resolveUncached(name: string, fromFile: string): PythonModule | undefined {
  const dots = /^\.*/.exec(name)![0].length;
  const parts = name.slice(dots).split(".").filter(Boolean);
  if (!parts.every((part) => /^[A-Za-z_]\w*$/.test(part))) return undefined;
  if (dots > 0) {
    let base = dirname(fromFile);
    for (let i = 1; i < dots; i++) base = dirname(base);
    return moduleAt(base, parts);
  }
  if (parts.length === 0) return undefined;
  for (const root of searchRoots(dirname(fromFile))) {
    const found = moduleAt(root, parts);
    if (found) return found;
  }
  return undefined;
}

function moduleAt(base: string, parts: readonly string[]): PythonModule | undefined {
  const path = join(base, ...parts);
  if (parts.length > 0 && isFile(`${path}.py`)) return { file: `${path}.py` };
  if (!isDirectory(path)) return undefined;
  const init = join(path, "__init__.py");
  return isFile(init) ? { file: init, package: path } : { package: path };
}

const roots = new Map<string, string[]>();

/** Folders an absolute import is looked up in, from a file's folder (see the header). */
function searchRoots(dir: string): string[] {
  let found = roots.get(dir);
  if (found) return found;
  const out = new Set<string>();
  let top = dir;
  while (isFile(join(top, "__init__.py")) && dirname(top) !== top) top = dirname(top);
  out.add(top);
  for (let at = dir; ; at = dirname(at)) {
    if (ROOT_MARKERS.some((marker) => exists(join(at, marker)))) {
      out.add(at);
      out.add(join(at, "src"));
      break;
    }
    if (dirname(at) === at) break;
  }
  out.add(dir);
  found = [...out];
  roots.set(dir, found);
  return found;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** `from m import a, b` (m, and m.a / m.b: they may be submodules), `import a.b as c` (a.b). */
const FROM_IMPORT = /^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#;]*)/gm;
const PLAIN_IMPORT = /^[ \t]*import[ \t]+([^\n#;]*)/gm;

export function pythonImportSpecifiers(text: string): string[] {
  const out = new Set<string>();
  for (const [, module, names] of text.matchAll(FROM_IMPORT)) {
    out.add(module!);
    for (const item of names!.replace(/[()\\]/g, " ").split(",")) {
      const name = item.trim().split(/\s+/)[0];
      if (name && name !== "*" && /^\w+$/.test(name)) out.add(module!.endsWith(".") ? module! + name : `${module}.${name}`);
    }
  }
  for (const [, names] of text.matchAll(PLAIN_IMPORT)) {
    for (const item of names!.split(",")) {
      const name = item.trim().split(/\s+/)[0];
      if (name) out.add(name);
    }
  }
  return [...out];
}

function resolveFile(specifier: string, fromFile: string): string | undefined {
  return resolvePythonModule(specifier, fromFile)?.file;
}

/**
 * Words that a query, SQL or HTTP sink leaves in the text: a file without any cannot use an
 * imported constant as a table or column name, so its imports are not worth reading.
 */
const SINK_HINT =
  /\b(?:table|from_|insert|update|upsert|select|eq|match|execute|executemany|executescript|query|mogrify|raw|fetch\w*|get|head|options|post|put|patch|delete|request|create_table|drop_table|rename_table|add_column|alter_column|drop_column|create_index|on_postgres_changes)\s*\(|\b(?:Table|Column|text|SQL|Identifier)\s*\(|__tablename__|rest\/v1/;

const reader = { specifiers: pythonImportSpecifiers, resolve: resolveFile };

/** The engine's and the hook's pre-check: a text with a query sink whose imports may hold a rule's word. */
export function pythonImportsMayMatter(fromFile: string, text: string, mayMatch: (text: string) => boolean): boolean {
  return SINK_HINT.test(text) && importedTextsMayMatch(reader, fromFile, text, mayMatch);
}

/** The same without the sink gate: whether this text's imports (import statements) may hold a rule's word. */
export function importedModulesMayMatch(fromFile: string, text: string, mayMatch: (text: string) => boolean): boolean {
  return importedTextsMayMatch(reader, fromFile, text, mayMatch);
}
