/**
 * FactRequest's narrowing (strings, callArguments): what each adapter leaves out, and that it
 * leaves out nothing a rule could match. languages/fact-interest.ts reads it for both adapters.
 */
import { describe as group, expect, test } from "vitest";
import type { CallFact, FactRequest, GeneralFactKind, StringFact, StringInterest } from "../../src/core/types.js";
import { stringFilter, wantsArguments } from "../../src/languages/fact-interest.js";
import { extractPython } from "../../src/languages/python/index.js";
import { extract } from "./typescript/helpers.js";

const narrowed = (kinds: GeneralFactKind[], strings?: StringInterest[], callArguments?: FactRequest["callArguments"]): FactRequest => ({
  kinds: new Set(kinds),
  patterns: [],
  ...(strings ? { strings } : {}),
  ...(callArguments ? { callArguments } : {}),
});
const stringRows = (facts: readonly { kind: string }[]) =>
  (facts.filter((f) => f.kind === "string") as StringFact[]).map((f) => `${f.role}:${f.value.join("|")}`).sort();
const tsStrings = (code: string, request: FactRequest) => stringRows(extract(code, "example.ts", { request }).facts);
const pyStrings = (code: string, request: FactRequest) => stringRows(extractPython(code, { request }).facts);

group("stringFilter", () => {
  test("without narrowing every role and value is wanted", () => {
    const filter = stringFilter({ kinds: new Set(["string"]), patterns: [] });
    expect(filter.wants("other") && filter.wants("url") && filter.wants("sql")).toBe(true);
    expect(filter.keeps("other", ["anything"])).toBe(true);
  });

  test("roles: only those a matcher names, every role for `any`", () => {
    const url = stringFilter(narrowed(["string"], [{ role: "url", needles: ["openai"] }]));
    expect([url.wants("url"), url.wants("sql"), url.wants("other")]).toEqual([true, false, false]);
    const any = stringFilter(narrowed(["string"], [{ role: "any", needles: ["openai"] }]));
    expect([any.wants("url"), any.wants("sql"), any.wants("other")]).toEqual([true, true, true]);
  });

  test("values: one candidate holds a needle of the role, in any case; a matcher without needles takes every value", () => {
    const filter = stringFilter(narrowed(["string"], [{ role: "url", needles: ["openai"] }, { role: "sql", needles: ["select", "update"] }]));
    expect(filter.keeps("url", ["https://example.com", "https://API.OpenAI.com/v1"])).toBe(true);
    expect(filter.keeps("url", ["https://example.com"])).toBe(false);
    expect(filter.keeps("sql", ["UPDATE t SET a = 1"])).toBe(true);
    // A needle of another role does not count.
    expect(filter.keeps("sql", ["https://api.openai.com"])).toBe(false);
    const open = stringFilter(narrowed(["string"], [{ role: "url", needles: ["openai"] }, { role: "url" }]));
    expect(open.keeps("url", ["https://example.com"])).toBe(true);
  });

  test("wantsArguments: every call without narrowing, else what the request says", () => {
    expect(wantsArguments(undefined, ["fetch"])).toBe(true);
    expect(wantsArguments(narrowed(["call"]), ["fetch"])).toBe(true);
    expect(wantsArguments(narrowed(["call"], undefined, (callee) => callee.includes("axios.create")), ["fetch"])).toBe(false);
  });
});

const TS = [
  `const BASE = "https://api.openai.com";`,
  `const other = "https://example.com/v1";`,
  `const label = "Select a provider";`,
  "await fetch(`${BASE}/v1/chat`);",
  `await fetch(other);`,
  "await db.query(`SELECT id FROM users WHERE org = ${org}`);",
  `await db.query("DELETE FROM sessions");`,
].join("\n");

const PY = [
  `BASE = "https://api.openai.com"`,
  `OTHER = "https://example.com/v1"`,
  `LABEL = "Select a provider"`,
  `requests.get(BASE + "/v1/chat")`,
  `requests.get(OTHER)`,
  `cursor.execute(f"SELECT id FROM users WHERE org = {org}")`,
  `cursor.execute("DELETE FROM sessions")`,
].join("\n");

group.each([
  { language: "typescript", code: TS, strings: tsStrings },
  { language: "python", code: PY, strings: pyStrings },
])("$language string facts under narrowing", ({ code, strings }) => {
  const all = strings(code, narrowed(["string"]));

  test("a url matcher's needles: only the URLs holding one, no literal or SQL facts", () => {
    const kept = strings(code, narrowed(["string"], [{ role: "url", needles: ["openai"] }]));
    expect(kept).toEqual(["url:https://api.openai.com/v1/chat"]);
    expect(all).toContain("url:https://api.openai.com/v1/chat");
  });

  test("an sql matcher: exactly the unnarrowed SQL facts holding a needle", () => {
    const kept = strings(code, narrowed(["string"], [{ role: "sql", needles: ["delete"] }]));
    expect(kept).toEqual(all.filter((row) => row.startsWith("sql:") && row.toLowerCase().includes("delete")));
    expect(kept.length).toBe(1);
  });

  test("role other: literals holding a needle, whatever their case", () => {
    const kept = strings(code, narrowed(["string"], [{ role: "other", needles: ["select"] }]));
    expect(kept.length).toBeGreaterThan(0);
    expect(kept).toEqual(all.filter((row) => row.startsWith("other:") && row.toLowerCase().includes("select")));
  });

  test("interests of every role without needles give the unnarrowed facts", () => {
    expect(strings(code, narrowed(["string"], [{ role: "any" }]))).toEqual(all);
  });
});

group("call arguments under narrowing", () => {
  const onlyCreate: FactRequest["callArguments"] = (callee) => callee.some((path) => path.endsWith(".create"));
  const argsByCallee = (facts: readonly { kind: string }[]) =>
    Object.fromEntries((facts.filter((f) => f.kind === "call") as CallFact[]).map((f) => [f.callee[0], f.args.map((a) => a.value.join("|"))]));

  test("typescript: folded only for the calls the request names; the others are still call facts", () => {
    const code = `const api = axios.create({ baseURL: "http://a" });\nlog("x", 1);\n`;
    const facts = argsByCallee(extract(code, "example.ts", { request: narrowed(["call"], undefined, onlyCreate) }).facts);
    expect(facts).toEqual({ "axios.create": [""], log: [] });
    const whole = argsByCallee(extract(code, "example.ts", { request: narrowed(["call"]) }).facts);
    expect(whole).toEqual({ "axios.create": [""], log: ["x", "1"] });
  });

  test("python: positional and keyword arguments alike", () => {
    const code = `client = httpx.Client.create(base_url="http://a")\nlog("x", level="info")\n`;
    const calls = (request: FactRequest) => extractPython(code, { request }).facts.filter((f): f is CallFact => f.kind === "call");
    const narrow = calls(narrowed(["call"], undefined, onlyCreate));
    expect(narrow.find((f) => f.callee.includes("log"))).toMatchObject({ args: [] });
    expect(narrow.find((f) => f.callee.includes("log"))?.keywords).toBeUndefined();
    expect(narrow.find((f) => f.callee.includes("httpx.Client.create"))?.keywords?.base_url?.value).toEqual(["http://a"]);
    const whole = calls(narrowed(["call"]));
    expect(whole.find((f) => f.callee.includes("log"))?.keywords?.level?.value).toEqual(["info"]);
  });
});
