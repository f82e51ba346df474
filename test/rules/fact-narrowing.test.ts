/**
 * The engine narrows what it asks the adapters for (FactRequest.strings and callArguments:
 * string facts only of the roles and needles of the rules' string matchers, call arguments only
 * for the callees of matchers that read them). That must change no finding: every example of
 * every example rule, the docs' fixtures and the bench's large files give the same findings as
 * with whole facts (what `explain` asks for, CheckOptions.onMatches).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe as group, expect, it } from "vitest";
// @ts-expect-error: the bench's plain-JS fixtures have no types
import { cleanComponent, violatingFile, violatingPython } from "../../bench/fixtures.mjs";
import type { Document, Finding } from "../../src/core/types.js";
import { checkDocument } from "../../src/engine/check.js";
import { languageOfPath } from "../../src/languages/registry.js";
import { loadBuiltinRules } from "../../src/rules/builtin.js";
import { compileRule, factRequestOf } from "../../src/rules/compile.js";
import { loadRuleDirectory } from "../../src/rules/load.js";

const EXAMPLES_DIR = fileURLToPath(new URL("../../examples/rules", import.meta.url));
const FIXTURES = fileURLToPath(new URL("../languages/typescript/fixtures", import.meta.url));
const { rules: definitions } = await loadRuleDirectory(EXAMPLES_DIR);
const rules = [...loadBuiltinRules(), ...definitions.map(compileRule)];
const ROOT = "/project";

const documents: Document[] = [
  ...definitions.flatMap((rule) =>
    [...rule.examples.valid, ...rule.examples.invalid].map((example) => {
      const path = example.file ?? "src/example.ts";
      return { path, text: example.code, language: languageOfPath(path)!, diskPath: join(ROOT, path) };
    }),
  ),
  ...readdirSync(FIXTURES).map((name) => {
    const path = `src/${name.replace(/\.txt$/, "")}`;
    return { path, text: readFileSync(join(FIXTURES, name), "utf8"), language: languageOfPath(path)!, diskPath: join(ROOT, path) };
  }),
  { path: "src/legacy.ts", text: violatingFile(), language: "typescript", diskPath: join(ROOT, "src/legacy.ts") },
  { path: "src/MemberList.tsx", text: cleanComponent(), language: "typescript", diskPath: join(ROOT, "src/MemberList.tsx") },
  { path: "app/jobs.py", text: violatingPython(), language: "python", diskPath: join(ROOT, "app/jobs.py") },
];

const rows = (findings: readonly Finding[]) => findings.map((f) => `${f.ruleId}@${f.span.start}-${f.span.end}:${f.severity}`);

group("narrowed fact requests change no finding", () => {
  it.each(documents.map((doc) => ({ name: doc.path, doc })))("$name", async ({ doc }) => {
    const options = { diskImports: false, projectRoot: ROOT } as const;
    const narrowed = await checkDocument(doc, rules, options);
    const whole = await checkDocument(doc, rules, { ...options, onMatches: () => {} });
    expect(rows(narrowed.findings)).toEqual(rows(whole.findings));
  });

  it("the example rules' invalid examples do find something (the comparison is not empty)", async () => {
    let found = 0;
    for (const doc of documents) found += (await checkDocument(doc, rules, { diskImports: false, projectRoot: ROOT })).findings.length;
    expect(found).toBeGreaterThan(50);
  });
});

group("factRequestOf narrowing", () => {
  const rule = compileRule({
    id: "team-rule",
    severity: "block",
    languages: ["typescript", "python"],
    message: "m",
    help: "h",
    match: [
      { kind: "string", role: "url", values: ["https://api.openai.com/**"] },
      { kind: "string", values: ["/select/i"] },
      { kind: "call", callees: ["axios.create"], arguments: [{ index: 0, key: "baseURL", values: ["http://**"] }] },
      { kind: "call", callees: ["fetch"] },
    ],
  } as never);

  it("string interests per matcher: role and needles (none for a regex without a literal start)", () => {
    expect(factRequestOf([rule]).strings).toEqual([{ role: "url", needles: ["openai"] }, { role: "any" }]);
  });

  it("call arguments only for the callees of matchers with argument constraints", () => {
    const { callArguments } = factRequestOf([rule]);
    expect(callArguments?.(["api", "axios.create"])).toBe(true);
    expect(callArguments?.(["fetch"])).toBe(false);
  });

  it("whole: no narrowing; no string or call kind: no narrowing fields", () => {
    const whole = factRequestOf([rule], { whole: true });
    expect(whole.strings).toBeUndefined();
    expect(whole.callArguments).toBeUndefined();
    expect(factRequestOf(loadBuiltinRules())).toEqual({ kinds: new Set(), patterns: [] });
  });
});
