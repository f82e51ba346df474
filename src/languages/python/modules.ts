/**
 * Constants imported from the project's other Python modules, read from disk on demand (the hook
 * and `lint` by default; with ExtractOptions.resolveImport the caller answers instead).
 *
 *   from .config import TABLE                    from app.db.tables import INTEGRATIONS_TABLE as T
 *   from app import settings; settings.TABLE      import app.constants as C; C.TABLE
 *   from app.db import Tables; Tables.INTEGRATIONS (class attributes; `settings = Settings()` too)
 *   package __init__.py re-exports: `from .tables import *`, `from .tables import X as Y`
 *
 * A module is parsed once (cached by path, modification time and size, so the daemon keeps it
 * between calls and sees a module an earlier tool call rewrote) and evaluated by its own Evaluator,
 * with its own source made current (syntax.ts withSource) while its nodes are looked at. Values
 * leave it "crossed": a class becomes a `module` value whose attributes are looked up on demand,
 * a dict's entries are evaluated back in their module. Imports of imports and re-exports are
 * followed a few levels deep; an import cycle ends as unknown.
 */
import { parser } from "./grammar/parser.js";
import { cachedModule, extractionGeneration, type ModuleCacheEntry } from "../module-files.js";
import { type PythonModule, resolvePythonModule, submoduleOf } from "./module-paths.js";
import { indexModule, type ModuleIndex } from "./scope.js";
import { newSource, type Source, withSource } from "./syntax.js";
import { Evaluator, UNKNOWN, type Value } from "./values.js";

/** How many modules deep an import may lead through re-exports and imports of imports. */
const MAX_DEPTH = 4;

interface ParsedModule {
  path: string;
  source: Source;
  index: ModuleIndex;
  /** Values of this module, made anew for each document extracted (module-files.ts beginExtraction). */
  evaluator: Evaluator;
  /** The extraction the evaluator was made for. */
  generation: number;
  newEvaluator: () => Evaluator;
  /** Questions being answered in this module right now (its step budget is refilled on the outermost). */
  entered: number;
}

const modules = new Map<string, ModuleCacheEntry<ParsedModule>>();
/** Names being resolved (an import cycle ends as unknown). */
const active = new Set<string>();

/** `from specifier import name` (name "" for `import specifier as m`) written in `fromFile`, as a value of the importing file. */
export function importedValue(fromFile: string, specifier: string, name: string, depth = 0): Value | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const module = resolvePythonModule(specifier, fromFile);
  return module ? exportedValue(module, name, depth) : undefined;
}

function exportedValue(target: PythonModule, name: string, depth: number): Value | undefined {
  if (name === "") return moduleValue(target, depth);
  const key = `${target.file ?? target.package}\u0000${name}`;
  if (active.has(key)) return undefined;
  active.add(key);
  try {
    const module = target.file ? load(target.file, depth) : undefined;
    const bound = module?.index.module.bindings.has(name) ? inModule(module, () => crossed(module, module.evaluator.exported(name, module.source.text.length) ?? UNKNOWN)) : undefined;
    if (bound && bound.kind !== "unknown") return bound;
    // `from app import settings`: the submodule app/settings.py (also when __init__.py says `from . import settings`).
    const submodule = target.package ? submoduleOf(target.package, name) : undefined;
    if (submodule) return moduleValue(submodule, depth + 1);
    for (const star of module?.index.stars ?? []) {
      const value = importedValue(module!.path, star, name, depth + 1);
      if (value !== undefined) return value;
    }
    return bound;
  } finally {
    active.delete(key);
  }
}

/** A module as a value: `settings.TABLE` looks TABLE up in it. */
function moduleValue(target: PythonModule, depth: number): Value {
  return { kind: "module", member: (name) => exportedValue(target, name, depth) ?? UNKNOWN };
}

/** Runs `fn` in a module: its source current, its step budget refilled for a question from outside. */
function inModule<T>(module: ParsedModule, fn: () => T): T {
  if (module.generation !== extractionGeneration()) {
    module.evaluator = module.newEvaluator();
    module.generation = extractionGeneration();
  } else if (module.entered === 0) module.evaluator.refill();
  module.entered++;
  try {
    return withSource(module.source, fn);
  } finally {
    module.entered--;
  }
}

/** A value of `module` made safe to use in another module (see the header). */
function crossed(module: ParsedModule, value: Value): Value {
  switch (value.kind) {
    case "list":
      return { kind: "list", items: value.items.map((item) => crossed(module, item)) };
    case "dict":
      return { kind: "dict", entries: value.entries.map((e) => ({ key: e.key, span: e.span, value: () => inModule(module, () => crossed(module, e.value())) })) };
    case "namespace":
      return { kind: "module", member: (name) => inModule(module, () => crossed(module, module.evaluator.attributeOf(value, name))) };
    case "rows": // a query run by that module: its columns are that module's to report
      return UNKNOWN;
    default: // strings, client origins, values already crossed
      return value;
  }
}

function load(path: string, depth: number): ParsedModule | undefined {
  return cachedModule(modules, path, (text) => {
    const source = newSource(text);
    const index = withSource(source, () => indexModule(parser.parse(text).topNode));
    const newEvaluator = () => new Evaluator(index, {}, (specifier, name) => importedValue(path, specifier, name, depth + 1));
    return { path, source, index, evaluator: newEvaluator(), generation: extractionGeneration(), newEvaluator, entered: 0 };
  });
}
