// Placeholder until the python adapter lands (issue 5): documents in python are reported as not checked.
import type { LanguageAdapter } from "../../core/types.js";

export const pythonAdapter: LanguageAdapter = {
  id: "python",
  extract(doc) {
    return { facts: [], parseErrors: [{ message: `${doc.path}: python is not supported yet` }] };
  },
};
