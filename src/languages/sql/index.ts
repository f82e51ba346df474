// Placeholder until the sql adapter lands (issue 5): documents in sql are reported as not checked.
import type { LanguageAdapter } from "../../core/types.js";

export const sqlAdapter: LanguageAdapter = {
  id: "sql",
  extract(doc) {
    return { facts: [], parseErrors: [{ message: `${doc.path}: sql is not supported yet` }] };
  },
};
