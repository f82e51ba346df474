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
 */
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
  return (path) => path !== "" && re.test(`${path}.`);
}

/** Does one of the candidates match ("every candidate counts")? */
export function anyPathMatches(matcher: PathMatcher, candidates: readonly string[] | undefined): boolean {
  return candidates !== undefined && candidates.some(matcher);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
