import { describe, expect, it } from "vitest";
import { NAME_HOLE } from "../../../../src/core/types.js";
import { at, calls, callsTo, folded } from "./helpers.js";

/** [callee paths, new, line:column, code at the span] */
const rows = (text: string) => calls(text).map((f) => [f.callee, f.new, at(text, f.span), text.slice(f.span.start, f.span.end)]);

describe("python call facts: callee paths through aliases", () => {
  it("module aliases, renamed from-imports, reported at the callee", () => {
    const text = `import requests as r
from requests import get as g
import stripe
r.get(u)
g(u)
stripe.Charge.create(amount=1)
`;
    expect(rows(text)).toEqual([
      [["r.get", "requests.get"], false, "4:1", "r.get"],
      [["g", "requests.get"], false, "5:1", "g"],
      [["stripe.Charge.create"], false, "6:1", "stripe.Charge.create"],
    ]);
  });

  it("a client method's module path only for client classes: not for names an object has (constructor, toString)", () => {
    const text = `constructor.get(u)\ntoString.post(u)\n__proto__.get(u)\n`;
    expect(rows(text).map(([callee]) => callee)).toEqual([["constructor.get"], ["toString.post"], ["__proto__.get"]]);
  });

  it("instances: a call result is named by its callee (Session, Client, async with, self.client)", () => {
    const text = `import requests, httpx, aiohttp
from openai import OpenAI
s = requests.Session()
s.get(u)
httpx.Client().post(u)
async def f():
    async with aiohttp.ClientSession() as session:
        await session.get(u)
with httpx.Client() as c:
    c.get(u)
class Bot:
    def __init__(self):
        self.client = OpenAI()
    def reply(self):
        return self.client.chat.completions.create(model="gpt-4o")
`;
    const found = rows(text).filter(([, , , code]) => /\.(get|post|create)$/.test(code as string));
    expect(found).toEqual([
      [["s.get", "requests.Session.get", "requests.get"], false, "4:1", "s.get"],
      [["httpx.Client.post", "httpx.post"], false, "5:1", "httpx.Client().post"],
      [["session.get", "aiohttp.ClientSession.get", "aiohttp.get"], false, "8:15", "session.get"],
      [["c.get", "httpx.Client.get", "httpx.get"], false, "10:5", "c.get"],
      [["self.client.chat.completions.create", "OpenAI.chat.completions.create", "openai.OpenAI.chat.completions.create"], false, "15:16", "self.client.chat.completions.create"],
    ]);
  });

  it("getattr(module, \"name\")(...) and __import__(\"m\").f(...)", () => {
    const text = `import requests
getattr(requests, "post")(u)
__import__("requests").get(u)
`;
    expect(rows(text).filter(([callee]) => (callee as string[]).some((c) => c.startsWith("requests")))).toEqual([
      [["requests.post"], false, "2:1", 'getattr(requests, "post")'],
      [["requests.get"], false, "3:1", '__import__("requests").get'],
    ]);
  });

  it("a name bound nowhere in the file may come from `from m import *`", () => {
    const text = `from requests import *
def get_user(): ...
get(u)
get_user()
`;
    expect(rows(text)).toEqual([
      [["get", "requests.get"], false, "3:1", "get"],
      [["get_user"], false, "4:1", "get_user"],
    ]);
  });

  it("new: a CapWords callee (as written or through an alias) is a class instantiation", () => {
    const text = `from openai import OpenAI as make, AsyncOpenAI
import openai
OpenAI_KEY = "x"
make(api_key=k)
openai.OpenAI()
AsyncOpenAI()
openai.chat()
SQL("select 1")
`;
    expect(rows(text)).toEqual([
      [["make", "openai.OpenAI"], true, "4:1", "make"],
      [["openai.OpenAI"], true, "5:1", "openai.OpenAI"],
      [["AsyncOpenAI", "openai.AsyncOpenAI"], true, "6:1", "AsyncOpenAI"],
      [["openai.chat"], false, "7:1", "openai.chat"],
      [["SQL"], false, "8:1", "SQL"],
    ]);
  });

  it("look-alikes keep their own paths: a parameter named `requests` kept on self, a dict's get, another object", () => {
    const text = `import requests
class Api:
    def __init__(self, requests):
        self.requests = requests
    def fetch(self):
        return self.requests.get(u)
cache = {}
cache.get("https://api.openai.com")
my_requests.get(u)
`;
    const paths = calls(text).flatMap((f) => f.callee);
    expect(paths).toEqual(["self.requests.get", "cache.get", "my_requests.get"]);
  });
});

describe("python call facts: arguments as folded values", () => {
  it("strings through constants, concatenation and f-strings; every candidate", () => {
    const text = `import requests
BASE = "https://api.openai.com"
VERSION = "v1" if prod else "v2"
requests.post(BASE + "/" + VERSION + "/chat", json={"model": "gpt-4o", "opts": {"stream": "yes"}}, timeout=T)
requests.get(f"{BASE}/{path}")
`;
    const [post, get] = callsTo(text, "requests.post").concat(callsTo(text, "requests.get"));
    expect(post!.args.map(folded)).toEqual([{ value: ["https://api.openai.com/v1/chat", "https://api.openai.com/v2/chat"] }]);
    expect(folded(post!.keywords!.json)).toEqual({ value: [], keys: { model: ["gpt-4o"], opts: [], "opts.stream": ["yes"] } });
    expect(folded(post!.keywords!.timeout)).toEqual({ value: [], paths: ["T"] });
    expect(get!.args[0]!.value).toEqual([`https://api.openai.com/${NAME_HOLE}`]);
  });

  it("plain: some value an argument may hold is no call's result", () => {
    const text = `from html import escape
safe = escape(raw)
render(safe, escape(raw), raw, "x", escape(a) + b)
`;
    expect(callsTo(text, "render")[0]!.args.map((arg) => arg.plain ?? false)).toEqual([false, false, true, true, true]);
  });

  it("paths of names and attributes (after aliases); calls of call results, also through a variable", () => {
    const text = `import os
from html import escape as esc
env = os.environ
safe = esc(raw)
render(env, os.environ["HOME"], esc(raw), safe, await fetch_user())
`;
    const render = callsTo(text, "render")[0]!;
    expect(render.args.map(folded)).toEqual([
      { value: [], paths: ["env", "os.environ"] },
      { value: [], paths: ["os.environ.HOME"] },
      { value: [], calls: ["esc", "html.escape"] },
      // A name holding a call's result is also named by the callee (paths.ts), and its calls are that call's.
      { value: [], paths: ["safe", "esc", "html.escape"], calls: ["esc", "html.escape"] },
      { value: [], calls: ["fetch_user"] },
    ]);
  });
});
