/**
 * PathPattern (rules/schema.ts), over dotted paths: callees, member chains, imported names.
 *   - segments split at ".";
 *   - `*` inside a segment is any run of identifier characters (`get*` matches `get`, `getUser`);
 *   - a segment that is only `*` is exactly one segment, whatever it holds (an unknown computed
 *     segment, NAME_HOLE, included: `process.env.*` matches `process.env[key]`);
 *   - a segment `**` is any number of segments, zero included (`requests.**` matches `requests`).
 * A literal segment never matches a NAME_HOLE segment: an unknown key is not "API_KEY".
 *
 * Compiled to one regular expression over `path + "."`: each segment eats itself and its dot.
 * Before it, a test that builds no string (most callees of a large file are not what a rule
 * names): a path a pattern matches ends with the text after the last `*` of the pattern's last
 * segment (`**.charges.create` -> "create"; with `prefix`, starts with the text before the first
 * `*` of its first segment), and holds the pattern's longest literal piece (a segment's text
 * between `*`s is matched as written).
 */
import { escapeRegExp } from "../../core/regexp.js";

export type PathMatcher = (path: string) => boolean;

const IDENTIFIER_RUN = "[A-Za-z0-9_$-]*";
const ONE_SEGMENT = "[^.]+\\.";

function segmentSource(segment: string): string {
  if (segment === "**") return `(?:${ONE_SEGMENT})*`;
  if (segment === "*") return ONE_SEGMENT;
  return `${segment.split("*").map(escapeRegExp).join(IDENTIFIER_RUN)}\\.`;
}

/** `prefix`: the pattern matches the start of the path (member rules: `process.env` matches `process.env.X.trim`). */
export function pathPatternSource(pattern: string, prefix = false): string {
  const body = pattern.split(".").map(segmentSource).join("");
  return prefix ? `${body}(?:${ONE_SEGMENT})*` : body;
}

export function compilePathPatterns(patterns: readonly string[], options: { prefix?: boolean } = {}): PathMatcher {
  const re = new RegExp(`^(?:${patterns.map((p) => pathPatternSource(p, options.prefix)).join("|")})$`);
  const full = (path: string) => path !== "" && re.test(`${path}.`);
  const ends = patterns.map((p) => (options.prefix ? head(p) : tail(p)));
  if (ends.every((end) => end !== "")) {
    const required = [...new Set(ends)];
    return options.prefix
      ? (path) => required.some((end) => path.startsWith(end)) && full(path)
      : (path) => required.some((end) => path.endsWith(end)) && full(path);
  }
  const pieces = patterns.map(literalPiece);
  if (pieces.some((piece) => piece === undefined)) return full;
  const required = [...new Set(pieces as string[])];
  return (path) => required.some((piece) => path.includes(piece)) && full(path);
}

/** The text after the last `*` of the last segment ("" when it ends with a wildcard). */
function tail(pattern: string): string {
  const last = pattern.slice(pattern.lastIndexOf(".") + 1);
  return last.slice(last.lastIndexOf("*") + 1);
}

/** The text before the first `*` of the first segment ("" when it starts with a wildcard). */
function head(pattern: string): string {
  const dot = pattern.indexOf(".");
  const first = dot < 0 ? pattern : pattern.slice(0, dot);
  const star = first.indexOf("*");
  return star < 0 ? first : first.slice(0, star);
}

/** The longest text of a pattern's segments between wildcards (`stripe.charges.create` -> "charges"); undefined for only wildcards. */
export function literalPiece(pattern: string): string | undefined {
  let longest: string | undefined;
  for (const segment of pattern.split(".")) {
    for (const piece of segment.split("*")) if (piece.length > (longest?.length ?? 0)) longest = piece;
  }
  return longest;
}

/** Does one of the candidates match ("every candidate counts")? */
export function anyPathMatches(matcher: PathMatcher, candidates: readonly string[] | undefined): boolean {
  return candidates !== undefined && candidates.some(matcher);
}
