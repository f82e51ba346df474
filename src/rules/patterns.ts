/**
 * Name patterns of rule files: `*` is one or more identifier characters, the rest is literal.
 * Also derives the cheap text pre-check ("needles") that lets the engine skip parsing documents
 * that cannot match any rule.
 */
import { escapeRegExp } from "../core/regexp.js";
import { NAME_HOLE, type ResolvedName } from "../core/types.js";

export type NameMatcher = (name: string) => boolean;

export function compileNamePatterns(patterns: readonly string[]): NameMatcher {
  const source = patterns
    .map((p) => p.split("*").map(escapeRegExp).join("[A-Za-z0-9_]+"))
    .join("|");
  const re = new RegExp(`^(?:${source})$`);
  return (name) => re.test(name);
}

/**
 * Whether a resolved name matches. A hole (a part the adapter could not resolve) stands for "some
 * identifier": `integration_${p}_status` matches `integration_*_status`; a candidate that is only
 * a hole matches nothing.
 *   - "any" (table names): one candidate matching is enough. A table that may be the forbidden one
 *     is the forbidden one (rules.md: every candidate of `??`/`||`/`?:`, elements of constant
 *     arrays, `os.environ.get("T", "cloud_provider_integrations")`).
 *   - "every" (column names): a computed key counts when every possible value matches (rules.md:
 *     `${PREFIX[p]}_status` over a map with a `billing_plan` entry is not a status write).
 */
export function matchesResolvedName(matcher: NameMatcher, name: ResolvedName, mode: "any" | "every" = "every"): boolean {
  const matches = (candidate: string) => candidate !== NAME_HOLE && matcher(candidate.includes(NAME_HOLE) ? candidate.split(NAME_HOLE).join("x") : candidate);
  return mode === "any" ? name.some(matches) : name.length > 0 && name.every(matches);
}

/**
 * The lower-cased word every match of this pattern must contain somewhere in the source text:
 * the longest word (split at `_`, `*` and camelCase humps) of at least 4 letters. Words, not the
 * whole literal, so that constants built by concatenation (`"integration" + "_openai_status"`)
 * still pass the pre-check. Undefined when the pattern has no such word (then nothing is skipped).
 */
export function needleOf(pattern: string): string | undefined {
  const words = pattern
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length >= 4)
    .map((w) => w.toLowerCase());
  return words.sort((a, b) => b.length - a.length)[0];
}
