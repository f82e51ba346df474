import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { at, factsOf, imports, show } from "./helpers.js";

/** [module candidates, names, resolved, line:column, code at the span] */
const rows = (text: string, file?: string) => imports(text, file).map((f) => [show(f.module), f.names, f.resolved, at(text, f.span), text.slice(f.span.start, f.span.end)]);

describe("python import facts", () => {
  it("import / from-import in every form, module as written, reported at the module name", () => {
    const text = `import a.b.c
import a.b as x, requests
from openai import OpenAI as O, AsyncOpenAI
from m import *
from legacy.auth import (
    login,
    logout as out,
)
def f():
    import stripe
`;
    expect(rows(text)).toEqual([
      [["a.b.c"], ["*"], undefined, "1:8", "a.b.c"],
      [["a.b"], ["*"], undefined, "2:8", "a.b"],
      [["requests"], ["*"], undefined, "2:18", "requests"],
      [["openai", "openai.OpenAI", "openai.AsyncOpenAI"], ["OpenAI", "AsyncOpenAI"], undefined, "3:6", "openai"],
      [["m"], ["*"], undefined, "4:6", "m"],
      [["legacy.auth", "legacy.auth.login", "legacy.auth.logout"], ["login", "logout"], undefined, "5:6", "legacy.auth"],
      [["stripe"], ["*"], undefined, "10:12", "stripe"],
    ]);
  });

  it("dynamic imports: __import__ and importlib.import_module (also renamed), folded through constants", () => {
    const text = `import importlib
from importlib import import_module as load
PKG = "legacy"
__import__("legacy.auth")
importlib.import_module(PKG + ".auth")
load(f"{PKG}.billing")
importlib.import_module(name)
`;
    expect(rows(text)).toEqual([
      [["importlib"], ["*"], undefined, "1:8", "importlib"],
      [["importlib", "importlib.import_module"], ["import_module"], undefined, "2:6", "importlib"],
      [["legacy.auth"], ["*"], undefined, "4:12", '"legacy.auth"'],
      [["legacy.auth"], ["*"], undefined, "5:25", 'PKG + ".auth"'],
      [["legacy.billing"], ["*"], undefined, "6:6", 'f"{PKG}.billing"'],
      [["*"], ["*"], undefined, "7:25", "name"],
    ]);
  });

  it("look-alikes are not imports: strings, comments, a method named import_module on something else", () => {
    const text = `# import legacy.auth
doc = "from legacy import auth"
loader.import_module("legacy.auth")
imports = ["legacy.auth"]
`;
    expect(rows(text)).toEqual([]);
  });

  it("nothing without a request, and only the requested kinds", () => {
    const text = `import requests\nrequests.get("https://api.openai.com")\n`;
    expect(factsOf(text, []).filter((f) => ["import", "call", "member", "string"].includes(f.kind))).toEqual([]);
    expect(new Set(factsOf(text, ["import"]).map((f) => f.kind))).toEqual(new Set(["import", "function-call"]));
  });
});

describe("python import facts: resolved, relative to the project root", () => {
  const root = mkdtempSync(join(tmpdir(), "ig-py-imports-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, ".git"));
  for (const dir of ["pkg/api", "pkg/lib/auth", "app/legacy"]) mkdirSync(join(root, dir), { recursive: true });
  for (const file of ["pkg/lib/util.py", "app/legacy/auth.py", "app/__init__.py"]) writeFileSync(join(root, file), "");
  const file = join(root, "pkg/api/views.py");

  it("relative imports: dots climb packages; a submodule name on disk gets its own fact", () => {
    const text = `from . import views, models
from ..lib import auth, util, helper
from ..lib.util import x
from .. import settings
`;
    expect(rows(text, file)).toEqual([
      [[".", ".views"], ["views"], "pkg/api/views", "1:15", "views"],
      [[".", ".models"], ["models"], "pkg/api/models", "1:22", "models"],
      [["..lib", "..lib.helper"], ["helper"], "pkg/lib", "2:6", "..lib"],
      [["..lib", "..lib.auth"], ["auth"], "pkg/lib/auth", "2:19", "auth"],
      [["..lib", "..lib.util"], ["util"], "pkg/lib/util.py", "2:25", "util"],
      [["..lib.util", "..lib.util.x"], ["x"], "pkg/lib/util.py", "3:6", "..lib.util"],
      [["..", "..settings"], ["settings"], "pkg/settings", "4:16", "settings"],
    ]);
  });

  it("absolute imports resolve when the top package is in the project; third-party ones do not", () => {
    const text = `import app.legacy.auth
from app import legacy
import requests
from os import environ
`;
    expect(rows(text, join(root, "app/main.py"))).toEqual([
      [["app.legacy.auth"], ["*"], "app/legacy/auth.py", "1:8", "app.legacy.auth"],
      [["app", "app.legacy"], ["legacy"], "app/legacy", "2:17", "legacy"],
      [["requests"], ["*"], undefined, "3:8", "requests"],
      [["os", "os.environ"], ["environ"], undefined, "4:6", "os"],
    ]);
  });

  it("a file outside any work tree (the root falls back to the cwd, which it is not in): nothing is resolved", () => {
    const bare = mkdtempSync(join(tmpdir(), "ig-py-bare-"));
    try {
      // The system temp folder has no .git or package.json above it, and the tests' cwd is the project.
      const found = imports("from . import x\n", join(bare, "m.py"))[0]!;
      expect(found.module).toEqual([".", ".x"]);
      expect(found.resolved).toBeUndefined();
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});
