/** Pattern matching on bad or large input: recovered parse trees, long lists, many candidates. */
import { describe, expect, it } from "vitest";
import { matches } from "./helpers.js";

describe("robustness", () => {
  it("TS: a syntax error elsewhere in the file leaves the rest matchable", () => {
    const code = `fetch(u);\nconst x = ;\nfetch(v);\n`;
    const found = matches("typescript", code, "fetch($U)");
    expect(found).toContain("p0@1:1 U=u");
  });

  it("Python: a syntax error elsewhere in the file leaves the rest matchable", () => {
    const code = `requests.get(u, verify=False)\ndef broken(:\n    pass\nrequests.get(v, verify=False)\n`;
    const found = matches("python", code, "requests.get($U, verify=False)");
    expect(found).toContain("p0@1:1 U=u");
  });

  it("long argument lists with two $$$ still give the one right answer", () => {
    const args = Array.from({ length: 400 }, (_, i) => `a${i}`);
    const ts = `f(${[...args.slice(0, 200), "needle", ...args.slice(200)].join(", ")});\n`;
    expect(matches("typescript", ts, "f($$$, needle, $$$)")).toEqual(["p0@1:1"]);
    expect(matches("typescript", ts, "f($$$, missing, $$$)")).toEqual([]);
    const py = `f(${[...args.slice(0, 200), "needle", ...args.slice(200)].join(", ")})\n`;
    expect(matches("python", py, "f($$$, needle, $$$)")).toEqual(["p0@1:1"]);
  });

  it("calls in every place: enum members, class fields, default parameters, decorators", () => {
    const code = `enum E { A = mark(1) }\nclass C { @mark(2) f = mark(3); }\nfunction g(x = mark(4)) {}\n`;
    expect(matches("typescript", code, "mark($N)").map((m) => m.split(" ")[1])).toEqual(["N=1", "N=2", "N=3", "N=4"]);
  });

  it("many candidates of the root type, few with the template's word", () => {
    const code = Array.from({ length: 2000 }, (_, i) => `call${i}(x);`).join("\n") + "\nrare(x);\n";
    expect(matches("typescript", code, "rare($X)")).toEqual(["p0@2001:1 X=x"]);
  });

  it("non-ASCII text before a match: positions count UTF-16 units like every other fact", () => {
    const code = `const s = "héllo 🎉";\nfetch(u);\n`;
    expect(matches("typescript", code, "fetch($U)")).toEqual(["p0@2:1 U=u"]);
    expect(matches("python", `s = "héllo 🎉"\nfetch(u)\n`, "fetch($U)")).toEqual(["p0@2:1 U=u"]);
  });
});
