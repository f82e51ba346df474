/**
 * Load-time check of `pattern` templates: a template that does not parse in its language would
 * never match, silently. The pattern adapters (src/languages/{typescript,python}/pattern/, written
 * by the "patterns" work of issue 12) own the parsing; this is the one place rule loading asks them.
 */
import type { Rule } from "./schema.js";

/** "match.N.pattern: message" per template that is not valid code with metavariables. */
export async function patternTemplateProblems(rule: Rule): Promise<string[]> {
  const problems: string[] = [];
  for (const [index, m] of rule.match.entries()) {
    if (m.kind !== "pattern") continue;
    // MERGE(patterns): the single call site to wire once src/languages/*/pattern/ exists:
    //   const { validatePatternTemplate } = await import(`../languages/${language}/pattern/index.js`);
    //   const problem = validatePatternTemplate(language, m.pattern);
    //   if (problem) problems.push(`match.${index}.pattern: ${problem}`);
    // (language: m.language ?? the rule's family, as match/pattern.ts patternLanguage decides).
    void index;
  }
  return problems;
}
