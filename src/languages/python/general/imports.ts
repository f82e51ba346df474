/**
 * ImportFacts: `import a.b as x`, `from ..lib import y`, `from m import *`, and the dynamic
 * `__import__("m")` / `importlib.import_module("m")` (module folded through constants).
 *
 * Module as written, relative dots kept; a `from` import also has "<module>.<name>" candidates
 * (below: the name may be a submodule). Names: "*" for `import m`, `from m import *` and dynamic
 * imports, else the imported names. `resolved` (project-root relative, see module-paths.ts): for
 * relative imports always (given the file's path, inside the project root); for absolute ones when the top package is a
 * folder or file of the project. `from . import a, b` gives one fact per name, at the name, since
 * each name is a submodule of its own ("pkg/a", "pkg/b").
 */
import type { ImportFact } from "../../../core/types.js";
import { NAME_HOLE } from "../../../core/types.js";
import type { CallSite } from "../scope.js";
import { argumentsOf, spanOf } from "../syntax.js";
import type { Evaluator } from "../values.js";
import { IMPORT_CALLS, joinModule, type PathResolver } from "./paths.js";
import { cachedExists, type ImportSite, resolveAbsolute, resolveRelative, resolveSubmodule } from "./module-paths.js";
import type { GeneralIndex } from "./walk.js";

export function importFacts(general: GeneralIndex, calls: readonly CallSite[], resolver: PathResolver, evaluator: Evaluator, site: ImportSite | undefined): ImportFact[] {
  const facts: ImportFact[] = [];
  const exists = cachedExists();
  const resolve = (module: string, name?: string): { resolved?: string } => {
    if (!site) return {};
    const resolved = module.startsWith(".") ? resolveRelative(site, module, name, exists) : resolveAbsolute(site, module, exists);
    return resolved ? { resolved } : {};
  };
  for (const imported of general.imports) {
    const { module } = imported;
    if (imported.plain) {
      facts.push({ kind: "import", module: [module], names: ["*"], span: imported.span, ...resolve(module) });
      continue;
    }
    // `from . import a, b`: each name is a submodule.
    if (/^\.+$/.test(module)) {
      for (const { name, span } of imported.names) facts.push({ kind: "import", module: [module, ...submodulePaths(module, [name])], names: [name], span, ...resolve(module, name) });
      continue;
    }
    // A name that is a submodule on disk (`from ..lib import auth`, lib/auth/ or lib/auth.py) gets its own fact, resolved there.
    const { resolved } = resolve(module);
    const rest: string[] = [];
    for (const { name, span } of imported.names) {
      const submodule = site && resolved && name !== "*" ? resolveSubmodule(site, resolved, name, exists) : undefined;
      if (submodule) facts.push({ kind: "import", module: [module, joinModule(module, name)], names: [name], span, resolved: submodule });
      else rest.push(name);
    }
    if (rest.length > 0) facts.push({ kind: "import", module: [module, ...submodulePaths(module, rest)], names: rest, span: imported.span, ...(resolved ? { resolved } : {}) });
  }
  for (const { call, scope } of calls) {
    const first = argumentsOf(call).positional[0] ?? argumentsOf(call).keywords.get("name")?.value;
    if (!first) continue;
    const callee = resolver.calleePaths(call, scope);
    if (!callee.paths.some((p) => IMPORT_CALLS.has(p))) continue;
    const modules = evaluator.names(first, scope);
    const known = modules.find((m) => !m.includes(NAME_HOLE));
    facts.push({ kind: "import", module: modules, names: ["*"], span: spanOf(first), ...(known && !known.startsWith(".") ? resolve(known) : {}), ...(callee.via.length > 0 ? { via: callee.via } : {}) });
  }
  return facts;
}

/**
 * `from a import b` may import the module a.b: "a.b" is a module candidate besides "a" (every
 * candidate counts), so a rule for the module `app.legacy` catches `from app import legacy`.
 */
function submodulePaths(module: string, names: readonly string[]): string[] {
  return names.filter((name) => name !== "*").map((name) => joinModule(module, name));
}
