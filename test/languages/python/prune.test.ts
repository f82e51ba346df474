/**
 * Blanking top-level blocks no rule can involve (src/languages/python/prune.ts) must never change
 * a finding: checked on the corpus, the benchmark file and generated modules, plus what it blanks.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Document } from "../../../src/core/types.js";
import { findingsOf } from "../../../src/engine/check.js";
import { extractPython } from "../../../src/languages/python/index.js";
import type { Tree } from "@lezer/common";
import { parser } from "../../../src/languages/python/grammar/parser.js";
import { blankIrrelevantBlocks, pruneIrrelevantBlocks } from "../../../src/languages/python/prune.js";
import { loadBuiltinRules } from "../../../src/rules/builtin.js";
import { mayMatch } from "../../../src/rules/compile.js";
// @ts-expect-error: plain JS module without types (the benchmark's generated files)
import { violatingPython } from "../../../bench/fixtures.mjs";
import { VALID_PYTHON } from "./valid-syntax.js";

const rules = loadBuiltinRules().filter((r) => r.languages.has("python"));
const mayMatter = (text: string) => mayMatch(text, rules);

/** Findings and the embedded SQL that could matter, as the engine would get them, with or without blanking. */
function outcome(text: string, prune: boolean) {
  const doc: Document = { path: "m.py", text, language: "python" };
  const result = extractPython(text, prune ? { mayMatter } : {});
  return {
    findings: findingsOf(doc, result.facts, rules).map((f) => `${f.ruleId}@${f.line}:${f.column}`),
    embedded: (result.embedded ?? []).filter((part) => mayMatter(part.text)),
  };
}

/** Blanked blocks first and last too (those are read as spaces), and decorated ones between. */
const PARTS_FOR_RANGES = ["def unrelated_first(x):\n    return x", "@decorator\ndef decorated(x):\n    return x", "import os"];

const blanked = (text: string) => blankIrrelevantBlocks(text, mayMatter);
/** The `def` / `class` names still readable after blanking. */
const survivors = (text: string) => [...blanked(text).matchAll(/^(?:async )?(?:def|class) (\w+)/gm)].map((m) => m[1]);

describe("what is blanked", () => {
  it("an unrelated function goes; one with a rule's word stays; offsets and line breaks do not move", () => {
    const text = `import os\n\ndef unrelated(x):\n    return x + 1\n\ndef save(org):\n    db.table("organizations").update({"integration_openai_status": "VALID"})\n`;
    const out = blanked(text);
    expect(out.length).toBe(text.length);
    expect(out.split("\n").length).toBe(text.split("\n").length);
    expect(survivors(text)).toEqual(["save"]);
    expect(out.slice(out.indexOf("def save"))).toBe(text.slice(text.indexOf("def save")));
  });

  it("keeps what a kept block needs (a helper), and what uses a rule's word through a name (a constant)", () => {
    const text = [
      'TABLE = "cloud_provider_integrations"',
      "def admin():\n    return create_client(URL, SERVICE_ROLE_KEY)",
      "def load(org):\n    return admin().table(TABLE).select('*')",
      "def other():\n    return admin().table('org_members').select('*')",
      "",
    ].join("\n");
    expect(survivors(text)).toEqual(["admin", "load"]);
  });

  it("follows chains of names, class members, decorators and `global`", () => {
    const text = [
      'PREFIX = "integration_"',
      "def column(p):\n    return PREFIX + p + '_status'",
      "def write(p):\n    Repo().client().table('organizations').update({column(p): 'VALID'})",
      "class Repo:\n    def client(self):\n        return create_client(URL, KEY)",
      "@app.route(\n    '/x'\n)\ndef route():\n    return 1",
      "def configure():\n    global MODE\n    MODE = 'x'",
      "def use():\n    return MODE",
      "",
    ].join("\n");
    // route: decorated, and nothing mentions it; configure and use: nothing kept mentions MODE.
    expect(survivors(text)).toEqual(["column", "write", "Repo"]);
  });

  it("blanks nothing when the text cannot be split with certainty", () => {
    for (const text of ['def a():\n    return """open\n', "def a(:\n    return 1\ndef b():\n    x = (\n", "x = 'open\ndef b():\n    return 1\n"]) {
      expect(blanked(text)).toBe(text);
    }
  });

  it("keeps `else:` / `except:` with their statement and decorators with their definition", () => {
    const text = "try:\n    import ujson\nexcept ImportError:\n    ujson = None\n\n@cache\ndef unused():\n    return 1\n";
    const out = blanked(text);
    expect(out.slice(0, out.indexOf("@") === -1 ? undefined : out.indexOf("@"))).toContain("except ImportError");
    expect(out).not.toContain("@cache");
    expect(out).not.toContain("def unused");
  });
});

describe("findings are the same with and without blanking", () => {
  const corpus = fileURLToPath(new URL("../../corpus/", import.meta.url));
  const files = ["legacy", "clean"].flatMap((dir) =>
    readdirSync(join(corpus, dir))
      .filter((name) => name.endsWith(".py"))
      .map((name) => ({ name: `${dir}/${name}`, text: readFileSync(join(corpus, dir, name), "utf8") })),
  );
  files.push({ name: "bench: violatingPython()", text: violatingPython() as string });

  for (const { name, text } of files) {
    it(name, () => {
      expect(outcome(text, true)).toEqual(outcome(text, false));
    });
  }

  it("parsing only the ranges outside blanked blocks gives the tree of the blanked text", () => {
    const text = `${PARTS_FOR_RANGES.join("\n\n")}\n${violatingPython() as string}`;
    const pruned = pruneIrrelevantBlocks(text, mayMatter);
    expect(pruned.ranges?.length).toBeGreaterThan(1);
    const nodes = (tree: Tree) => {
      const out: string[] = [];
      tree.iterate({ enter: (n) => void out.push(`${n.name}@${n.from}-${n.to}`) });
      return out;
    };
    expect(nodes(parser.parse(pruned.text, undefined, pruned.ranges))).toEqual(nodes(parser.parse(pruned.text)));
  });

  it("the benchmark file really loses its unrelated functions (the point of blanking)", () => {
    const text = violatingPython() as string;
    expect(survivors(text).some((n) => n?.startsWith("list_members_"))).toBe(false);
    expect(outcome(text, true).findings.length).toBeGreaterThan(100);
  });

  // Modules assembled from parts that reach a finding in every way prune.ts must follow.
  const PARTS = [
    'TABLE = "cloud_provider_integrations"',
    'PREFIX = "integration_"',
    "COLUMN = PREFIX + 'openai_status'",
    "ALIAS = TABLE",
    "from app.db import create_service_role_client, get_client",
    "def admin():\n    return create_service_role_client()",
    "def plain():\n    return get_client()",
    "def col(p):\n    return f'{PREFIX}{p}_status'",
    "def status_key(p):\n    return COLUMN",
    "def by_alias(org):\n    return plain().table(ALIAS).select('*').eq('org_id', org).execute()",
    "def members(org):\n    return admin().table('org_members').select('id').execute()",
    "def write(org, p):\n    admin().table('organizations').update({col(p): 'VALID'}).eq('id', org).execute()",
    "def write_const(org):\n    plain().table('organizations').update({status_key('x'): 1}).execute()",
    "def save_integration_status(org):\n    pass",
    "def caller(org):\n    save_integration_status(org)",
    "class Store:\n    table_name = ALIAS\n    def rows(self):\n        return admin().table(self.table_name).select('*').execute()",
    "def reads(org):\n    rows = members(org)\n    return [r['integration_gcp_status'] for r in rows.data]",
    "def unrelated(x):\n    return x * 2",
    "@decorator\ndef decorated():\n    return plain().table('org_members').select('*')",
    "def sql(cur):\n    cur.execute('UPDATE organizations SET integration_aws_status = 1')",
    "def sql_const(cur):\n    cur.execute(f'SELECT * FROM {TABLE}')",
    "def uses_global():\n    global HOLDER\n    HOLDER = TABLE",
    "def reads_global():\n    return plain().table(HOLDER).select('*')",
    'DOC = """\ndef fake():\n    return 1\n"""',
    "getter = lambda: admin()",
    "def via_lambda():\n    return getter().table('organizations').update({COLUMN: 1}).execute()",
    "class Config:\n    name = TABLE\n    @staticmethod\n    def client():\n        return admin()",
    "def via_config():\n    return Config.client().table(Config.name).select('*').execute()",
    "def outer():\n    def inner():\n        return plain().table(ALIAS)\n    return inner()",
    "@app.route(\n    '/x',\n)\nasync def route(org):\n    return await members(org)",
    "if __name__ == '__main__':\n    members('x')\nelse:\n    pass",
    "try:\n    from fast import client as fast_client\nexcept ImportError:\n    fast_client = admin",
    "def with_fast():\n    return fast_client().table('organizations').update({'integration_oci_status': 1})",
    // Forms of issue 10: base classes, properties, helpers with arguments, keys, HTTP, SQL constants.
    "class BaseRepo:\n    table_name = ALIAS\n    @property\n    def admin(self):\n        return create_client(URL, SERVICE_ROLE_KEY)",
    "class Repo(BaseRepo):\n    def rows(self):\n        return self.admin.table(self.table_name).select('integration_gcp_status').execute()",
    "def tbl(name):\n    return f'{name}'",
    "def by_helper():\n    return plain().table(tbl(ALIAS)).select('*')",
    "SERVICE_ROLE_KEY = os.environ['SUPABASE_SERVICE_ROLE_KEY']",
    "def rest(org):\n    return requests.get(f'{URL}/rest/v1/{ALIAS}', params={'select': 'id'})",
    "QUERY = f'SELECT * FROM {TABLE}'",
    "def run_query(cur):\n    cur.execute(QUERY)",
    "save_gcp_integration_status = partial(write, p='gcp')",
  ];

  it("generated modules", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PARTS), { minLength: 1, maxLength: 12 }), (parts) => {
        const text = `${parts.join("\n\n")}\n`;
        expect(outcome(text, true)).toEqual(outcome(text, false));
      }),
      { numRuns: 300 },
    );
  });
});

describe("blanking never turns a valid file into an invalid one", () => {
  const errors = (text: string, prune: boolean) => extractPython(text, prune ? { mayMatter } : {}).parseErrors;
  // Valid constructs, some holding a rule's word (kept) and most not (blanked), in top-level
  // definitions and statements around them.
  const RELEVANT = [
    'TABLE = "cloud_provider_integrations"',
    "def load(sb):\n    return sb.table(TABLE).select('integration_openai_status').execute()",
    "@app.get('/x')\nasync def route():\n    return sb.table('cloud_provider_integrations').select('*')",
  ];
  const definitions = Object.values(VALID_PYTHON).map((text) => text.replace(/\r\n/g, "\n").replace(/\n$/, ""));
  const SEPARATORS = ["\n", "\n\n", "\n# a comment at column 0\n", "\n\f\n", "\n    \n"];

  it("generated modules: the same parse errors (none) with and without blanking", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...definitions, ...RELEVANT), fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 10 }),
        fc.boolean(),
        fc.constantFrom("", "\n", "\n\n"),
        (parts, crlf, end) => {
          let text = parts.map(([part, separator], i) => (i === 0 ? part : separator + part)).join("") + end;
          if (crlf) text = text.replace(/\n/g, "\r\n");
          expect(errors(text, false)).toEqual([]);
          expect(errors(text, true)).toEqual([]);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("a file with a syntax error keeps its note when the error is in a kept block", () => {
    const text = 'TABLE = "cloud_provider_integrations"\ndef f(:\n    return TABLE\ndef unrelated():\n    return 1\n';
    expect(errors(text, true)).toEqual(errors(text, false));
    expect(errors(text, true)).toHaveLength(1);
  });
});
