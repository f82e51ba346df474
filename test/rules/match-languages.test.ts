/**
 * The three pattern languages of rules/schema.ts: PathPattern, ValuePattern (globs, /regex/, holes)
 * and FileGlob, as documented there. Property tests check the documented laws on random inputs.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NAME_HOLE } from "../../src/core/types.js";
import { compileFileGlobs } from "../../src/rules/match/file-glob.js";
import { compilePathPatterns } from "../../src/rules/match/path-pattern.js";
import { RuleProblems } from "../../src/rules/match/problems.js";
import { compileValuePatterns } from "../../src/rules/match/value-pattern.js";

const path = (patterns: string[], prefix = false) => compilePathPatterns(patterns, { prefix });
function values(patterns: string[]) {
  const problems = new RuleProblems();
  const m = compileValuePatterns(patterns, problems, "values");
  expect(problems.list).toEqual([]);
  return m;
}

describe("PathPattern", () => {
  it("literal segments, `*` inside a segment, `*` one segment, `**` any number of segments", () => {
    expect(path(["stripe.charges.create"])("stripe.charges.create")).toBe(true);
    expect(path(["stripe.charges.create"])("stripe.charges.createX")).toBe(false);
    expect(path(["stripe.charges.create"])("x.stripe.charges.create")).toBe(false);
    expect(path(["axios.*"])("axios.get")).toBe(true);
    expect(path(["axios.*"])("axios")).toBe(false);
    expect(path(["axios.*"])("axios.get.x")).toBe(false);
    expect(path(["requests.**"])("requests")).toBe(true);
    expect(path(["requests.**"])("requests.adapters.get")).toBe(true);
    expect(path(["requests.**"])("requestsx.get")).toBe(false);
    expect(path(["**.create"])("create")).toBe(true);
    expect(path(["**.create"])("a.b.create")).toBe(true);
    expect(path(["a.**.b"])("a.b")).toBe(true);
    expect(path(["a.**.b"])("a.x.y.b")).toBe(true);
    expect(path(["get*"])("get")).toBe(true);
    expect(path(["get*"])("getUser")).toBe(true);
    expect(path(["get*"])("fetchUser")).toBe(false);
    expect(path(["OpenAI"])("openai")).toBe(false); // case-sensitive
  });

  it("an unknown computed segment (NAME_HOLE) matches `*` and `**`, never a literal or a partial segment", () => {
    expect(path(["process.env.*"])(`process.env.${NAME_HOLE}`)).toBe(true);
    expect(path(["process.env.API_KEY"])(`process.env.${NAME_HOLE}`)).toBe(false);
    expect(path(["process.env.API_*"])(`process.env.${NAME_HOLE}`)).toBe(false);
  });

  it("prefix mode (member rules) matches the start of a chain at a segment boundary", () => {
    expect(path(["process.env"], true)("process.env.API_KEY.trim")).toBe(true);
    expect(path(["process.env"], true)("process.env")).toBe(true);
    expect(path(["process.env"], true)("process.environment")).toBe(false);
    expect(path(["process.env.*"], true)("process.env")).toBe(false);
  });

  it("law: a dotted path of literal identifiers matches itself, and `**` matches every path", () => {
    const segment = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,7}$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), (segments) => {
        const p = segments.join(".");
        expect(path([p])(p)).toBe(true);
        expect(path(["**"])(p)).toBe(true);
        expect(path([segments.map(() => "*").join(".")])(p)).toBe(true);
        expect(path([`${p}.x`])(p)).toBe(false);
      }),
    );
  });
});

describe("ValuePattern", () => {
  it("globs: `*` stops at '/', `**` does not, `?` is one character; case-sensitive", () => {
    expect(values(["https://api.openai.com/**"])("https://api.openai.com/v1/chat/completions")).toBe(true);
    expect(values(["https://api.openai.com/*"])("https://api.openai.com/v1/chat")).toBe(false);
    expect(values(["https://api.openai.com/*"])("https://api.openai.com/v1")).toBe(true);
    expect(values(["http://**"])("https://example.com")).toBe(false);
    expect(values(["v?"])("v1")).toBe(true);
    expect(values(["v?"])("v12")).toBe(false);
    expect(values(["@/lib/legacy-auth/**"])("@/lib/legacy-auth/session")).toBe(true);
    expect(values(["@/lib/legacy-auth/**"])("@/lib/legacy-authz/x")).toBe(false);
    expect(values(["OpenAI"])("openai")).toBe(false);
    expect(values(["a.b(c)"])("a.b(c)")).toBe(true); // regex characters are literal in a glob
  });

  it("/source/flags is a regular expression (g and y do not make it stateful)", () => {
    const sql = values(["/^\\s*select\\b/gi"]);
    expect(sql("  SELECT * FROM t")).toBe(true);
    expect(sql("  SELECT * FROM t")).toBe(true);
    expect(sql("selection")).toBe(false);
    expect(values(["/api/**"])("/api/v1")).toBe(true); // not a regex: a glob with a leading slash
  });

  it("a hole is eaten by `*` / `**` only: known literal parts must match literally", () => {
    expect(values(["https://api.openai.com/**"])(`https://api.openai.com/${NAME_HOLE}`)).toBe(true);
    expect(values(["http://**"])(`${NAME_HOLE}/users`)).toBe(false);
    expect(values(["integration_*_status"])(`integration_${NAME_HOLE}_status`)).toBe(true);
    expect(values(["https://**/v1/**"])(`https://${NAME_HOLE}/v1/chat`)).toBe(true);
    expect(values(["/^select/i"])(`select * from ${NAME_HOLE}`)).toBe(true);
  });

  it("a candidate that is only unknown never matches, not even `**`", () => {
    expect(values(["**"])(NAME_HOLE)).toBe(false);
    expect(values(["**"])(NAME_HOLE + NAME_HOLE)).toBe(false);
    expect(values(["/.*/"])(NAME_HOLE)).toBe(false);
  });

  it("a bad regular expression is a problem naming the field", () => {
    const problems = new RuleProblems();
    compileValuePatterns(["ok/**", "/(unclosed/"], problems, "match.0.values");
    expect(problems.list).toHaveLength(1);
    expect(problems.list[0]).toMatch(/^match\.0\.values\.1: /);
  });

  it("law: a literal string matches itself; `**` matches every string with a known character", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !/[*?\0]/.test(s) && !/^\/.+\/[dgimsuyv]*$/s.test(s)), (s) => {
        expect(values([s])(s)).toBe(true);
        expect(values(["**"])(s)).toBe(true);
        expect(values([`${s}x`])(s)).toBe(false);
      }),
    );
  });

  it("law: replacing a run of a known value by a hole keeps a `**` match whose literal parts are intact", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z/.]{0,8}$/), fc.stringMatching(/^[a-z/.]{1,8}$/), (head, tail) => {
        const pattern = `${head}**`;
        expect(values([pattern])(`${head}${tail}`)).toBe(true);
        if (head !== "" ) expect(values([pattern])(`${head}${NAME_HOLE}`)).toBe(true);
      }),
    );
  });
});

describe("FileGlob", () => {
  it("picomatch globs over project-relative paths, dot files included", () => {
    const problems = new RuleProblems();
    const m = compileFileGlobs(["src/config/**", "./scripts/*.ts"], problems, "ignore");
    expect(problems.list).toEqual([]);
    expect(m("src/config/env.ts")).toBe(true);
    expect(m("src/config/.secret/x.ts")).toBe(true);
    expect(m("scripts/a.ts")).toBe(true);
    expect(m("src/app/env.ts")).toBe(false);
  });

  it("an absolute glob is a problem naming the field", () => {
    const problems = new RuleProblems();
    compileFileGlobs(["src/**", "/etc/**"], problems, "files");
    expect(problems.list).toEqual([expect.stringMatching(/^files\.1: /)]);
  });
});
