/** ImportFact: every syntax that names a module, with names and the resolved project path. */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe as group, expect, test } from "vitest";
import { facts, tree } from "./helpers.js";

const imports = (code: string, path?: string) => facts(code, ["import"], path);

group("import facts", () => {
  test("static imports, side effects, re-exports and type-only imports", () => {
    const code = [
      `import OpenAI, { OpenAI as O, type ClientOptions } from "openai";`,
      `import * as ai from "openai/resources";`,
      `import "openai/shims/node";`,
      `import type { Session } from "legacy-auth";`,
      `export { chat as talk, models } from "openai";`,
      `export * from "openai";`,
      `export * as all from "openai";`,
    ].join("\n");
    expect(imports(code, "example.ts")).toEqual([
      "import:openai[default,OpenAI,ClientOptions]@1:57",
      "import:openai/resources[*]@2:21",
      "import:openai/shims/node[*]@3:8",
      "import:legacy-auth[Session]@4:30",
      "import:openai[chat,models]@5:38",
      "import:openai[*]@6:15",
      "import:openai[*]@7:22",
    ]);
  });

  test("require, destructured require, dynamic import with a folded specifier, import = require", () => {
    const code = [
      `const OpenAI = require("openai");`,
      `const { Configuration, OpenAIApi } = require("openai");`,
      `const chat = require("openai").chat;`,
      `const LIB = "@/lib/legacy-auth";`,
      `const auth = await import(LIB);`,
      "const { login } = await import(`${LIB}/login`);",
      "const mod = await import(`./locales/${lang}.js`);",
      `import legacy = require("legacy-auth");`,
    ].join("\n");
    expect(imports(code, "src/app/page.ts")).toEqual([
      "import:openai[*]@1:24",
      "import:openai[Configuration,OpenAIApi]@2:46",
      "import:openai[chat]@3:22",
      "import:@/lib/legacy-auth[*]->src/lib/legacy-auth@5:27",
      "import:@/lib/legacy-auth/login[login]->src/lib/legacy-auth/login@6:32",
      "import:./locales/?.js[*]->src/app/locales/?.js@7:26",
      "import:legacy-auth[*]@8:25",
    ]);
  });

  test("a require shadowed by a local function, and strings that only look like modules, are no imports", () => {
    const code = [
      `function load(require: (m: string) => unknown) { return require("openai"); }`,
      `const name = "openai";`,
      `console.log("import x from 'openai'");`,
    ].join("\n");
    expect(imports(code, "example.ts")).toEqual([]);
  });

  test("resolved: relative paths and tsconfig aliases, relative to the git root, whether or not the file exists", () => {
    const root = tree({
      "package.json": "{}",
      "tsconfig.json": `{ "compilerOptions": { "baseUrl": ".", "paths": { "@legacy/*": ["src/lib/legacy-auth/*"], "*": ["src/types/*"] } } }`,
      "src/lib/legacy-auth/index.ts": "export const login = () => 1;\n",
      "src/lib/legacy-auth/session.ts": "export const session = 1;\n",
    });
    mkdirSync(join(root, ".git"));
    const code = [
      `import { login } from "../lib/legacy-auth";`,
      `import { session } from "@legacy/session";`,
      `import { gone } from "@/lib/legacy-auth/gone";`,
      `import { ok } from "../lib/new-auth";`,
      `import React from "react";`,
    ].join("\n");
    expect(imports(code, join(root, "src/features/login.ts"))).toEqual([
      "import:../lib/legacy-auth[login]->src/lib/legacy-auth/index.ts@1:23",
      "import:@legacy/session[session]->src/lib/legacy-auth/session.ts@2:25",
      "import:@/lib/legacy-auth/gone[gone]->src/lib/legacy-auth/gone@3:22",
      "import:../lib/new-auth[ok]->src/lib/new-auth@4:20",
      "import:react[default]@5:19",
    ]);
  });

  test("no request, no general facts; a request for other kinds gives no imports", () => {
    const code = `import OpenAI from "openai";\nnew OpenAI();`;
    expect(facts(code, ["call"])).toEqual(["new:OpenAI|openai@2:5"]);
    expect(imports(code)).toEqual(["import:openai[default]@1:20"]);
  });
});
