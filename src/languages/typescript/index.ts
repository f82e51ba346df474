// Placeholder: the TypeScript/JavaScript adapter is being written (issue 2).
import type { LanguageAdapter } from "../../core/types.js";

export const typescriptAdapter: LanguageAdapter = {
  id: "typescript",
  extract() {
    return { facts: [], parseErrors: [] };
  },
};
