/**
 * `pattern` templates on Python: metavariables (spelled `$NAME` although `$` is no Python
 * identifier character), `$$$` in arguments, keyword arguments, dicts, lists and bodies, what
 * must not matter (quotes, whitespace, comments, parentheses, trailing commas, keyword order),
 * folded captures, positions, look-alikes, bad templates, and pruning.
 */
import { describe, expect, it } from "vitest";
import { pythonAdapter } from "../../../src/languages/python/index.js";
import { compilePythonTemplate } from "../../../src/languages/python/pattern/compile.js";
import { validatePatternTemplate } from "../../../src/languages/patterns.js";
import { matches, patternFacts, requestOf, valuesOf } from "./helpers.js";

const py = (code: string, templates: string | readonly string[]) => matches("python", code, templates);

describe("metavariables", () => {
  it("$NAME captures one argument, at the call's position", () => {
    expect(py(`import requests\n\nx = requests.get(url)\n`, "requests.get($URL)")).toEqual(["p0@3:5 URL=url"]);
  });

  it("captures any expression", () => {
    expect(py(`requests.post(BASE + "/v1", json=body)\n`, "requests.post($URL, json=$BODY)")).toEqual(['p0@1:1 BODY=body URL=BASE + "/v1"']);
  });

  it("the same metavariable twice must match the same text (whitespace aside)", () => {
    expect(py(`check(a.b, a.b)\ncheck(a.b, c)\ncheck(a [0], a[0])\n`, "check($X, $X)")).toEqual(["p0@1:1 X=a.b", "p0@3:1 X=a [0]"]);
  });

  it("a metavariable as an attribute and as a receiver", () => {
    expect(py(`stripe.Charge.create(amount=1)\n`, "stripe.$RES.create($$$)")).toEqual(["p0@1:1 RES=Charge"]);
    expect(py(`cursor.execute(sql)\n`, "$C.execute($Q)")).toEqual(["p0@1:1 C=cursor Q=sql"]);
  });

  it("counts arguments exactly without $$$", () => {
    expect(py(`f(a)\nf(a, b)\nf()\nf(a, k=1)\n`, "f($X)")).toEqual(["p0@1:1 X=a"]);
  });
});

describe("$$$ lists", () => {
  it("in arguments: zero or more, before and after", () => {
    const code = `log()\nlog(a)\nlog(a, b, c)\n`;
    expect(py(code, "log($$$)")).toEqual(["p0@1:1", "p0@2:1", "p0@3:1"]);
    expect(py(code, "log($$$ARGS)")).toEqual(["p0@1:1 ARGS=", "p0@2:1 ARGS=a", "p0@3:1 ARGS=a, b, c"]);
    expect(py(code, "log($$$, $LAST)")).toEqual(["p0@2:1 LAST=a", "p0@3:1 LAST=c"]);
  });

  it("keyword arguments in any order; $$$ lets others be there", () => {
    const code = [
      `requests.get(u, verify=False)`,
      `requests.get(u, timeout=3, verify=False)`,
      `requests.get(u, verify=True)`,
      `requests.get(u)`,
      `requests.get(verify=False, url=u)`,
    ].join("\n");
    expect(py(code, "requests.get($$$, verify=False)")).toEqual(["p0@1:1", "p0@2:1", "p0@5:1"]);
    expect(py(code, "requests.get($URL, verify=False)")).toEqual(["p0@1:1 URL=u"]);
    expect(py(code, "requests.get($URL, verify=False, $$$)")).toEqual(["p0@1:1 URL=u", "p0@2:1 URL=u"]);
  });

  it("in dicts: the listed entries in any order", () => {
    const code = `httpx.request(u, json={"method": "DELETE"})\nhttpx.request(u, json={'a': 1, 'method': 'DELETE'})\nhttpx.request(u, json={"method": "GET"})\n`;
    expect(py(code, `httpx.request($U, json={"method": "DELETE", $$$})`)).toEqual(["p0@1:1 U=u", "p0@2:1 U=u"]);
  });

  it("in bodies: a function whose body runs something", () => {
    const code = `def save(x):\n    validate(x)\n    db.insert(x)\n    return x\n\ndef other():\n    return 1\n`;
    expect(py(code, "def $F($$$):\n    $$$\n    db.insert($$$)\n    $$$\n")).toEqual(["p0@1:1 F=save"]);
  });

  it("in lists and tuples", () => {
    expect(py(`use([1, 2, 3])\nuse([])\nuse((1, 3))\n`, "use([$$$, 3])")).toEqual(["p0@1:1"]);
  });

  it("in imports", () => {
    const code = `from legacy.auth import login, logout\nfrom modern.auth import login\nimport legacy.auth\n`;
    expect(py(code, "from legacy.auth import $$$")).toEqual(["p0@1:1"]);
    expect(py(code, "import $M")).toEqual(["p0@3:1 M=legacy.auth"]);
  });
});

describe("what does not matter", () => {
  it("quote style: single, double, triple, and an f-string without fields", () => {
    const code = `a("x")\na('x')\na("""x""")\na(f"x")\na(f"x{y}")\na("y")\n`;
    expect(py(code, `a("x")`)).toEqual(["p0@1:1", "p0@2:1", "p0@3:1", "p0@4:1"]);
    expect(py(code, `a('x')`)).toHaveLength(4);
  });

  it("whitespace, comments, line breaks, parentheses and trailing commas", () => {
    const code = `requests.get(\n    (url),  # the url\n    verify = False,\n)\n`;
    expect(py(code, "requests.get($U, verify=False)")).toEqual(["p0@1:1 U=url"]);
  });

  it("f-strings match by their literal parts and fields", () => {
    const code = `q(f"SELECT * FROM {table}")\nq(f'SELECT * FROM {other}')\nq(f"DELETE FROM {table}")\n`;
    expect(py(code, `q(f"SELECT * FROM {$T}")`)).toEqual(["p0@1:1 T=table", "p0@2:1 T=other"]);
  });

  it("an expression template matches anywhere: nested, in returns, in comprehensions", () => {
    const code = `def f():\n    return wrap(await fetch(u))\nrows = [fetch(x) for x in xs]\n`;
    expect(py(code, "fetch($U)")).toEqual(["p0@2:23 U=u", "p0@3:9 U=x"]);
  });

  it("a statement template matches statements", () => {
    const code = `key = os.environ["KEY"]\nprint(os.environ["KEY"])\n`;
    expect(py(code, `$V = os.environ[$K]`)).toEqual(['p0@1:1 K="KEY" V=key']);
  });
});

describe("names through imports and aliases", () => {
  it("from-imports, renamed imports, module aliases and assigned aliases", () => {
    const template = "requests.get($$$, verify=False)";
    expect(py(`from requests import get\nget(u, verify=False)\n`, template)).toEqual(["p0@2:1"]);
    expect(py(`from requests import get as fetch_it\nfetch_it(u, verify=False)\n`, template)).toEqual(["p0@2:1"]);
    expect(py(`import requests as r\nr.get(u, verify=False)\n`, template)).toEqual(["p0@2:1"]);
    expect(py(`import requests\ng = requests.get\ng(u, verify=False)\n`, template)).toEqual(["p0@3:1"]);
  });

  it("look-alikes: the same name from another module, another attribute", () => {
    const template = "requests.get($$$, verify=False)";
    expect(py(`from httpx import get\nget(u, verify=False)\n`, template)).toEqual([]);
    expect(py(`import requests as r\nr.post(u, verify=False)\n`, template)).toEqual([]);
  });
});

describe("look-alikes do not match", () => {
  const clean: Array<[string, string, string]> = [
    ["another module", `import httpx\nhttpx.get(u)\n`, "requests.get($U)"],
    ["another method", `requests.post(u)\n`, "requests.get($U)"],
    ["a string holding the code", `log("requests.get(u)")\n# requests.get(u)\n`, "requests.get($U)"],
    ["another keyword value", `requests.get(u, verify=True)\n`, "requests.get($$$, verify=False)"],
    ["a number that is not the string", `a(1)\n`, `a("1")`],
  ];
  for (const [name, code, template] of clean) it(name, () => expect(py(code, template)).toEqual([]));
});

describe("folded captures", () => {
  it("a constant URL folds to its value", () => {
    const code = `import requests\nU = "https://api.openai.com/v1"\nrequests.post(U)\n`;
    const [fact] = patternFacts("python", code, ["requests.post($URL)"]);
    expect(valuesOf(fact, "URL")).toEqual(["https://api.openai.com/v1"]);
  });

  it("f-strings, concatenation and a function's parameter in its scope", () => {
    const code = `BASE = "https://api.openai.com"\ndef call(path):\n    return requests.post(f"{BASE}/v1/{path}")\ndef other():\n    requests.post(BASE + "/v1")\n`;
    const facts = patternFacts("python", code, ["requests.post($URL)"]);
    expect(valuesOf(facts[0], "URL")).toEqual(["https://api.openai.com/v1/?"]);
    expect(valuesOf(facts[1], "URL")).toEqual(["https://api.openai.com/v1"]);
  });

  it("paths through imports and aliases", () => {
    const code = `from requests import get\nimport httpx as h\nuse(get)\nuse(h.post)\n`;
    const facts = patternFacts("python", code, ["use($X)"]);
    expect(facts[0]?.captures.X?.value.paths).toEqual(["get", "requests.get"]);
    expect(facts[1]?.captures.X?.value.paths).toEqual(["h.post", "httpx.post"]);
  });

  it("calls whose result the value is, through a name", () => {
    const code = `clean = bleach.clean(html)\nrender(clean)\nrender(raw)\n`;
    const facts = patternFacts("python", code, ["render($X)"]);
    expect(facts.map((f) => f.captures.X?.value.calls ?? [])).toEqual([["bleach.clean"], []]);
  });

  it("dict keys of a captured dict", () => {
    const code = `M = "DELETE"\nsend({"method": M, "url": "https://x.test"})\n`;
    const [fact] = patternFacts("python", code, ["send($CONFIG)"]);
    expect(fact?.captures.CONFIG?.value.keys).toEqual({ method: ["DELETE"], url: ["https://x.test"] });
  });
});

describe("bad templates", () => {
  it("a template that does not parse names the template", () => {
    expect(validatePatternTemplate("python", "requests.get($URL,,)")).toMatch(/requests\.get\(\$URL,,\)/);
    expect(() => compilePythonTemplate("def (")).toThrow(/does not parse/);
  });

  it("more than one statement, a lone metavariable, and a lower-case $ are refused", () => {
    expect(validatePatternTemplate("python", "a()\nb()\n")).toMatch(/2 statements/);
    expect(validatePatternTemplate("python", "$X")).toMatch(/only a metavariable/);
    expect(validatePatternTemplate("python", "f($url)")).toMatch(/capitals/);
  });

  it("inside a string, $NAME is text, as in TypeScript", () => {
    expect(py(`price("$AMOUNT")\nprice("5")\n`, `price("$AMOUNT")`)).toEqual(["p0@1:1"]);
    expect(matches("typescript", `price("$AMOUNT");\nprice("5");\n`, `price("$AMOUNT")`)).toEqual(["p0@1:1"]);
  });

  it("a good template validates and is compiled once", () => {
    expect(validatePatternTemplate("python", "requests.get($$$, verify=False)")).toBeUndefined();
    expect(compilePythonTemplate("reuse($X)")).toBe(compilePythonTemplate("reuse($X)"));
  });
});

describe("pruning and requests", () => {
  it("blocks the engine's pre-check would blank are read when a Python pattern is asked for", () => {
    const code = `def unrelated():\n    eval(data)\n\ndef other():\n    return 1\n`;
    const request = { kinds: new Set<never>(), patterns: requestOf("python", ["eval($X)"]) };
    const result = pythonAdapter.extract({ path: "m.py", text: code, language: "python" }, { request, mayMatter: () => false });
    expect(result.facts.filter((f) => f.kind === "pattern").map((f) => f.span.start)).toEqual([code.indexOf("eval")]);
  });

  it("TypeScript templates do not run on Python", () => {
    const request = { kinds: new Set<never>(), patterns: requestOf("typescript", ["eval($X)"]) };
    const result = pythonAdapter.extract({ path: "m.py", text: `eval(x)\n`, language: "python" }, { request });
    expect(result.facts.filter((f) => f.kind === "pattern")).toEqual([]);
  });
});

describe("captures through imports", () => {
  it("an aliased module stands for its module (import requests as r)", () => {
    const [fact] = patternFacts("python", `import requests as r\nr.delete(u)\n`, ["$HTTP.delete($URL)"]);
    expect(fact?.captures.HTTP?.value.paths).toEqual(["r", "requests"]);
  });
});

describe("patterns beside general facts", () => {
  it("the same captures when general facts are asked for too (the adapter then shares one path resolver)", () => {
    const code = `import requests as r\nfrom httpx import Client\nwith Client() as c:\n    c.delete(URL, timeout=3)\nr.delete(f"{BASE}/x")\nsession = r.Session()\nsession.verify = False\n`;
    const patterns = requestOf("python", ["$HTTP.delete($URL, $$$)", "$HTTP.delete($URL)", "$S.verify = False"]);
    const run = (kinds: string[]) =>
      pythonAdapter
        .extract({ path: "m.py", text: code, language: "python" }, { request: { kinds: new Set(kinds as never[]), patterns }, diskImports: false })
        .facts.filter((f) => f.kind === "pattern");
    const alone = run([]);
    expect(alone.length).toBeGreaterThanOrEqual(3);
    expect(run(["import", "call", "member", "string"])).toEqual(alone);
    expect(run(["member"])).toEqual(alone);
  });
});
