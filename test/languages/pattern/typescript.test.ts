/**
 * `pattern` templates on TS/JS: metavariables and their captures, `$$$` in every kind of list,
 * what must not matter (quotes, whitespace, comments, parentheses, trailing commas, semicolons,
 * optional chaining, TS wrappers, property order), folded captures, positions, look-alikes that
 * must not match, and bad templates.
 */
import { describe, expect, it } from "vitest";
import { patternTemplateWords, validatePatternTemplate } from "../../../src/languages/patterns.js";
import { typescriptAdapter } from "../../../src/languages/typescript/index.js";
import { compileTypescriptTemplate } from "../../../src/languages/typescript/pattern/compile.js";
import { matches, patternFacts, valuesOf } from "./helpers.js";

const ts = (code: string, templates: string | readonly string[], path?: string) => matches("typescript", code, templates, path);

describe("metavariables", () => {
  it("$NAME captures one argument, at the call's position", () => {
    expect(ts(`const a = 1;\n  fetch(url);\n`, "fetch($URL)")).toEqual(["p0@2:3 URL=url"]);
  });

  it("captures any expression, not only identifiers", () => {
    expect(ts(`fetch(base + "/v1/chat", opts);`, "fetch($URL, $OPTS)")).toEqual(['p0@1:1 OPTS=opts URL=base + "/v1/chat"']);
  });

  it("the same metavariable twice must match the same text (whitespace aside)", () => {
    const code = `assert(a.b, a . b);\nassert(a.b, c);\n`;
    expect(ts(code, "assert($X, $X)")).toEqual(["p0@1:1 X=a.b"]);
  });

  it("$_ matches one node without capturing or constraining", () => {
    expect(ts(`pair(1, 2);\npair(3);\n`, "pair($_, $_)")).toEqual(["p0@1:1"]);
  });

  it("a metavariable as a member property and as a callee", () => {
    expect(ts(`stripe.charges.create({ amount: 1 });\n`, "stripe.$RES.create($$$)")).toEqual(["p0@1:1 RES=charges"]);
    expect(ts(`client.query(sql);\n`, "$CLIENT.query($Q)")).toEqual(["p0@1:1 CLIENT=client Q=sql"]);
  });

  it("counts arguments exactly without $$$", () => {
    expect(ts(`fetch(a);\nfetch(a, b);\nfetch();\n`, "fetch($URL)")).toEqual(["p0@1:1 URL=a"]);
  });
});

describe("$$$ lists", () => {
  it("in arguments: zero or more, before, after and between", () => {
    const code = `log();\nlog(a);\nlog(a, b, c);\n`;
    expect(ts(code, "log($$$)")).toEqual(["p0@1:1", "p0@2:1", "p0@3:1"]);
    expect(ts(code, "log($$$ARGS)")).toEqual(["p0@1:1 ARGS=", "p0@2:1 ARGS=a", "p0@3:1 ARGS=a, b, c"]);
    expect(ts(code, "log($$$, $LAST)")).toEqual(["p0@2:1 LAST=a", "p0@3:1 LAST=c"]);
    expect(ts(code, "log($FIRST, $$$)")).toEqual(["p0@2:1 FIRST=a", "p0@3:1 FIRST=a"]);
    expect(ts(code, "log(a, $$$, c)")).toEqual(["p0@3:1"]);
  });

  it("in object literals: the listed properties in any order, others allowed", () => {
    const code = [
      `fetch(u, { method: "DELETE" });`,
      `fetch(u, { headers: h, method: 'DELETE', body });`,
      `fetch(u, { method: "GET" });`,
      `fetch(u, { "method": \`DELETE\`, });`,
      `fetch(u);`,
    ].join("\n");
    expect(ts(code, `fetch($URL, { method: "DELETE", $$$ })`)).toEqual(["p0@1:1 URL=u", "p0@2:1 URL=u", "p0@4:1 URL=u"]);
  });

  it("an object literal without $$$ needs exactly its properties, in any order", () => {
    const code = `f({ a: 1, b: 2 });\nf({ b: 2, a: 1 });\nf({ a: 1, b: 2, c: 3 });\n`;
    expect(ts(code, "f({ a: 1, b: $B })")).toEqual(["p0@1:1 B=2", "p0@2:1 B=2"]);
  });

  it("$$$NAME in an object captures the other properties", () => {
    const [fact] = patternFacts("typescript", `axios({ url: u, method: "post", data: d });`, ["axios({ url: $U, $$$REST })"]);
    expect(fact?.captures.U?.text).toBe("u");
    expect(fact?.captures.REST?.text).toBe(`method: "post", data: d`);
  });

  it("in statements: a function whose body calls something", () => {
    const code = `function save(x) {\n  validate(x);\n  db.insert(x);\n  return x;\n}\nfunction other() { return 1; }\n`;
    expect(ts(code, "function $F($$$) { $$$; db.insert($$$); $$$ }")).toEqual(["p0@1:1 F=save"]);
  });

  it("a statement metavariable matches any one statement", () => {
    const code = `if (ok) { run(); }\nif (ok) { run(); stop(); }\n`;
    expect(ts(code, "if (ok) { $S }")).toEqual(["p0@1:1 S=run();"]);
  });

  it("in parameters and array elements", () => {
    expect(ts(`const f = (a, b) => a;\nconst g = () => 1;\n`, "($$$) => $BODY")).toEqual(["p0@1:11 BODY=a", "p0@2:11 BODY=1"]);
    expect(ts(`use([1, 2, 3]);\nuse([]);\n`, "use([$$$, 3])")).toEqual(["p0@1:1"]);
  });

  it("in JSX attributes, in any order", () => {
    const code = `const a = <div className="x" dangerouslySetInnerHTML={{ __html: html }} />;\nconst b = <div className="x" />;\n`;
    expect(ts(code, "<div $$$ dangerouslySetInnerHTML={$X} />", "view.tsx")).toEqual(["p0@1:11 X={ __html: html }"]);
  });

  it("an object literal on its own is an object, not a block", () => {
    const code = `const cfg = { provider: "openai", key: k };\nconst other = { provider: "gateway" };\n`;
    expect(ts(code, `{ provider: "openai", $$$ }`)).toEqual(["p0@1:13"]);
  });

  it("in class bodies", () => {
    const code = `class A extends Component {\n  state = {};\n  render() { return 1; }\n}\nclass B extends Component {}\n`;
    expect(ts(code, "class $C extends Component { $$$; render() { $$$ } }")).toEqual(["p0@1:1 C=A"]);
  });

  it("JSX: a self-closing template matches elements with children, an expression value a string value", () => {
    const code = `const a = <div dangerouslySetInnerHTML={{ __html: h }}></div>;\nconst b = <a href="http://x.test">x</a>;\nconst c = <a href={"http://y.test"} />;\n`;
    expect(ts(code, "<$EL dangerouslySetInnerHTML={$X} />", "v.tsx")).toEqual(["p0@1:11 EL=div X={ __html: h }"]);
    expect(ts(code, "<a href={$URL} />", "v.tsx")).toEqual(['p0@2:11 URL="http://x.test"', 'p0@3:11 URL="http://y.test"']);
    expect(ts(code, `<a href="http://y.test" />`, "v.tsx")).toEqual(["p0@3:11"]);
    expect(ts(code, "<a href={$URL}>y</a>", "v.tsx")).toEqual([]);
  });

  it("assignments to a property, dotted or computed", () => {
    const code = `el.innerHTML = html;\nel["innerHTML"] = more;\nel.textContent = t;\n`;
    expect(ts(code, "$E.innerHTML = $V")).toEqual(["p0@1:1 E=el V=html", "p0@2:1 E=el V=more"]);
  });

  it("in import specifiers", () => {
    const code = `import { a, b } from "legacy";\nimport c from "legacy";\nimport { d } from "modern";\n`;
    // `$$$` stands for any specifiers, so a default import from the module counts too.
    expect(ts(code, `import { $$$ } from "legacy"`)).toEqual(["p0@1:1", "p0@2:1"]);
    expect(ts(code, `import { b, $$$ } from "legacy"`)).toEqual(["p0@1:1"]);
    expect(ts(code, `import $X from "legacy"`)).toEqual(["p0@2:1 X=c"]);
  });
});

describe("what does not matter", () => {
  it("quote style: single, double, and a template literal without substitutions", () => {
    const code = `a("x");\na('x');\na(\`x\`);\na(\`x\${y}\`);\na("y");\n`;
    expect(ts(code, `a("x")`)).toEqual(["p0@1:1", "p0@2:1", "p0@3:1"]);
    expect(ts(code, "a(`x`)")).toEqual(["p0@1:1", "p0@2:1", "p0@3:1"]);
  });

  it("whitespace, comments, line breaks, parentheses, trailing commas and semicolons", () => {
    const code = `fetch(\n  /* the url */ (url), // why\n  { method: ("DELETE"), },\n)\n`;
    expect(ts(code, `fetch($U, {method: "DELETE"});`)).toEqual(["p0@1:1 U=url"]);
  });

  it("a template call matches its optional-chained form, and the reverse", () => {
    const code = `foo?.bar(x);\nfoo.bar?.(y);\nfoo.bar(z);\n`;
    expect(ts(code, "foo.bar($X)")).toEqual(["p0@1:1 X=x", "p0@2:1 X=y", "p0@3:1 X=z"]);
    expect(ts(code, "foo?.bar($X)")).toEqual(["p0@1:1 X=x", "p0@2:1 X=y", "p0@3:1 X=z"]);
  });

  it("TS wrappers around an expression: non-null, as, satisfies", () => {
    const code = `client!.query(a);\n(client as Pg).query(b);\n`;
    expect(ts(code, "client.query($Q)")).toEqual(["p0@1:1 Q=a", "p0@2:1 Q=b"]);
  });

  it("computed and dotted members, quoted and bare keys", () => {
    const code = `process.env["OPENAI_KEY"];\nprocess.env.OPENAI_KEY;\nprocess.env[name];\n`;
    expect(ts(code, "process.env.OPENAI_KEY")).toEqual(["p0@1:1", "p0@2:1"]);
    expect(ts(code, "process.env.$K")).toEqual(['p0@1:1 K="OPENAI_KEY"', "p0@2:1 K=OPENAI_KEY", "p0@3:1 K=name"]);
  });

  it("a JavaScript file, a TSX file, and a .ts file with type annotations", () => {
    expect(ts(`fetch(u);\n`, "fetch($U)", "a.js")).toEqual(["p0@1:1 U=u"]);
    expect(ts(`export const A = () => <b>{fetch(u)}</b>;\n`, "fetch($U)", "a.tsx")).toEqual(["p0@1:28 U=u"]);
    expect(ts(`declare const u: string;\nconst r: Promise<Response> = fetch<string>(u);\n`, "fetch($U)")).toEqual(["p0@2:30 U=u"]);
  });
});

describe("statements and expressions", () => {
  it("an expression template matches anywhere: nested, in arguments, in returns", () => {
    const code = `export async function f() {\n  return wrap(await fetch(u));\n}\n`;
    expect(ts(code, "fetch($U)")).toEqual(["p0@2:21 U=u"]);
  });

  it("a statement template matches statements", () => {
    const code = `const key = process.env.KEY;\nlet other = process.env.KEY;\n`;
    expect(ts(code, "const $V = process.env.$K")).toEqual(["p0@1:1 K=KEY V=key"]);
  });

  it("nested matches are each reported", () => {
    expect(ts(`wrap(wrap(1));\n`, "wrap($X)")).toEqual(["p0@1:1 X=wrap(1)", "p0@1:6 X=1"]);
  });

  it("new expressions are not calls", () => {
    const code = `new OpenAI({ apiKey: k });\nOpenAI({ apiKey: k });\n`;
    expect(ts(code, "new OpenAI($$$)")).toEqual(["p0@1:1"]);
  });

  it("several templates at once, each with its own id", () => {
    expect(ts(`a(1);\nb(2);\n`, ["a($X)", "b($X)"])).toEqual(["p0@1:1 X=1", "p1@2:1 X=2"]);
  });
});

describe("names through aliases", () => {
  it("a destructured member, an import renamed, a constant alias of a function", () => {
    expect(ts(`const { charges } = stripe;\ncharges.create({ amount: 1 });\n`, "stripe.charges.create($$$)")).toEqual(["p0@2:1"]);
    expect(ts(`const create = stripe.charges.create;\ncreate({});\n`, "stripe.charges.create($$$)")).toEqual(["p0@2:1"]);
    expect(ts(`import { OpenAI as O } from "openai";\nconst c = new O({ apiKey: k });\n`, "new OpenAI($$$)")).toEqual(["p0@2:11"]);
    expect(ts(`const f = fetch;\nf(u);\n`, "fetch($U)")).toEqual(["p0@2:1 U=u"]);
  });

  it("an import matches by its imported name", () => {
    expect(ts(`import { OpenAI as O } from "openai";\n`, `import { OpenAI } from "openai"`)).toEqual(["p0@1:1"]);
  });

  it("look-alikes: another value, a reassigned variable, another chain ending", () => {
    expect(ts(`const f = other;\nf(u);\n`, "fetch($U)")).toEqual([]);
    expect(ts(`let f = fetch;\nf = other;\nf(u);\n`, "fetch($U)")).toEqual([]);
    expect(ts(`const { refunds } = stripe;\nrefunds.create({});\n`, "stripe.charges.create($$$)")).toEqual([]);
  });
});

describe("look-alikes do not match", () => {
  const clean: Array<[string, string, string]> = [
    ["another callee", `fetcher(u);\nwindow.fetch2(u);\n`, "fetch($U)"],
    ["another object", `bar.foo(x);\nfoo.baz(x);\n`, "foo.bar($X)"],
    ["another method value", `fetch(u, { method: "DELETE_ALL" });\n`, `fetch($U, { method: "DELETE", $$$ })`],
    ["a string with the callee's name", `log("fetch(u)");\n// fetch(u)\n`, "fetch($U)"],
    ["a different literal type", `a(1);\na(true);\n`, `a("1")`],
    ["a call of the same name on a member", `api.fetch(u);\n`, "fetch($U)"],
    ["let against const", `let key = process.env.KEY;\n`, "const $V = process.env.$K"],
  ];
  for (const [name, code, template] of clean) it(name, () => expect(ts(code, template)).toEqual([]));
});

describe("folded captures", () => {
  it("a constant URL folds to its value", () => {
    const code = `const U = "https://api.openai.com/v1";\nfetch(U);\n`;
    const [fact] = patternFacts("typescript", code, ["fetch($URL)"]);
    expect(valuesOf(fact, "URL")).toEqual(["https://api.openai.com/v1"]);
    expect(fact?.captures.URL?.text).toBe("U");
  });

  it("templates, concatenation and every alternative of a fallback", () => {
    const code = `const BASE = "https://api.openai.com";\nfetch(\`\${BASE}/v1/\${path}\`);\nfetch(process.env.URL ?? BASE + "/v1");\n`;
    const facts = patternFacts("typescript", code, ["fetch($URL)"]);
    expect(valuesOf(facts[0], "URL")).toEqual(["https://api.openai.com/v1/?"]);
    expect(valuesOf(facts[1], "URL")).toEqual(["https://api.openai.com/v1"]);
  });

  it("paths through aliases and destructuring, and imported names (as call arguments get them)", () => {
    const code = `import { OpenAI as O } from "openai";\nconst { charges } = stripe;\nuse(charges.create);\nuse(O);\n`;
    const facts = patternFacts("typescript", code, ["use($X)"]);
    expect(facts[0]?.captures.X?.value.paths).toEqual(["charges.create", "stripe.charges.create"]);
    expect(facts[1]?.captures.X?.value.paths).toEqual(["O", "OpenAI", "openai.OpenAI"]);
  });

  it("calls whose result the value is, through a constant and inside an object", () => {
    const code = `const clean = sanitize(html);\nconst a = <div dangerouslySetInnerHTML={{ __html: clean }} />;\nconst b = <div dangerouslySetInnerHTML={{ __html: purify.sanitize(x) }} />;\nconst c = <div dangerouslySetInnerHTML={{ __html: raw }} />;\n`;
    const facts = patternFacts("typescript", code, ["<div dangerouslySetInnerHTML={$X} />"], "v.tsx");
    expect(facts.map((f) => f.captures.X?.value.calls ?? [])).toEqual([["sanitize"], ["purify.sanitize"], []]);
  });

  it("object keys of a captured object literal (as call arguments get them)", () => {
    const code = `const M = "DELETE";\naxios({ method: M, url: "https://x.test", nested: { a: "b" } });\n`;
    const [fact] = patternFacts("typescript", code, ["axios($CONFIG)"]);
    expect(fact?.captures.CONFIG?.value.keys).toEqual({ method: ["DELETE"], url: ["https://x.test"], nested: [], "nested.a": ["b"] });
  });

  it("a $$$NAME capture has its text and no folded value", () => {
    const [fact] = patternFacts("typescript", `log(a, "b");\n`, ["log($$$ARGS)"]);
    expect(fact?.captures.ARGS).toEqual({ text: `a, "b"`, value: { value: [] } });
  });
});

describe("bad templates", () => {
  it("a template that does not parse names the template", () => {
    expect(validatePatternTemplate("typescript", "fetch($URL,, )")).toMatch(/fetch\(\$URL,, \)/);
    expect(() => compileTypescriptTemplate("fetch(")).toThrow(/does not parse/);
  });

  it("more than one statement is refused", () => {
    expect(validatePatternTemplate("typescript", "a(); b();")).toMatch(/2 statements/);
  });

  it("a lone metavariable and an empty template are refused", () => {
    expect(validatePatternTemplate("typescript", "$X")).toMatch(/only a metavariable/);
    expect(validatePatternTemplate("typescript", "  ")).toBeDefined();
  });

  it("a good template validates, and a bad one in a request does not stop the good ones", () => {
    expect(validatePatternTemplate("typescript", `fetch($U, { method: "DELETE", $$$ })`)).toBeUndefined();
    expect(ts(`fetch(u);\n`, ["fetch(", "fetch($U)"])).toEqual(["p1@1:1 U=u"]);
  });
});

describe("only when asked", () => {
  it("no pattern facts without a request, or with Python templates only", () => {
    expect(patternFacts("typescript", `fetch(u);\n`, [])).toEqual([]);
    const request = { kinds: new Set<never>(), patterns: [{ id: "py", language: "python" as const, template: "fetch($U)" }] };
    const result = typescriptAdapter.extract({ path: "a.ts", text: `fetch(u);\n`, language: "typescript" }, { request });
    expect(result.facts.filter((f) => f.kind === "pattern")).toEqual([]);
  });

  it("a compiled template is reused", () => {
    expect(compileTypescriptTemplate("reuse($X)")).toBe(compileTypescriptTemplate("reuse($X)"));
  });
});

describe("words for the engine's pre-check", () => {
  it("identifiers and plain strings of a template, none for a template without them", () => {
    expect([...patternTemplateWords("typescript", `fetch($URL, { method: "DELETE", $$$ })`)].sort()).toEqual(["DELETE", "fetch", "method"]);
    expect([...patternTemplateWords("python", `requests.get($$$, verify=False)`)].sort()).toEqual(["get", "requests", "verify"]);
    expect(patternTemplateWords("typescript", "$A === $B")).toEqual([]);
    expect(patternTemplateWords("typescript", "fetch(")).toEqual([]);
  });
});

describe("captures through imports", () => {
  it("a default import's local name stands for its package (import http from \"axios\")", () => {
    const [fact] = patternFacts("typescript", `import http from "axios";\nhttp.delete(u);\n`, ["$HTTP.delete($URL)"]);
    expect(fact?.captures.HTTP?.value.paths).toEqual(["http", "axios"]);
  });
});
