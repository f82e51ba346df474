/**
 * The pre-check's words of every kind (rules/match/needles.ts): the word each match's text must
 * hold, or none (the rule is then always checked and says so: needlesMissing).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadBuiltinRules } from "../../src/rules/builtin.js";
import { mayMatch, mayMatchLowerCase } from "../../src/rules/compile.js";
import { NAME_HOLE, type StringFact } from "../../src/core/types.js";
import { templateNeedle } from "../../src/rules/match/needles.js";
import { regexLiteralPrefix } from "../../src/rules/match/value-pattern.js";
import { at, reported, ruleOf, spanOf } from "./helpers.js";

describe("needles of the general kinds", () => {
  it("one word per pattern: the longest word of at least 4 letters", () => {
    expect(ruleOf({ kind: "import", modules: ["@/lib/legacy-auth", "openai/**"] }).needles).toEqual(["legacy", "openai"]);
    expect(ruleOf({ kind: "call", callees: ["stripe.charges.create", "axios.*", "OpenAI"] }).needles).toEqual(["charges", "axios", "open"]);
    expect(ruleOf({ kind: "member", paths: ["process.env.*", "os.environ"] }).needles).toEqual(["process", "environ"]);
    expect(ruleOf({ kind: "jsx-attribute", names: ["dangerouslySetInnerHTML"] }).needles).toEqual(["dangerously"]);
    expect(ruleOf({ kind: "string", values: ["https://api.openai.com/**"] }).needles).toEqual(["openai"]);
    expect(ruleOf({ kind: "pattern", pattern: "$CLIENT.rawQuery($SQL, \"unsafe_words_here\")" }, { languages: ["typescript"] }).needles).toEqual(["query"]);
  });

  it("an import `paths` glob gives its folder's word and the marks of relative imports", () => {
    expect(ruleOf({ kind: "import", paths: ["src/lib/legacy-auth/**"] }).needles).toEqual(["legacy", "./", "'..'", '".."', "'.'", '"."', "from ."]);
    expect(ruleOf({ kind: "import", modules: ["@/lib/legacy-auth/**"], paths: ["src/lib/legacy-auth"] }).needles).toEqual(["legacy", "./", "'..'", '".."', "'.'", '"."', "from ."]);
    // A glob with no literal folder word: every import statement's keyword.
    expect(ruleOf({ kind: "import", paths: ["src/**"] }).needles).toEqual(["import", "require", "export"]);
  });

  it("a callee or member path gives its longest uncommon word", () => {
    expect(ruleOf({ kind: "member", paths: ["document.cookie"] }).needles).toEqual(["cookie"]);
    expect(ruleOf({ kind: "member", paths: ["process.env.*"] }).needles).toEqual(["process"]);
    expect(ruleOf({ kind: "call", callees: ["stripe.charges.create"] }).needles).toEqual(["charges"]);
  });

  it("an import without module words is found by the import statement's keyword", () => {
    expect(ruleOf({ kind: "import", modules: ["/legacy-auth$/"] }).needles).toEqual(["import", "require", "export"]);
    // An anchored regular expression's literal start is written in the specifier.
    expect(ruleOf({ kind: "import", modules: ["/^legacy-/"] }).needles).toEqual(["legacy"]);
  });

  it("a regular expression anchored with ^ gives the word of its literal start", () => {
    expect(regexLiteralPrefix("/^http:\\/\\//i")).toBe("http://");
    expect(regexLiteralPrefix("/^https?:\\/\\//")).toBe("http");
    expect(regexLiteralPrefix("/^api\\.openai\\.com(\\/|$)/")).toBe("api.openai.com");
    expect(regexLiteralPrefix("/^ab+c/")).toBe("ab");
    expect(regexLiteralPrefix("/^ab{2}/")).toBe("a");
    // None: not anchored, ^ per line, an alternative at the top level, a class or an escape code first.
    for (const pattern of ["/http:\\/\\//", "/^http/m", "/^http|ftp/", "/^\\s*select/i", "/^\\x68ttp/", "/^[h]ttp/", "/^(http)/"]) {
      expect(regexLiteralPrefix(pattern), pattern).toBeUndefined();
    }
    expect(regexLiteralPrefix("/^(?:a|b)cdef/")).toBeUndefined();
    expect(ruleOf({ kind: "string", values: ["/^http:\\/\\//i"], not: ["/localhost/"] }).needles).toEqual(["http"]);
    expect(ruleOf({ kind: "string", values: ["/^sel/i"] }).needles).toBeNull();
  });

  it("a regular expression's literal start must be known in the value, so its word is in the text", () => {
    const rule = ruleOf({ kind: "string", values: ["/^http:\\/\\//i"] });
    const H = NAME_HOLE;
    const fact = (value: string): StringFact => ({ kind: "string", span: at(), value: [value], role: "url" });
    const known = fact("HTTP://a.example/x");
    // "ht" + unknown + "tp://...": the text holds no "http", and the value is not known to start with it.
    expect(reported(rule, [known, fact(`ht${H}tp://a.example`), fact(`${H}http://a.example`)])).toEqual([spanOf(known)]);
  });

  it("no literal word (a regex, only wildcards, words under 4 letters): needles null and needlesMissing", () => {
    for (const match of [
      { kind: "string" as const, values: ["/^\\s*select\\b/i"] },
      { kind: "string" as const, values: ["**/v1/*"] },
      { kind: "call" as const, callees: ["*.get"] },
      { kind: "member" as const, paths: ["os.env"] },
    ]) {
      const rule = ruleOf(match);
      expect(rule.needles, JSON.stringify(match)).toBeNull();
      expect(rule.needlesMissing).toBe(true);
    }
    // One matcher without a word makes the whole rule always checked.
    expect(ruleOf([{ kind: "call", callees: ["fetch"] }, { kind: "string", values: ["/x/"] }]).needles).toBeNull();
  });

  it("the built-in pack keeps its words and needs no general facts", () => {
    for (const rule of loadBuiltinRules()) {
      expect(rule.needlesMissing).toBe(false);
      expect(rule.request).toEqual({ kinds: [], patterns: [], strings: [], argumentCallees: [] });
    }
  });

  it("template words skip metavariables, strings and comments", () => {
    expect(templateNeedle("$$$ARGS; $LONGMETAVARIABLE.go()")).toBeUndefined();
    expect(templateNeedle("requests.get($URL, verify=False)  # insecure_everywhere")).toBe("requests");
  });

  it("law: a call's needle is in every text that writes the callee path, whatever its case and surroundings", () => {
    const segment = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,9}$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), fc.string({ maxLength: 10 }), (segments, noise) => {
        const rule = ruleOf({ kind: "call", callees: [segments.join(".")] });
        if (rule.needles === null) return;
        expect(mayMatch(`${noise}${segments.join(".")}(x)${noise}`, [rule])).toBe(true);
        expect(mayMatch(`const { ${segments.at(-1)}: alias } = ${segments.slice(0, -1).join(".") || "x"}; ${noise}`, [rule])).toBe(
          rule.needles.some((n) => `const { ${segments.at(-1)}: alias } = ${segments.slice(0, -1).join(".") || "x"}; ${noise}`.toLowerCase().includes(n)),
        );
      }),
    );
  });

  it("law: mayMatch of a text is mayMatchLowerCase of the text lower-cased (the engine lower-cases a document once)", () => {
    const needles = fc.oneof(fc.constant(null), fc.array(fc.stringMatching(/^[a-z.]{1,4}$/), { minLength: 1, maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(needles.map((n) => ({ needles: n })), { maxLength: 4 }), fc.string({ maxLength: 30 }), (rules, text) => {
        expect(mayMatchLowerCase(text.toLowerCase(), rules)).toBe(mayMatch(text, rules));
        expect(mayMatch(text, rules)).toBe(rules.some((r) => r.needles === null || r.needles.some((n) => text.toLowerCase().includes(n))));
      }),
    );
    expect(mayMatch("await STRIPE.Charges.create()", [{ needles: ["nothing"] }, { needles: ["charges"] }])).toBe(true);
    expect(mayMatch("anything", [])).toBe(false);
  });
});
