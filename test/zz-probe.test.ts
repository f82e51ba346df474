import { test } from "vitest";
import { extractPython } from "../src/languages/python/index.js";
test("probe", () => {
const req = { kinds: new Set(["member","call"]), patterns: [] } as any;
for (const code of ["import sys\nsys.argv.pop()\n", "from sys import argv\nargv.pop()\n", "import requests\nrequests.get('x')\n", "os.environ.clear()\nfoo.bar()\n"]) {
  const r = extractPython(code, { request: req });
  console.log(JSON.stringify(code), JSON.stringify(r.facts.filter((f:any)=>f.kind==="member").map((f:any)=>f.path)));
}
});
