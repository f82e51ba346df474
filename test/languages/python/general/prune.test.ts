/**
 * Pruning (src/languages/python/prune.ts blanks top-level blocks the pre-check rules out) keeps
 * every general fact a rule could match: a block that uses a name holding a rule's word (an
 * import alias, a constant, a client) is kept, and so is every block a kept one uses.
 * The facts that mention a rule's word must be the same with and without blanking.
 */
import { describe, expect, it } from "vitest";
import type { Fact } from "../../../../src/core/types.js";
import { extractPython } from "../../../../src/languages/python/index.js";
import { blankIrrelevantBlocks } from "../../../../src/languages/python/prune.js";
import { ALL_KINDS } from "./helpers.js";

/** The words the engine's pre-check would look for, for rules on these (compile.ts mayMatch is a lower-case substring test). */
const NEEDLES = ["requests", "httpx", "api.openai.com", "openai", "environ", "legacy"];
const mayMatter = (text: string) => NEEDLES.some((n) => text.toLowerCase().includes(n));

const GENERAL = new Set(["import", "call", "member", "string"]);
function relevant(text: string, prune: boolean): string[] {
  const facts: Fact[] = extractPython(text, { request: { kinds: ALL_KINDS, patterns: [] }, ...(prune ? { mayMatter } : {}) }).facts;
  return facts
    .filter((f) => GENERAL.has(f.kind))
    .map((f) => JSON.stringify(f))
    .filter((json) => mayMatter(json));
}

const CASES: Record<string, string> = {
  "an import alias used in a function": `import requests as r
import json

def helper(x):
    return json.dumps(x)

def send(u):
    return r.get(u)
`,
  "a URL constant and a parameter filled by a caller": `import httpx as h
BASE = "https://api.openai.com"

def post(url):
    return h.post(url)

def unrelated():
    return 1 + 1

def main():
    post(BASE + "/v1/chat")
`,
  "a client made in __init__, used in a subclass": `from openai import OpenAI as Make

class Base:
    def __init__(self):
        self.client = Make()

class Bot(Base):
    def reply(self):
        return self.client.chat.completions.create(model="m")

def other():
    return "nothing"
`,
  "an environment alias and a relative import inside a function": `from os import environ as E

def key():
    return E["OPENAI_API_KEY"]

def load():
    from .legacy import auth
    return auth
`,
};

describe("python general facts survive pruning", () => {
  for (const [name, text] of Object.entries(CASES)) {
    it(name, () => {
      const full = relevant(text, false);
      expect(full.length).toBeGreaterThan(0);
      expect(relevant(text, true)).toEqual(full);
    });
  }

  it("pruning still blanks what no rule can involve", () => {
    const text = CASES["a URL constant and a parameter filled by a caller"]!;
    const blanked = blankIrrelevantBlocks(text, mayMatter);
    expect(blanked).not.toContain("def unrelated");
    expect(blanked).toContain("def post");
    expect(blanked).toContain("def main");
  });
});
