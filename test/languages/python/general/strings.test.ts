import { describe, expect, it } from "vitest";
import { at, show, strings } from "./helpers.js";

/** [value candidates, role, line:column, code at the span] for the given roles */
const rows = (text: string, roles: string[] = ["url", "sql"]) =>
  strings(text)
    .filter((f) => roles.includes(f.role))
    .map((f) => [show(f.value), f.role, at(text, f.span), text.slice(f.span.start, f.span.end)]);

describe("python string facts", () => {
  it("every literal and f-string, folded, role other; and the outermost expression a literal is built into", () => {
    const text = `HOST = "api.openai.com"
x = f"https://{HOST}/v1" "/chat"
y = 'plain'
BASE = "https://" + HOST
z = ("%s/v1/" % BASE) + "models"
w = "{}/v2".format(BASE)
`;
    expect(rows(text, ["other"])).toEqual([
      [["api.openai.com"], "other", "1:8", '"api.openai.com"'],
      [["https://api.openai.com/v1/chat"], "other", "2:5", 'f"https://{HOST}/v1" "/chat"'],
      [["plain"], "other", "3:5", "'plain'"],
      [["https://"], "other", "4:8", '"https://"'],
      [["https://api.openai.com"], "other", "4:8", '"https://" + HOST'],
      [["https://api.openai.com/v1/models"], "other", "5:5", '("%s/v1/" % BASE) + "models"'],
      [["%s/v1/"], "other", "5:6", '"%s/v1/"'],
      [["models"], "other", "5:25", '"models"'],
      [["{}/v2"], "other", "6:5", '"{}/v2"'],
      [["https://api.openai.com/v2"], "other", "6:5", '"{}/v2".format(BASE)'],
    ]);
  });

  it("URL arguments of HTTP calls, folded through constants (requests, httpx, urllib, aliases)", () => {
    const text = `import requests as rq, httpx, urllib.request
from urllib.request import urlopen
BASE = "http://internal.example"
rq.get(BASE + "/users")
httpx.post(url=f"{BASE}/v2")
rq.request("DELETE", BASE)
httpx.Client().get("http://a.example")
urlopen("http://b.example")
urllib.request.Request("http://c.example")
`;
    expect(rows(text)).toEqual([
      [["http://internal.example/users"], "url", "4:8", 'BASE + "/users"'],
      [["http://internal.example/v2"], "url", "5:16", 'f"{BASE}/v2"'],
      [["http://internal.example"], "url", "6:22", "BASE"],
      [["http://a.example"], "url", "7:20", '"http://a.example"'],
      [["http://b.example"], "url", "8:9", '"http://b.example"'],
      [["http://c.example"], "url", "9:24", '"http://c.example"'],
    ]);
  });

  it("clients: sessions, async with aiohttp, base_url prefixed to relative URLs, http.client host", () => {
    const text = `import aiohttp, httpx, requests, http.client
s = requests.Session()
s.post("http://plain.example/x")
async def f(u):
    async with aiohttp.ClientSession() as session:
        async with session.get("http://d.example") as resp:
            pass
api = httpx.Client(base_url="https://api.openai.com")
api.get("/v1/models")
conn = http.client.HTTPSConnection("api.openai.com")
conn.request("GET", "/v1/chat")
`;
    expect(rows(text)).toEqual([
      [["http://plain.example/x"], "url", "3:8", '"http://plain.example/x"'],
      [["http://d.example"], "url", "6:32", '"http://d.example"'],
      [["https://api.openai.com"], "url", "8:29", '"https://api.openai.com"'],
      [["https://api.openai.com/v1/models"], "url", "9:9", '"/v1/models"'],
      [["https://api.openai.com"], "url", "10:36", '"api.openai.com"'],
      [["https://api.openai.com/v1/chat"], "url", "11:21", '"/v1/chat"'],
    ]);
  });

  it("SQL texts the adapter reads as SQL, role sql, folded", () => {
    const text = `T = "integrations"
cur.execute("SELECT * FROM " + T)
LOAD = f"DELETE FROM {T} WHERE id = %s"
print("select the rows from the list")
`;
    expect(rows(text, ["sql"])).toEqual([
      [["SELECT * FROM integrations"], "sql", "2:13", '"SELECT * FROM " + T'],
      [["DELETE FROM integrations WHERE id = %s"], "sql", "3:8", 'f"DELETE FROM {T} WHERE id = %s"'],
    ]);
  });

  it("look-alikes: URLs given to print, logging, a dict's get or a non-HTTP `get` are not role url", () => {
    const text = `import logging
URL = "http://x.example"
print(URL)
logging.info("calling %s", URL)
cache.get(URL)
settings.get("http://y.example")
`;
    expect(rows(text, ["url"])).toEqual([]);
  });
});
