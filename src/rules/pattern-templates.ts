/**
 * Load-time check of `pattern` templates: a template that does not parse in its language would
 * never match, silently. The pattern adapters (src/languages/{typescript,python}/pattern/) own the
 * parsing; this is the one place rule loading asks them. Loaded only for rules with a template:
 * it brings both parsers.
 */
import { patternLanguage } from "./match/pattern.js";
import { RuleProblems } from "./match/problems.js";
import type { Rule } from "./schema.js";

/** "match.N.pattern: message" per template that is not valid code with metavariables. */
export async function patternTemplateProblems(rule: Rule): Promise<string[]> {
  const templates = rule.match.flatMap((m, index) => (m.kind === "pattern" ? [{ m, index }] : []));
  if (templates.length === 0) return [];
  const { validatePatternTemplate } = await import("../languages/patterns.js");
  const problems: string[] = [];
  for (const { m, index } of templates) {
    // The language the rule compiled the template for; none when it spans both families (compileRule reported that).
    const language = patternLanguage(m, rule.languages, new RuleProblems(), `match.${index}`);
    if (language === undefined) continue;
    const problem = validatePatternTemplate(language, m.pattern);
    if (problem) problems.push(`match.${index}.pattern: ${problem}`);
  }
  return problems;
}
