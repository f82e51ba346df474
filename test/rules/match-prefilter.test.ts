/**
 * Path and value patterns test cheap necessary conditions (an end, a start, a literal piece or run
 * of characters) before their full match. Laws: with those tests, every pattern matches exactly
 * what its full match alone matches. And general matchers walk only the facts of their kind.
 */
import fc from "fast-check";
import { describe as group, expect, it } from "vitest";
import { type Fact, NAME_HOLE } from "../../src/core/types.js";
import { factsOfKind } from "../../src/rules/match/facts-of-kind.js";
import { callSelector } from "../../src/rules/match/general.js";
import { compilePathPatterns, literalPiece, pathPatternSource } from "../../src/rules/match/path-pattern.js";
import { RuleProblems } from "../../src/rules/match/problems.js";
import { compileValuePatterns, isRegexValuePattern } from "../../src/rules/match/value-pattern.js";

const segmentOfPattern = fc.constantFrom("a", "ab", "b", "ba", "create", "*", "**", "a*", "*b", "c*e", "x-y");
const segmentOfPath = fc.constantFrom("a", "ab", "b", "ba", "abc", "create", "cre", "x-y", NAME_HOLE);
const pathPattern = fc.array(segmentOfPattern, { minLength: 1, maxLength: 4 }).map((s) => s.join("."));
const path = fc.oneof(fc.constant(""), fc.array(segmentOfPath, { minLength: 1, maxLength: 5 }).map((s) => s.join(".")));

/** The full match alone: the regular expression over `path + "."`. */
function fullPathMatch(patterns: readonly string[], prefix: boolean): (path: string) => boolean {
  const re = new RegExp(`^(?:${patterns.map((p) => pathPatternSource(p, prefix)).join("|")})$`);
  return (p) => p !== "" && re.test(`${p}.`);
}

group("path patterns", () => {
  it("law: the same matches as the regular expression alone, whole paths and prefixes", () => {
    fc.assert(
      fc.property(fc.array(pathPattern, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.array(path, { maxLength: 8 }), (patterns, prefix, paths) => {
        const fast = compilePathPatterns(patterns, { prefix });
        const full = fullPathMatch(patterns, prefix);
        for (const p of paths) expect(fast(p), `${JSON.stringify(patterns)} ${prefix ? "prefix " : ""}on ${JSON.stringify(p)}`).toBe(full(p));
      }),
      { numRuns: 2000, seed: 12 },
    );
  });

  it("examples: ends, starts and pieces", () => {
    expect(compilePathPatterns(["**.charges.create"])("stripe.charges.create")).toBe(true);
    expect(compilePathPatterns(["**.charges.create"])("create_client.charges")).toBe(false);
    expect(compilePathPatterns(["**.OpenAI"])("OpenAI")).toBe(true);
    expect(compilePathPatterns(["process.env"], { prefix: true })("process.env.KEY.trim")).toBe(true);
    expect(compilePathPatterns(["process.env"], { prefix: true })("my.process.env")).toBe(false);
    expect(compilePathPatterns(["axios.*"])("axios.get")).toBe(true);
    expect(literalPiece("**.charges.create")).toBe("charges");
    expect(literalPiece("**")).toBeUndefined();
  });
});

const globToken = fc.constantFrom("a", "b", "/", ":", "*", "**", "?", "ab", "a/b");
const glob = fc.array(globToken, { minLength: 1, maxLength: 6 }).map((t) => t.join("")).filter((p) => !isRegexValuePattern(p));
const value = fc.array(fc.constantFrom("a", "b", "/", ":", NAME_HOLE), { maxLength: 8 }).map((c) => c.join(""));

/** value-pattern.ts's glob rules as a regular expression: a hole is eaten by `*` and `**` only. */
function referenceGlob(pattern: string): (value: string) => boolean {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*" && pattern[i + 1] === "*") {
      source += "[\\s\\S]*";
      i++;
    } else if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^\\u0000]";
    else source += c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  const re = new RegExp(`^${source}$`);
  return (v) => !(v.length > 0 && [...v].every((ch) => ch === NAME_HOLE)) && re.test(v);
}

group("value patterns (globs)", () => {
  it("law: the same matches as the glob rules alone, values with holes included", () => {
    fc.assert(
      fc.property(glob, fc.array(value, { maxLength: 8 }), (pattern, values) => {
        const fast = compileValuePatterns([pattern], new RuleProblems(), "values");
        const reference = referenceGlob(pattern);
        for (const v of values) expect(fast(v), `${JSON.stringify(pattern)} on ${JSON.stringify(v)}`).toBe(reference(v));
      }),
      { numRuns: 2000, seed: 12 },
    );
  });

  it("a value made only of holes matches nothing; a literal run must be known", () => {
    const matches = compileValuePatterns(["https://api.openai.com/**"], new RuleProblems(), "values");
    expect(matches(`https://api.openai.com/${NAME_HOLE}`)).toBe(true);
    expect(matches(`https://api.${NAME_HOLE}.com/v1`)).toBe(false);
    expect(compileValuePatterns(["**"], new RuleProblems(), "values")(NAME_HOLE + NAME_HOLE)).toBe(false);
  });
});

group("matchers read only the facts of their kind", () => {
  const call = (callee: string, start: number): Fact => ({ kind: "call", callee: [callee], new: false, args: [], span: { start, end: start + 1 } });
  const member = (path: string, start: number): Fact => ({ kind: "member", path: [path], span: { start, end: start + 1 } });

  it("in the list's order; a list that grew is grouped again; a frozen list still works; nothing enumerable is added", () => {
    const facts: Fact[] = [call("a", 0), member("m", 1), call("b", 2)];
    expect(factsOfKind(facts, "call").map((f) => f.callee[0])).toEqual(["a", "b"]);
    expect(factsOfKind(facts, "pattern")).toEqual([]);
    facts.push(call("c", 3));
    expect(factsOfKind(facts, "call").map((f) => f.callee[0])).toEqual(["a", "b", "c"]);
    expect(Object.keys(facts)).toEqual(["0", "1", "2", "3"]);
    expect(factsOfKind(Object.freeze([member("x", 0), call("d", 1)]), "member").map((f) => f.path[0])).toEqual(["x"]);
  });

  it("a call matcher selects the same facts from a mixed list as from its calls alone", () => {
    const select = callSelector({ kind: "call", callees: ["**.create"] } as never, new RuleProblems(), "match.0");
    const facts: Fact[] = [member("x.create", 0), call("a.create", 1), call("b.get", 2), call("create", 3)];
    expect(select(facts)).toEqual([facts[1], facts[3]]);
  });
});
