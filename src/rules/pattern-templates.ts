/**
 * Load-time check of `pattern` templates: a template that does not parse in its language would
 * never match, silently. The pattern adapters (src/languages/{typescript,python}/pattern/) own the
 * parsing; this is the one place rule loading asks them. Loaded only for rules with a template:
 * it brings both parsers.
 */
import type { Rule } from "./schema.js";

/** "match.N.pattern: message" per template that is not valid code with metavariables. */
export async function patternTemplateProblems(rule: Rule): Promise<string[]> {
  const templates = rule.match.flatMap((m, index) => (m.kind === "pattern" ? [{ m, index }] : []));
  if (templates.length === 0) return [];
  const { validatePatternTemplate } = await import("../languages/patterns.js");
  const problems: string[] = [];
  for (const { m, index } of templates) {
    // Without `language`, the rule's only language family (a rule spanning both is reported by match/pattern.ts).
    const language = m.language ?? (rule.languages.every((l) => l === "python") ? "python" : rule.languages.includes("python") ? undefined : "typescript");
    if (language === undefined) continue;
    const problem = validatePatternTemplate(language, m.pattern);
    if (problem) problems.push(`match.${index}.pattern: ${problem}`);
  }
  return problems;
}
