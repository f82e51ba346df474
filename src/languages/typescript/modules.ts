/**
 * Constants imported from the project's other modules, read from disk on demand (the hook and
 * `lint` by default; `lint --project` uses TypeScript's resolution instead, src/project/).
 *
 * A module is parsed with oxc once (cached by path, modification time and size, so the daemon
 * keeps it between calls and sees a module an earlier tool call rewrote), and its exports are
 * folded by the same Constants as the importing file: `export const`, `export { a as b }`,
 * `export default`, enums, and re-exports (`export { x } from`, `export * from`) a few levels deep.
 */
import type { Node } from "./ast.js";
import { ClientOrigins } from "./clients.js";
import { Constants, ObjectValue, type Value } from "./constants.js";
import { localFunction, type Model } from "./model.js";
import { cachedModule, extractionGeneration, type ModuleCacheEntry } from "../module-files.js";
import { resolveModulePath } from "./module-paths.js";
import { parseText } from "./parse.js";
import { buildModel } from "./scope.js";

/** How many modules deep an import may lead through re-exports and imports of imports. */
const MAX_DEPTH = 4;

interface ParsedModule {
  model: Model;
  /** Values of this module, made anew for each document extracted (module-files.ts beginExtraction). */
  constants: Constants;
  /** The extraction `constants` and `origins` were made for. */
  generation: number;
  newConstants: () => Constants;
  /** Made on the first question about a client exported by the module. */
  origins?: ClientOrigins;
  /** Exported name -> the node holding its value (a declaration id, an expression). */
  locals: Map<string, Node>;
  /** Exported name -> [specifier, imported name] (`export { a as b } from "./x"`). */
  reexports: Map<string, [string, string]>;
  /** `export * from "./x"`. */
  stars: string[];
}

const modules = new Map<string, ModuleCacheEntry<ParsedModule>>();
/** Modules being evaluated (an import cycle ends as unknown). */
const active = new Set<string>();

/** Resolves `import { name } from specifier` written in `fromFile` to the adapter's Value. */
export function importedValue(fromFile: string, specifier: string, name: string, depth = 0): Value | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const path = resolveModulePath(specifier, fromFile);
  return path ? exportedValue(path, name, depth) : undefined;
}

function exportedValue(path: string, name: string, depth: number): Value | undefined {
  const module = load(path, depth);
  if (!module) return undefined;
  const key = `${path}\u0000${name}`;
  if (active.has(key)) return undefined;
  active.add(key);
  try {
    if (name === "*") return namespaceOf(module);
    const local = module.locals.get(name);
    if (local) return module.constants.value(local);
    const reexport = module.reexports.get(name);
    if (reexport) return importedValue(path, reexport[0], reexport[1], depth + 1);
    for (const star of module.stars) {
      const value = importedValue(path, star, name, depth + 1);
      if (value !== undefined) return value;
    }
    return undefined;
  } finally {
    active.delete(key);
  }
}

/**
 * Client origins of `import { name } from specifier` written in `fromFile`: of the value itself, or
 * (`of: "call"`) of what calling it returns (`export function createAdminClient() { return createClient(...) }`).
 */
export function importedOrigins(fromFile: string, specifier: string, name: string, of: "value" | "call", depth = 0): readonly string[] {
  if (depth > MAX_DEPTH) return [];
  const path = resolveModulePath(specifier, fromFile);
  const module = path ? load(path, depth) : undefined;
  if (!path || !module) return [];
  const key = `${path}\u0000${name}\u0000${of}`;
  if (active.has(key)) return [];
  active.add(key);
  try {
    const local = module.locals.get(name);
    const reexport = module.reexports.get(name);
    if (!local) {
      if (reexport) return importedOrigins(path, reexport[0], reexport[1], of, depth + 1);
      for (const star of module.stars) {
        const found = importedOrigins(path, star, name, of, depth + 1);
        if (found.length > 0) return found;
      }
      return [];
    }
    module.origins ??= new ClientOrigins(module.model, (s, n, o) => importedOrigins(path, s, n, o, depth + 1));
    if (of === "value") return module.origins.of(local);
    const binding = local.type === "Identifier" ? module.model.bindingOf(local) : undefined;
    const fn = binding ? localFunction(binding) : undefined;
    return fn ? module.origins.returnedBy(fn) : [];
  } finally {
    active.delete(key);
  }
}

function load(path: string, depth: number): ParsedModule | undefined {
  const module = parse(path, depth);
  if (module && module.generation !== extractionGeneration()) {
    module.constants = module.newConstants();
    module.origins = undefined;
    module.generation = extractionGeneration();
  }
  return module;
}

function parse(path: string, depth: number): ParsedModule | undefined {
  return cachedModule(modules, path, (text) => {
    const parsed = parseText(path, text, /\.[cm]?tsx?$/.test(path));
    if (parsed.errors.length > 0 && parsed.program.body.length === 0) return undefined;
    const model = buildModel(parsed.program);
    const newConstants = () => new Constants(model, { importedValue: (specifier, name) => importedValue(path, specifier, name, depth + 1) });
    const module: ParsedModule = { model, constants: newConstants(), generation: extractionGeneration(), newConstants, locals: new Map(), reexports: new Map(), stars: [] };
    for (const statement of parsed.program.body as Node[]) readExports(statement, module);
    return module;
  });
}

/** `import * as NS from "./x"`: the module's own exports as one object. */
function namespaceOf(module: ParsedModule): Value {
  const props = new Map<string, Value | undefined>();
  for (const [name, node] of module.locals) props.set(name, module.constants.value(node));
  return new ObjectValue(props);
}

function readExports(statement: Node, module: ParsedModule): void {
  if (statement.type === "ExportNamedDeclaration") {
    if (statement.exportKind === "type") return;
    const declaration = statement.declaration as Node | null;
    if (declaration?.type === "VariableDeclaration") {
      for (const declarator of declaration.declarations as Node[]) {
        if (declarator.id.type === "Identifier") module.locals.set(declarator.id.name, declarator.id);
      }
    } else if (declaration && (declaration.type === "TSEnumDeclaration" || declaration.type === "FunctionDeclaration") && declaration.id) {
      module.locals.set(declaration.id.name, declaration.id);
    }
    for (const spec of statement.specifiers as Node[]) {
      const exported = spec.exported.name ?? spec.exported.value;
      const local = spec.local.name ?? spec.local.value;
      if (statement.source) module.reexports.set(exported, [String(statement.source.value), local]);
      else module.locals.set(exported, spec.local);
    }
  } else if (statement.type === "ExportAllDeclaration" && !statement.exported && statement.exportKind !== "type") {
    module.stars.push(String(statement.source.value));
  } else if (statement.type === "ExportDefaultDeclaration") {
    const declaration = statement.declaration as Node;
    module.locals.set("default", declaration.id ?? declaration);
  }
}
