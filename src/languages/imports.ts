/**
 * The text pre-check across imports, for the languages whose adapters read imported constants from
 * the project's modules on disk (TypeScript/JavaScript, Python): can a module a file with a query
 * sink imports hold a rule's word? Light (fs and path only): the hook's fast path loads it.
 */
import type { LanguageId } from "../core/types.js";
import { pythonImportsMayMatter } from "./python/module-paths.js";
import { importsMayMatter as typescriptImportsMayMatter } from "./typescript/module-paths.js";

export function importsMayMatter(language: LanguageId, file: string, text: string, mayMatch: (text: string) => boolean): boolean {
  if (language === "typescript" || language === "javascript") return typescriptImportsMayMatter(file, text, mayMatch);
  if (language === "python") return pythonImportsMayMatter(file, text, mayMatch);
  return false;
}
