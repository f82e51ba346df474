import { describe, expect, it } from "vitest";
import { at, members, show } from "./helpers.js";

/** [path candidates, line:column, code at the span] */
const rows = (text: string) => members(text).map((f) => [show(f.path), at(text, f.span), text.slice(f.span.start, f.span.end)]);

describe("python member facts", () => {
  it("the longest attribute / subscript chain, constant keys as segments, reported at the chain; a callee's receiver chain", () => {
    const text = `import os
KEY = "OPENAI_API_KEY"
os.environ["DATABASE_URL"].strip()
token = os.environ[KEY]
os.environ[name]
settings.db.url
self.client.chat.completions.create()
requests.get(u)
`;
    expect(rows(text)).toEqual([
      [["os.environ.DATABASE_URL"], "3:1", 'os.environ["DATABASE_URL"]'],
      [["os.environ.OPENAI_API_KEY"], "4:9", "os.environ[KEY]"],
      [["os.environ.*"], "5:1", "os.environ[name]"],
      [["settings.db.url"], "6:1", "settings.db.url"],
      [["self.client.chat.completions"], "7:1", "self.client.chat.completions"],
    ]);
  });

  it("through aliases: a module alias, `from os import environ`, a variable holding os.environ", () => {
    const text = `import os as o
from os import environ as E
env = o.environ
def load():
    return env["A"], E["B"], o.environ["C"]
`;
    expect(rows(text)).toEqual([
      [["o.environ", "os.environ"], "3:7", "o.environ"],
      [["env.A", "o.environ.A", "os.environ.A"], "5:12", 'env["A"]'],
      [["E.B", "os.environ.B"], "5:22", 'E["B"]'],
      [["o.environ.C", "os.environ.C"], "5:30", 'o.environ["C"]'],
    ]);
  });

  it("a method called on a bare name that stands for a module's member reads that member; on a name of the file's own, nothing", () => {
    const text = `from sys import argv
import sys as s
args = s.argv
argv.pop()
args.copy()
items = []
items.pop()
def main(argv):
    return argv.pop()
`;
    expect(rows(text)).toEqual([
      [["s.argv", "sys.argv"], "3:8", "s.argv"],
      [["argv", "sys.argv"], "4:1", "argv"],
      [["args", "s.argv", "sys.argv"], "5:1", "args"],
    ]);
  });

  it("environment reads by call read os.environ.<NAME>: os.environ.get (at os.environ), os.getenv (at the callee), renamed too", () => {
    const text = `import os
from os import getenv as ge
os.environ.get("STRIPE_KEY", "x")
os.getenv("OPENAI_API_KEY")
ge("GEMINI_KEY")
os.getenv(some_name)
env = os.environ
env.pop("TMP")
`;
    expect(rows(text)).toEqual([
      [["os.environ", "os.environ.STRIPE_KEY"], "3:1", "os.environ"],
      [["os.environ.OPENAI_API_KEY"], "4:1", "os.getenv"],
      [["os.environ.GEMINI_KEY"], "5:1", "ge"],
      [["os.environ.*"], "6:1", "os.getenv"],
      [["os.environ"], "7:7", "os.environ"],
      [["env", "os.environ", "os.environ.TMP"], "8:1", "env"],
    ]);
  });

  it("look-alikes: another object's environ, a local dict named environ, chains on a call's result", () => {
    const text = `environ = {"A": 1}
environ["A"]
config.environ["A"]
load_env().environ["A"]
`;
    expect(rows(text)).toEqual([
      [["environ.A"], "2:1", 'environ["A"]'],
      [["config.environ.A"], "3:1", 'config.environ["A"]'],
    ]);
  });
});
