/**
 * What the rules compiler needs of a `pattern` matcher's template, at load time:
 *   validatePatternTemplate  undefined when the template compiles, else a message naming it
 *   patternTemplateWords     the literal words every match holds (identifiers, plain strings):
 *                            the engine's text pre-check may skip a file without them
 * Both compile the template, and compiled templates are cached: the adapter does not parse it
 * again when it runs. This module loads both parsers (oxc and the Python grammar).
 */
import { compilePythonTemplate } from "./python/pattern/compile.js";
import { compileTypescriptTemplate } from "./typescript/pattern/compile.js";

export type PatternLanguage = "typescript" | "python";

export function validatePatternTemplate(language: PatternLanguage, template: string): string | undefined {
  try {
    compiled(language, template);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Every word a match of the template contains ([] for a template without one, or a bad template). */
export function patternTemplateWords(language: PatternLanguage, template: string): readonly string[] {
  try {
    return compiled(language, template).words;
  } catch {
    return [];
  }
}

function compiled(language: PatternLanguage, template: string) {
  return language === "python" ? compilePythonTemplate(template) : compileTypescriptTemplate(template);
}
