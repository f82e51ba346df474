/**
 * Where a Python import points, relative to the project root (ImportFact.resolved; the root:
 * ExtractOptions.projectRoot, else ../../project-root.ts, shared with the TypeScript adapter),
 * worked out from the importing file's path plus a few existence checks.
 */
import { existsSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

/** The importing file (absolute, or relative to the cwd) and the project root (absolute) paths are relative to. */
export interface ImportSite {
  file: string;
  root: string;
}

/** Whether a path exists; importFacts passes one that remembers its answers for one document. */
export type Exists = (path: string) => boolean;

/** existsSync with its answers kept: a document's imports ask about the same folders again and again. */
export function cachedExists(): Exists {
  const known = new Map<string, boolean>();
  return (path) => {
    let found = known.get(path);
    if (found === undefined) known.set(path, (found = existsSync(path)));
    return found;
  };
}

/**
 * `from ..lib.auth import x` in pkg/api/views.py -> "pkg/lib/auth" ("pkg/lib/auth.py" when that
 * file exists). `module` is the module as written, leading dots included; `name` (for
 * `from . import name`) is appended when the module is only dots, since such an import names a
 * submodule. Undefined when the import climbs above the project root (or the file is outside it).
 */
export function resolveRelative({ file, root }: ImportSite, module: string, name?: string, exists: Exists = existsSync): string | undefined {
  const dots = /^\.*/.exec(module)![0].length;
  let dir = dirname(resolve(file));
  for (let i = 1; i < dots; i++) dir = dirname(dir); // "." is the file's own package, each further dot one up
  const rest = module.slice(dots);
  const segments = [...(rest ? rest.split(".") : []), ...(rest === "" && name && name !== "*" ? [name] : [])];
  return underRoot(root, join(dir, ...segments), exists);
}

/**
 * `import app.legacy.auth` -> "app/legacy/auth" when a folder `app` (or a file app.py) sits in
 * the importing file's folder or one above it, up to the project root: the folder Python would
 * find it in with that folder on sys.path. Undefined for a module not in the project (`requests`).
 */
export function resolveAbsolute({ file, root }: ImportSite, module: string, exists: Exists = existsSync): string | undefined {
  if (module === "" || module.startsWith(".")) return undefined;
  const segments = module.split(".");
  const top = segments[0]!;
  for (let dir = dirname(resolve(file)); ; dir = dirname(dir)) {
    if (exists(join(dir, top)) || exists(join(dir, `${top}.py`))) return underRoot(root, join(dir, ...segments), exists);
    if (dir === root || dirname(dir) === dir) return undefined;
  }
}

/** The path relative to the root with "/" separators, ".py" added when that file exists; undefined outside the root. */
function underRoot(root: string, target: string, exists: Exists): string | undefined {
  const path = relative(root, target);
  if (path === "" || path.startsWith("..")) return undefined;
  const posix = path.split(sep).join("/");
  return exists(`${target}.py`) ? `${posix}.py` : posix;
}

/** `from pkg import auth` where pkg resolved to "pkg": "pkg/auth" (or "pkg/auth.py") when that submodule exists. */
export function resolveSubmodule({ root }: ImportSite, resolved: string, name: string, exists: Exists = existsSync): string | undefined {
  if (resolved.endsWith(".py")) return undefined;
  const target = join(root, ...resolved.split("/"), name);
  return exists(target) || exists(`${target}.py`) ? underRoot(root, target, exists) : undefined;
}
