/** CallFact: callee paths through aliases, destructuring and imports; arguments folded. */
import { join } from "node:path";
import { describe as group, expect, test } from "vitest";
import type { CallFact } from "../../../../src/core/types.js";
import { facts, generalFacts, shown, tree } from "./helpers.js";

const calls = (code: string, path?: string) => facts(code, ["call"], path);
const callFacts = (code: string, path?: string) => generalFacts(code, ["call"], path) as CallFact[];

group("call facts: callee paths", () => {
  test("aliases, destructuring and optional chaining give the path the alias stands for", () => {
    const code = [
      `const c = stripe.charges;`,
      `c.create({ amount: 1 });`,
      `const { charges } = stripe;`,
      `charges?.create();`,
      `const { charges: { create } } = stripe;`,
      `create();`,
      `stripe?.charges?.create?.();`,
      `const get = axios.get.bind(axios);`,
      `get("/x");`,
    ].join("\n");
    expect(calls(code)).toEqual([
      "call:c.create|stripe.charges.create@2:1",
      "call:charges.create|stripe.charges.create@4:1",
      "call:create|stripe.charges.create@6:1",
      "call:stripe.charges.create@7:1",
      "call:axios.get.bind@8:13",
      "call:get|axios.get@9:1",
    ]);
  });

  test("imports: a named import by its imported name, a default or namespace import by its package", () => {
    const code = [
      `import { OpenAI as O } from "openai";`,
      `import ax from "axios";`,
      `import * as http from "node:http";`,
      `import Stripe = require("stripe");`,
      `const { Anthropic } = require("@anthropic-ai/sdk");`,
      `new O({ apiKey: key });`,
      `ax.get(url);`,
      `http.request(url);`,
      `new Stripe(key).charges.create();`,
      `new Anthropic();`,
      `import Claude from "@anthropic-ai/sdk";`,
      `new Claude();`,
    ].join("\n");
    expect(calls(code, "example.ts")).toEqual([
      "call:require@5:23",
      "new:O|OpenAI|openai.OpenAI@6:5",
      "call:ax.get|axios.get@7:1",
      "call:http.request@8:1",
      "new:Stripe|stripe@9:5",
      "new:Anthropic|@anthropic-ai/sdk.Anthropic@10:5",
      // A scoped package is one path segment, as rules write it (`@anthropic-ai/sdk.**`).
      "new:Claude|@anthropic-ai/sdk@12:5",
    ]);
  });

  test("`this.client` holding an alias, and global objects standing for the globals", () => {
    const code = [
      `class Billing {`,
      `  private client = stripe;`,
      `  charge() { return this.client.charges.create(); }`,
      `}`,
      `window.fetch(u);`,
      `globalThis.fetch(u);`,
      `self.fetch?.(u);`,
    ].join("\n");
    expect(calls(code, "example.ts")).toEqual([
      "call:this.client.charges.create|stripe.charges.create@3:21",
      "call:window.fetch|fetch@5:1",
      "call:globalThis.fetch|fetch@6:1",
      "call:self.fetch|fetch@7:1",
    ]);
  });

  test("look-alikes keep their own path: parameters, shadowed imports, a local window; a call result is its function's path", () => {
    const code = [
      `import { OpenAI } from "openai";`,
      `function pay(charges: Charges, OpenAI: Ctor) { charges.create(); new OpenAI(); }`,
      `const window = { fetch: myFetch };`,
      `window.fetch(u);`,
      `getClient().charges.create();`,
      `(await getClient()).charges.create();`,
    ].join("\n");
    expect(calls(code, "example.ts")).toEqual([
      "call:charges.create@2:48",
      "new:OpenAI@2:70",
      "call:window.fetch@4:1",
      "call:getClient@5:1",
      "call:getClient.charges.create@5:1",
      "call:getClient.charges.create@6:1",
      "call:getClient@6:8",
    ]);
  });

  test("new only for new expressions", () => {
    const [plain, constructed] = callFacts(`OpenAI();\nnew OpenAI();`);
    expect([plain!.new, constructed!.new]).toEqual([false, true]);
  });
});

group("call facts: arguments", () => {
  test("strings fold through constants, templates, concatenation and ?: (every candidate)", () => {
    const code = [
      `const BASE = "https://api.openai.com";`,
      `const VERSION = "v1";`,
      "fetch(`${BASE}/${VERSION}/chat/completions`);",
      `fetch(BASE + "/" + VERSION + "/models");`,
      `fetch(prod ? BASE : "http://localhost:8080");`,
      "fetch(`${BASE}/${path}`);",
    ].join("\n");
    expect(callFacts(code).map((c) => shown(c.args[0]!))).toEqual([
      { value: ["https://api.openai.com/v1/chat/completions"] },
      { value: ["https://api.openai.com/v1/models"] },
      { value: ["https://api.openai.com", "http://localhost:8080"] },
      { value: ["https://api.openai.com/?"] },
    ]);
  });

  test("object literal keys are flattened, identifiers and members give paths, call results give calls", () => {
    const code = [
      `const init = { method: "POST", headers: { Authorization: \`Bearer \${process.env.OPENAI_API_KEY}\` } };`,
      `fetch(url, init);`,
      `send(process.env.OPENAI_API_KEY, token, buildUrl("x"));`,
    ].join("\n");
    const [fetchCall, send] = callFacts(code);
    expect(shown(fetchCall!.args[1]!)).toEqual({
      value: [],
      keys: { method: ["POST"], headers: [], "headers.Authorization": ["Bearer ?"] },
      paths: ["init"],
    });
    expect(send!.args.map(shown)).toEqual([
      { value: [], paths: ["process.env.OPENAI_API_KEY"] },
      { value: [], paths: ["token"] },
      { value: [], calls: ["buildUrl"] },
    ]);
  });

  test("constants imported from another module on disk fold into arguments", () => {
    const root = tree({
      "package.json": "{}",
      "src/config/urls.ts": `export const OPENAI_BASE = "https://api.openai.com";\nexport const ENDPOINTS = { chat: \`\${OPENAI_BASE}/v1/chat/completions\` };\n`,
    });
    const code = [
      `import { OPENAI_BASE, ENDPOINTS } from "../config/urls";`,
      "fetch(`${OPENAI_BASE}/v1/models`);",
      `axios.post(ENDPOINTS.chat, body);`,
    ].join("\n");
    const found = callFacts(code, join(root, "src/features/chat.ts"));
    expect(found.map((c) => [c.callee, c.args[0]!.value])).toEqual([
      [["fetch"], ["https://api.openai.com/v1/models"]],
      [["axios.post"], ["https://api.openai.com/v1/chat/completions"]],
    ]);
  });

  test("via: the alias and import steps behind a callee", () => {
    const code = `import ax from "axios";\nconst client = ax;\nclient.get(u);`;
    const call = callFacts(code).find((c) => c.callee[0] === "client.get")!;
    expect(call.callee).toEqual(["client.get", "ax.get", "axios.get"]);
    expect(call.via?.map((step) => code.slice(step.span.start, step.span.end))).toEqual(["client", "ax"]);
  });
});

group("call facts: what an agent tries after a deny", () => {
  test("destructured globals, require under another name, default exports of dynamic imports, computed globals", () => {
    const code = [
      `const { fetch: f } = globalThis;`,
      `f(u);`,
      `const http = require("axios");`,
      `http.post(u);`,
      `const OpenAI = (await import("openai")).default;`,
      `new OpenAI();`,
      `const { default: Anthropic } = await import("@anthropic-ai/sdk");`,
      `new Anthropic();`,
      `window["fetch"](u);`,
      `const g = globalThis;`,
      `g.fetch(u);`,
    ].join("\n");
    expect(calls(code, "example.ts").filter((c) => !c.startsWith("call:require"))).toEqual([
      "call:f|globalThis.fetch|fetch@2:1",
      "call:http.post|axios.post@4:1",
      "new:OpenAI|openai.default|openai@6:5",
      "new:Anthropic|@anthropic-ai/sdk@8:5",
      "call:window.fetch|fetch@9:1",
      "call:g.fetch|globalThis.fetch|fetch@11:1",
    ]);
  });

  test("URLs built with join and concat fold too", () => {
    const code = [`const HOST = "api.openai.com";`, `fetch(["https:", "", HOST, "v1"].join("/"));`, `fetch("https://".concat(HOST, "/v1"));`].join("\n");
    expect(callFacts(code).filter((c) => c.callee[0] === "fetch").map((c) => c.args[0]!.value)).toEqual([["https://api.openai.com/v1"], ["https://api.openai.com/v1"]]);
  });
});

group("call facts: instances of a package's export", () => {
  test("a client made with new (or a call) of a package import stands for the package", () => {
    const code = [
      `import Stripe from "stripe";`,
      `import { OpenAI } from "openai";`,
      `const payments = new Stripe(process.env.STRIPE_KEY);`,
      `payments.charges.create({ amount: 1 });`,
      `class Chat { private ai = new OpenAI(); run() { return this.ai.chat.completions.create({}); } }`,
      `const local = new LocalClient();`,
      `local.charges.create();`,
    ].join("\n");
    expect(calls(code, "example.ts").filter((c) => !c.startsWith("new:"))).toEqual([
      "call:payments.charges.create|stripe.charges.create@4:1",
      "call:this.ai.chat.completions.create|openai.chat.completions.create@5:56",
      "call:local.charges.create@7:1",
    ]);
  });
});
