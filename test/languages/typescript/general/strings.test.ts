/** StringFact: every literal (role other), HTTP URLs (role url), SQL texts (role sql). */
import { join } from "node:path";
import { describe as group, expect, test } from "vitest";
import { facts, generalFacts, tree } from "./helpers.js";

const strings = (code: string, path = "example.ts") => facts(code, ["string"], path);
const urls = (code: string, path = "example.ts") => strings(code, path).filter((s) => s.startsWith("string:url:"));
const sql = (code: string) => strings(code).filter((s) => s.startsWith("string:sql:"));

group("string facts: every literal", () => {
  test("literals, templates and concatenations with their folded values; keys and specifiers are names", () => {
    const code = [
      `import { x } from "openai";`,
      `const HOST = "api.openai.com";`,
      "const u = `https://${HOST}/v1`;",
      `const v = "https://api.open" + "ai.com";`,
      `const o = { "Content-Type": "json" };`,
      `const r = require("node:fs");`,
    ].join("\n");
    expect(strings(code)).toEqual([
      "string:other:api.openai.com@2:14",
      "string:other:https://api.openai.com/v1@3:11",
      "string:other:https://api.open@4:11",
      "string:other:https://api.openai.com@4:11",
      "string:other:ai.com@4:32",
      "string:other:json@5:29",
    ]);
  });
});

group("string facts: URLs of HTTP calls", () => {
  test("fetch, axios, ky, got, undici, node https, superagent: folded through constants, at the argument", () => {
    const code = [
      `import ax from "axios";`,
      `import { request } from "undici";`,
      `import https from "node:https";`,
      `import superagent from "superagent";`,
      `const BASE = "https://api.openai.com";`,
      "fetch(`${BASE}/v1/chat`);",
      `ax.post(BASE + "/v1/embeddings", body);`,
      `ax({ method: "post", url: BASE + "/v1/x" });`,
      `request(BASE);`,
      `https.request({ hostname: "api.openai.com", path: "/v1/models" });`,
      `superagent("GET", BASE);`,
      `ky.get(BASE);`,
    ].join("\n");
    expect(urls(code)).toEqual([
      "string:url:https://api.openai.com/v1/chat@6:7",
      "string:url:https://api.openai.com/v1/embeddings@7:9",
      "string:url:https://api.openai.com/v1/x@8:27",
      "string:url:https://api.openai.com@9:9",
      "string:url:https://api.openai.com/v1/models@10:15",
      "string:url:https://api.openai.com@11:19",
      "string:url:https://api.openai.com@12:8",
    ]);
  });

  test("after a deny: window/globalThis fetch, aliases, new URL with a base, Request, axios.create baseURL", () => {
    const code = [
      `const HOST = "https://api.openai.com";`,
      `window.fetch(HOST + "/v1/a");`,
      `const f = globalThis.fetch;`,
      `f(new URL("/v1/b", HOST));`,
      `const endpoint = new URL("v1/c", HOST + "/");`,
      `fetch(endpoint.toString());`,
      `fetch(new Request(\`\${HOST}/v1/d\`));`,
      `const api = axios.create({ baseURL: HOST });`,
      `api.post("/v1/e", {});`,
      `const openaiClient = makeClient();`,
      `openaiClient.get(HOST + "/v1/f");`,
    ].join("\n");
    expect(urls(code)).toEqual([
      "string:url:https://api.openai.com/v1/a@2:14",
      "string:url:https://api.openai.com/v1/b@4:3",
      "string:url:https://api.openai.com/v1/c@6:7",
      "string:url:https://api.openai.com/v1/d@7:7",
      "string:url:https://api.openai.com/v1/e@9:10",
      "string:url:https://api.openai.com/v1/f@11:18",
    ]);
  });

  test("look-alikes are no URLs: route definitions, map lookups, logging", () => {
    const code = [
      `app.get("/v1/chat", (req, res) => res.send("ok"));`,
      `router.post("/v1/chat", handler, () => {});`,
      `cache.get("https://api.openai.com/v1");`,
      `console.log("https://api.openai.com/v1");`,
      `const fetch = (x: string) => x;`,
    ].join("\n");
    expect(urls(code)).toEqual([]);
  });

  test("a URL constant imported from another module on disk", () => {
    const root = tree({
      "package.json": "{}",
      "src/lib/endpoints.ts": `const HOST = "https://api.openai.com";\nexport const CHAT_URL = \`\${HOST}/v1/chat/completions\`;\n`,
    });
    const code = `import { CHAT_URL } from "@/lib/endpoints";\nexport const go = () => fetch(CHAT_URL, { method: "POST" });`;
    expect(urls(code, join(root, "src/app/route.ts"))).toEqual(["string:url:https://api.openai.com/v1/chat/completions@2:31"]);
  });
});

group("string facts: SQL", () => {
  test("texts handed to the SQL adapter, at the literal; prose is not SQL", () => {
    const code = [
      "const rows = await sql`select * from users where id = ${id}`;",
      `await db.query("DELETE FROM sessions");`,
      `const LIST = "SELECT id FROM integrations";`,
      `const note = "Update the integrations table.";`,
      `const label = "Select a provider";`,
    ].join("\n");
    expect(sql(code)).toEqual([
      "string:sql:select * from users where id = ?@1:23",
      "string:sql:DELETE FROM sessions@2:16",
      "string:sql:SELECT id FROM integrations@3:14",
    ]);
  });
});

group("string facts: via", () => {
  test("a URL from a constant says which constant", () => {
    const code = `const OPENAI_URL = "https://api.openai.com/v1/chat";\nfetch(OPENAI_URL);`;
    const url = generalFacts(code, ["string"], "example.ts").find((f) => f.kind === "string" && f.role === "url")!;
    expect(url.via?.map((step) => code.slice(step.span.start, step.span.end))).toEqual(["OPENAI_URL"]);
    expect(url.via?.[0]?.note).toContain("const OPENAI_URL");
  });
});

group("string facts: bad input", () => {
  test("self-referencing constants end as unknown, not as a hang", () => {
    const code = [`const u = new URL("/x", u);`, `fetch(u);`, `const p = p.concat("/y");`, `fetch(p);`, `const a = [a].join("/");`, `fetch(a);`].join("\n");
    // Whatever the cycle folds to, it ends: one URL fact at the one call whose URL has a known part.
    expect(urls(code).map((fact) => fact.slice(fact.indexOf("@")))).toEqual(["@2:7"]);
  });
});
