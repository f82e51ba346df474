/**
 * Load-time check of a `pattern` matcher's template (rules/compile.ts calls it): undefined when
 * the template compiles, else a message naming the template and the problem. The compiled
 * template is cached, so the adapter does not parse it again when it runs.
 */
import { compilePythonTemplate } from "./python/pattern/compile.js";
import { compileTypescriptTemplate } from "./typescript/pattern/compile.js";

export function validatePatternTemplate(language: "typescript" | "python", template: string): string | undefined {
  try {
    if (language === "python") compilePythonTemplate(template);
    else compileTypescriptTemplate(template);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
