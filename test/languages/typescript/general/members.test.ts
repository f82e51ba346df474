/** MemberFact: longest chains, destructuring, aliases, computed keys. */
import { describe as group, expect, test } from "vitest";
import { facts, generalFacts } from "./helpers.js";

const members = (code: string, path = "example.ts") => facts(code, ["member"], path);

group("member facts", () => {
  test("the longest chain only; a method call's receiver chain, not its callee", () => {
    const code = [
      `const key = process.env.OPENAI_API_KEY;`,
      `const trimmed = process.env.OPENAI_API_KEY.trim();`,
      `import axios from "axios"; axios.get(url);`,
      `stripe.charges.create();`,
      `process.env.MODE = "test";`,
    ].join("\n");
    expect(members(code)).toEqual([
      "member:process.env.OPENAI_API_KEY@1:13",
      "member:process.env.OPENAI_API_KEY@2:17",
      "member:stripe.charges@4:1",
      "member:process.env.MODE@5:1",
    ]);
  });

  test("destructuring gives one fact per property, at the property; rest reads every other key", () => {
    const code = [
      `const { API_KEY: k, DB_URL = "x", ...rest } = process.env;`,
      `const { env: { SECRET } } = process;`,
      `({ TOKEN } = process.env);`,
      `const { data } = await supabase.from("t").select();`,
    ].join("\n");
    expect(members(code)).toEqual([
      "member:process.env.API_KEY@1:9",
      "member:process.env.DB_URL@1:21",
      "member:process.env.?@1:35",
      "member:process.env.SECRET@2:16",
      "member:process.env.TOKEN@3:4",
      "member:supabase@4:24",
    ]);
  });

  test("a method call's receiver when it is a global or an alias of a chain; not a local or imported name", () => {
    const code = [
      `localStorage.setItem("theme", theme);`,
      `const store = window.sessionStorage;`,
      `store.setItem("cart", json);`,
      `const { getItem } = localStorage;`,
      `getItem.call(localStorage, "token");`,
      `import { storage } from "@/lib/storage";`,
      `storage.set("theme", theme);`,
      `const cartStorage = createStore("cart");`,
      `cartStorage.setItem("cart", json);`,
      `(sessionStorage).clear();`,
    ].join("\n");
    expect(members(code)).toEqual([
      "member:localStorage@1:1",
      "member:window.sessionStorage|sessionStorage@2:15",
      "member:store|window.sessionStorage|sessionStorage@3:1",
      "member:localStorage.getItem@4:9",
      "member:getItem|localStorage.getItem@5:1",
      "member:sessionStorage@10:2",
    ]);
  });

  test("aliases of a chain, computed keys folded or unknown, optional chaining, import.meta", () => {
    const code = [
      `const env = process.env;`,
      `env.OPENAI_API_KEY;`,
      `const KEY = "OPENAI_API_KEY";`,
      `process.env[KEY];`,
      `process.env[name];`,
      `process?.env?.["X"];`,
      `import.meta.env.VITE_KEY;`,
      `const { env: e } = process;`,
      `e.Y;`,
    ].join("\n");
    expect(members(code)).toEqual([
      "member:process.env@1:13",
      "member:env.OPENAI_API_KEY|process.env.OPENAI_API_KEY@2:1",
      "member:process.env.OPENAI_API_KEY@4:1",
      "member:process.env.?@5:1",
      "member:process.env.X@6:1",
      "member:import.meta.env.VITE_KEY@7:1",
      "member:process.env@8:9",
      "member:e.Y|process.env.Y@9:1",
    ]);
  });

  test("look-alikes: a parameter named process, a property named env on something else", () => {
    const code = [
      `function run(process: Proc) { return process.env.X; }`,
      `const config = { env: {} };`,
      `config.env.X;`,
    ].join("\n");
    // The path is as written; only an alias of the real `process` would add "process.env.X".
    expect(members(code)).toEqual(["member:process.env.X@1:38", "member:config.env.X@3:1"]);
  });

  test("destructuring a require is an import, not a read", () => {
    expect(members(`const { readFileSync } = require("node:fs");`)).toEqual([]);
  });
});

group("member facts: via", () => {
  test("the alias steps behind a destructured property", () => {
    const code = `const env = process.env;\nconst { OPENAI_API_KEY } = env;`;
    const fact = generalFacts(code, ["member"], "example.ts").at(-1)!;
    expect(fact.kind === "member" && fact.path).toEqual(["env.OPENAI_API_KEY", "process.env.OPENAI_API_KEY"]);
    expect(fact.via?.map((step) => code.slice(step.span.start, step.span.end))).toEqual(["env"]);
  });
});
