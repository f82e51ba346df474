/** The `import` kind over hand-made ImportFacts: modules (ValuePatterns), paths (FileGlobs over resolved), names. */
import { describe, expect, it } from "vitest";
import type { ImportFact } from "../../src/core/types.js";
import { NAME_HOLE } from "../../src/core/types.js";
import { at, reported, ruleOf, spanOf } from "./helpers.js";

const imp = (module: string[], names: string[], resolved?: string): ImportFact => ({ kind: "import", span: at(), module, names, ...(resolved ? { resolved } : {}) });

describe("import matcher", () => {
  const legacy = imp(["@/lib/legacy-auth/session"], ["getSession"], "src/lib/legacy-auth/session");
  const relative = imp(["../legacy-auth"], ["default"], "src/lib/legacy-auth");
  const other = imp(["@/lib/auth"], ["getSession"], "src/lib/auth");
  const openai = imp(["openai"], ["default"]);
  const dynamic = imp([`./legacy-${NAME_HOLE}`], ["*"]);
  const facts = [legacy, relative, other, openai, dynamic];

  it("modules: a specifier matching a ValuePattern", () => {
    expect(reported(ruleOf({ kind: "import", modules: ["@/lib/legacy-auth", "@/lib/legacy-auth/**"] }), facts)).toEqual([spanOf(legacy)]);
    expect(reported(ruleOf({ kind: "import", modules: ["openai", "openai/**"] }), facts)).toEqual([spanOf(openai)]);
  });

  it("paths: where a relative or aliased specifier resolves (either way of naming the module counts)", () => {
    const rule = ruleOf({ kind: "import", paths: ["src/lib/legacy-auth/**", "src/lib/legacy-auth"] });
    expect(reported(rule, facts)).toEqual([spanOf(legacy), spanOf(relative)]);
    const both = ruleOf({ kind: "import", modules: ["openai"], paths: ["src/lib/legacy-auth"] });
    expect(reported(both, facts)).toEqual([spanOf(relative), spanOf(openai)]);
  });

  it("names narrow to the imported names", () => {
    expect(reported(ruleOf({ kind: "import", modules: ["@/lib/**"], names: ["getSession"] }), facts)).toEqual([spanOf(legacy), spanOf(other)]);
    expect(reported(ruleOf({ kind: "import", modules: ["@/lib/**"], names: ["default"] }), facts)).toEqual([]);
  });

  it("a specifier with an unknown part matches only through a wildcard", () => {
    expect(reported(ruleOf({ kind: "import", modules: ["./legacy-*"] }), facts)).toEqual([spanOf(dynamic)]);
    expect(reported(ruleOf({ kind: "import", modules: ["./legacy-auth"] }), facts)).toEqual([]);
  });

  it("asks the adapters for import facts only", () => {
    expect(ruleOf({ kind: "import", modules: ["openai"] }).request).toEqual({ kinds: ["import"], patterns: [], strings: [], argumentCallees: [] });
  });
});
