/**
 * `lint --project tsconfig.json`: resolves constants imported from other modules
 * (`import { TABLES } from "@/lib/db/tables"`) so `supabase.from(TABLES.cloud)` is checked like a
 * literal. Module specifiers go through TypeScript's own resolution with the project's compiler
 * options (paths aliases, baseUrl, NodeNext `.js` -> `.ts`), and re-exports, `export *` and
 * `export { a as b }` through the type checker. Uses ts-morph: never load this on the hook path.
 */
import { dirname, resolve } from "node:path";
import { Project, ts, type SourceFile } from "ts-morph";
import type { ConstantValue, ExtractOptions } from "../core/types.js";
import { Evaluator } from "./evaluate.js";

export type ImportResolver = NonNullable<ExtractOptions["resolveImport"]>;

/** `exportedName` for `import * as NS from "..."`: every constant the module exports, as one object. */
export const NAMESPACE_IMPORT = "*";

/**
 * One project per tsconfig; call the returned function with the importing file (module resolution
 * depends on where the import is written) to get the resolveImport for that file's ExtractOptions.
 */
export function createProjectResolver(tsconfigPath: string): (fromFile: string) => ImportResolver {
  const project = new Project({
    tsConfigFilePath: resolve(tsconfigPath),
    // Files are added when an import reaches them: a lint of ten files does not parse the whole project.
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    // Constants in .js modules count too (a jsconfig.json, or a TypeScript project importing JS).
    compilerOptions: { allowJs: true },
  });
  const compilerOptions = project.getCompilerOptions();
  const evaluator = new Evaluator();
  const modules = new Map<string, string | undefined>();
  const values = new Map<string, ConstantValue | undefined>();

  const moduleFile = (source: string, fromFile: string): string | undefined => {
    const key = `${dirname(fromFile)}\u0000${source}`;
    if (!modules.has(key)) {
      const resolved = ts.resolveModuleName(source, fromFile, compilerOptions, ts.sys).resolvedModule;
      // A package's declarations hold types, not values: only the project's own sources count.
      modules.set(key, resolved && !resolved.isExternalLibraryImport ? resolved.resolvedFileName : undefined);
    }
    return modules.get(key);
  };

  const exportedValue = (file: SourceFile, name: string): ConstantValue | undefined => {
    const key = `${file.getFilePath()}\u0000${name}`;
    if (values.has(key)) return values.get(key);
    let value: ConstantValue | undefined;
    try {
      value = name === NAMESPACE_IMPORT ? namespaceOf(file, evaluator) : firstValue(file.getExportedDeclarations().get(name), evaluator);
    } catch {
      // A module the checker cannot follow is simply unknown, never a crash of the lint.
      value = undefined;
    }
    values.set(key, value);
    return value;
  };

  return (fromFile) => (source, exportedName) => {
    const path = moduleFile(source, resolve(fromFile));
    if (path === undefined) return undefined;
    const file = project.getSourceFile(path) ?? project.addSourceFileAtPathIfExists(path);
    return file ? exportedValue(file, exportedName) : undefined;
  };
}

function firstValue(declarations: readonly import("ts-morph").Node[] | undefined, evaluator: Evaluator): ConstantValue | undefined {
  for (const declaration of declarations ?? []) {
    const value = evaluator.declaration(declaration);
    if (value !== undefined) return value;
  }
  return undefined;
}

function namespaceOf(file: SourceFile, evaluator: Evaluator): ConstantValue {
  const namespace: { [key: string]: ConstantValue } = {};
  for (const [name, declarations] of file.getExportedDeclarations()) {
    const value = firstValue(declarations, evaluator);
    if (value !== undefined) namespace[name] = value;
  }
  return namespace;
}
