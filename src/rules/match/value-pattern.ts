/**
 * ValuePattern (rules/schema.ts), over folded string values: URLs, SQL, module specifiers.
 *   - a glob: `*` any run of characters except "/", `**` any run of characters, `?` one character,
 *     everything else literal and case-sensitive ("https://api.openai.com/**", "http://**");
 *   - or a regular expression written `/source/flags` ("/^\s*select\b/i").
 *
 * Unknown parts (NAME_HOLE, core/types.ts). A hole matches any run of characters, where the
 * pattern has a wildcard: it is consumed by `*` or `**`, never by the pattern's literal
 * characters. So `\`https://api.openai.com/${path}\`` matches "https://api.openai.com/**", while
 * `\`${base}/users\`` (a base URL we could not fold) does not match "http://**": we report what
 * the code is known to do, not what it might do, which is what keeps unresolved values from
 * blocking clean code. It also keeps the pre-check sound: every literal character a glob
 * matches is a literal character of the code (rules/match/needles.ts). A regular expression is
 * tried on the candidate with its holes left out (an unknown part is taken as empty); when it
 * starts with `^` and literal characters (`/^http:\/\//i`: "http://"), those characters must be
 * known, like a glob's literals: a hole among them fails the match. That literal start is
 * then written in the code, which gives the pre-check its word (regexLiteralPrefix, needles.ts).
 * A candidate that is only holes never matches.
 */
import { NAME_HOLE, type ResolvedName } from "../../core/types.js";
import { RuleProblems } from "./problems.js";

export type ValueMatcher = (value: string) => boolean;

const REGEX_FORM = /^\/(.+)\/([dgimsuyv]*)$/s;

type GlobToken = { literal: string } | "?" | "*" | "**";

/** Is this pattern written as a regular expression (`/source/flags`)? */
export function isRegexValuePattern(pattern: string): boolean {
  return REGEX_FORM.test(pattern);
}

export function compileValuePatterns(patterns: readonly string[], problems: RuleProblems, field: string): ValueMatcher {
  const matchers = patterns.map((pattern, i) => compileValuePattern(pattern, problems, `${field}.${i}`));
  return (value) => !onlyHoles(value) && matchers.some((m) => m(value));
}

/** One candidate of `name` matches ("every candidate counts"). */
export function anyValueMatches(matcher: ValueMatcher, name: ResolvedName | undefined): boolean {
  return name !== undefined && name.some(matcher);
}

function compileValuePattern(pattern: string, problems: RuleProblems, field: string): ValueMatcher {
  const regex = REGEX_FORM.exec(pattern);
  if (regex) {
    // g and y make RegExp.test stateful: a rule means "matches", never "matches from lastIndex".
    const flags = regex[2]!.replace(/[gy]/g, "");
    try {
      const re = new RegExp(regex[1]!, flags);
      const known = regexLiteralPrefix(pattern)?.length ?? 0;
      return (value) => !value.slice(0, known).includes(NAME_HOLE) && re.test(value.split(NAME_HOLE).join(""));
    } catch (error) {
      problems.add(field, `not a valid regular expression: ${(error as Error).message}`);
      return () => false;
    }
  }
  const tokens = globTokens(pattern);
  // Literal characters are never eaten by a hole or a wildcard: a match holds the longest run of them as written.
  const run = longestLiteralRun(tokens);
  return run === "" ? (value) => globMatches(tokens, value) : (value) => value.includes(run) && globMatches(tokens, value);
}

function longestLiteralRun(tokens: readonly GlobToken[]): string {
  let longest = "";
  let run = "";
  for (const token of tokens) {
    run = typeof token === "object" ? run + token.literal : "";
    if (run.length > longest.length) longest = run;
  }
  return longest;
}

/** Characters that end a regular expression's literal start (a backslash is read apart). */
const REGEX_SYNTAX = new Set([..."^$.*+?()[]{}|/"]);
/** After a literal, these make it optional or repeated: it is not part of the literal start. */
const MAY_SKIP = new Set(["?", "*", "{"]);

/**
 * The literal characters every match of a regular expression pattern starts with: `^` followed
 * by plain characters and escaped punctuation (`/^http:\/\//i` -> "http://"), up to the first
 * other syntax. Undefined when there is none: not anchored, the `m` flag (`^` at any line), or an
 * alternative at the top level (`/^a|b/`: "b" anywhere). With the `i` flag the case is free;
 * the pre-check compares lower-cased text, so the characters stay sound as a needle.
 */
export function regexLiteralPrefix(pattern: string): string | undefined {
  const regex = REGEX_FORM.exec(pattern);
  if (!regex || regex[2]!.includes("m")) return undefined;
  const source = regex[1]!;
  if (!source.startsWith("^") || hasTopLevelAlternative(source)) return undefined;
  let prefix = "";
  for (let i = 1; i < source.length; i++) {
    let c = source[i]!;
    if (c === "\\") {
      const next = source[i + 1];
      // `\/`, `\.`: the character itself; `\d`, `\b`, `\u0068`, `\1`: a class, an assertion, an escape code.
      if (next === undefined || /[A-Za-z0-9]/.test(next)) break;
      c = next;
      i++;
    } else if (REGEX_SYNTAX.has(c)) break;
    if (MAY_SKIP.has(source[i + 1] ?? "")) break;
    prefix += c;
    if (source[i + 1] === "+") break;
  }
  return prefix === "" ? undefined : prefix;
}

/** A `|` outside every group and character class. */
function hasTopLevelAlternative(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) return true;
  }
  return false;
}

function globTokens(pattern: string): GlobToken[] {
  const tokens: GlobToken[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*") {
      const double = pattern[i + 1] === "*";
      if (double) i++;
      // `***` and `** *` collapse: consecutive stars are one `**`.
      const previous = tokens[tokens.length - 1];
      if (previous === "**" || previous === "*") tokens[tokens.length - 1] = double || previous === "**" ? "**" : "*";
      else tokens.push(double ? "**" : "*");
    } else if (c === "?") tokens.push("?");
    else tokens.push({ literal: c });
  }
  return tokens;
}

/**
 * Glob matching over a candidate with holes: reachability over (pattern position, candidate
 * position), O(pattern × candidate). A hole may only be eaten by `*` / `**` (see above).
 */
function globMatches(tokens: readonly GlobToken[], value: string): boolean {
  const width = value.length + 1;
  const seen = new Uint8Array((tokens.length + 1) * width);
  const stack: number[] = [0, 0];
  while (stack.length > 0) {
    const j = stack.pop()!;
    const i = stack.pop()!;
    const cell = i * width + j;
    if (seen[cell]) continue;
    seen[cell] = 1;
    if (i === tokens.length && j === value.length) return true;
    if (i === tokens.length) continue;
    const token = tokens[i]!;
    const c = value[j];
    if (token === "*" || token === "**") {
      stack.push(i + 1, j); // the wildcard ends here
      if (c !== undefined && (token === "**" || c !== "/")) stack.push(i, j + 1); // it eats one more character (or hole)
    } else if (c !== undefined && c !== NAME_HOLE && (token === "?" || token.literal === c)) {
      stack.push(i + 1, j + 1);
    }
  }
  return false;
}

function onlyHoles(value: string): boolean {
  if (value.length === 0) return false;
  for (const c of value) if (c !== NAME_HOLE) return false;
  return true;
}
