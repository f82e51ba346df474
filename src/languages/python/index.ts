/**
 * Python adapter: our fork of @lezer/python's grammar (grammar/: pure JS, error-tolerant LR parser;
 * see docs/languages.md for why not tree-sitter, and grammar/README.md for what the fork adds)
 * turned into facts.
 *
 *   scope.ts    one walk: scopes, bindings, dict mutations, calls, string subscripts
 *   values.ts   what an expression can be: strings (with holes), dicts, client origins, query rows
 *   queries.ts  supabase-py chains -> table / column facts; reads of query results
 *   embedded.ts SQL text wherever it is (query calls, constants, folded values) -> the SQL adapter
 *   http.ts     PostgREST over HTTP (requests / httpx to /rest/v1/<table>) -> table / column facts
 *   schema.ts   Alembic ops, SQLAlchemy tables and models, realtime subscriptions -> table / column facts
 *   prune.ts    top-level functions and classes no rule can involve, blanked before parsing
 *   general/    import / call / member / string facts for team rules, only when requested
 */
import type { Tree, TreeBuffer } from "@lezer/common";
import { parser } from "./grammar/parser.js";
import { resolve } from "node:path";
import type { Document, DocumentNote, ExtractOptions, ExtractResult, Fact, LanguageAdapter } from "../../core/types.js";
import { embeddedSql } from "./embedded.js";
import { generalFacts, makePaths, type SharedPaths, type SqlSource, wantsGeneralFacts } from "./general/index.js";
import { stringFilter } from "../fact-interest.js";
import { httpFacts } from "./http.js";
import { schemaFacts } from "./schema.js";
import { importedModulesMayMatch } from "./module-paths.js";
import { beginExtraction } from "../module-files.js";
import { importedValue } from "./modules.js";
import { pruneIrrelevantBlocks } from "./prune.js";
import { extractPythonPatterns, wantsPythonPatterns } from "./pattern/index.js";
import { queryFacts, resultReads } from "./queries.js";
import type { SyntaxNode } from "@lezer/common";
import { type Binding, indexModule, type ModuleIndex, type Scope } from "./scope.js";
import { argumentsOf, calleeOf, setSource, textAt } from "./syntax.js";
import { scanPython } from "./tokens.js";
import { Evaluator } from "./values.js";
import { checkpoint } from "../../core/checkpoint.js";

export const pythonAdapter: LanguageAdapter = {
  id: "python",
  extract(doc, options = {}) {
    return extractPython(doc.text, options, fromDisk(doc, options), doc.diskPath ?? doc.path);
  },
  scan: scanPython,
};

/**
 * `file`: where the document is on disk, to read the modules it imports (modules.ts); without it
 * imported names are unknown (or ExtractOptions.resolveImport answers). `path`: the document's path
 * (absolute, or relative to the cwd), where relative imports point in general facts; default `file`.
 */
export function extractPython(original: string, options: ExtractOptions = {}, file?: string, path = file): ExtractResult {
  // Same length and offsets as the original; only blocks no rule can involve are blank (prune.ts).
  // A pattern may need any part of the file (its words are not all a rule's words): no blanking then.
  const { text, ranges } = options.mayMatter && !wantsPythonPatterns(options.request) && !starImportMayMatter(original, options.mayMatter, file)
    ? pruneIrrelevantBlocks(original, pruneCheck(options.mayMatter, file))
    : { text: original, ranges: undefined };
  setSource(text);
  if (file) beginExtraction();
  // The blanked blocks are not read at all (same tree, same offsets: prune.test.ts checks findings and parse errors).
  const tree = parseWithCheckpoint(text, ranges);
  const index = indexModule(tree.topNode);
  const evaluator = new Evaluator(index, options, file ? (module, name) => importedValue(file, module, name) : undefined);
  const facts: Fact[] = [...functionFacts(index), ...queryFacts(index.calls, evaluator), ...resultReads(index, evaluator), ...httpFacts(index.calls, evaluator), ...schemaFacts(index, evaluator)];
  const kinds = options.request?.kinds;
  const sql: SqlSource[] = [];
  const wantsSql = wantsGeneralFacts(kinds) && kinds.has("string") && stringFilter(options.request).wants("sql");
  const embedded = embeddedSql(index, evaluator, text, wantsSql ? (node, scope) => sql.push({ node, scope }) : undefined);
  // One walk for what paths need (imports, `with` targets), and one memo of paths, for general facts and patterns alike.
  const paths = lazyPaths(tree.topNode, index, evaluator, wantsGeneralFacts(kinds) && kinds.has("member"));
  if (wantsGeneralFacts(kinds)) facts.push(...generalFacts({ root: tree.topNode, index, evaluator, kinds, request: options.request, sql, paths, ...(path ? { file: path } : {}), ...(options.projectRoot ? { projectRoot: options.projectRoot } : {}) }));
  facts.push(...extractPythonPatterns(tree.topNode, text, index, evaluator, options.request, paths));
  facts.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end); // source order, for readers and tests
  const parseErrors = syntaxErrors(tree, text);
  checkpoint("python:extracted"); // the tree, index and facts are alive here (core/checkpoint.ts)
  // Empties syntax.ts's per-call caches now: long-lived maps that still held this tree's nodes
  // would keep the tree through the daemon's young-generation collection and make it old garbage.
  setSource("");
  return { facts, parseErrors, ...(embedded.length > 0 ? { embedded } : {}) };
}

/** parser.parse (the same loop), with a checkpoint halfway: the parser's stacks, tokenizers and buffers are alive there (core/checkpoint.ts). */
function parseWithCheckpoint(text: string, ranges: Parameters<typeof parser.parse>[2]): Tree {
  const parse = parser.startParse(text, undefined, ranges);
  let halfway = false;
  for (;;) {
    const tree = parse.advance();
    if (tree) return tree;
    if (!halfway && parse.parsedPos * 2 >= text.length) {
      halfway = true;
      checkpoint("python:parsing");
    }
  }
}

/** makePaths on first use (`chains`: member facts need them). */
function lazyPaths(root: SyntaxNode, index: ModuleIndex, evaluator: Evaluator, chains: boolean): () => SharedPaths {
  let made: SharedPaths | undefined;
  return () => (made ??= makePaths(root, index, evaluator, chains));
}

/** Where the document is on disk; undefined with lint --project's resolver or diskImports: false. */
function fromDisk(doc: Document, options: ExtractOptions): string | undefined {
  if (options.resolveImport || options.diskImports === false) return undefined;
  return doc.diskPath ?? resolve(doc.path);
}

/**
 * The pruning step's test of a block: a rule's word in it, or (read from disk) an import statement
 * whose modules may hold one, so that the functions using what it imports are kept.
 */
function pruneCheck(mayMatter: (text: string) => boolean, file: string | undefined): (text: string) => boolean {
  if (!file) return mayMatter;
  return (text) => mayMatter(text) || (IMPORT_STATEMENT.test(text) && importedModulesMayMatch(file, text, mayMatter));
}
const IMPORT_STATEMENT = /^[ \t]*(?:from|import)[ \t]/m;

/**
 * `from m import *` where m may hold a rule's word: the names it brings cannot be told from the
 * text, so the pruning step could not tell which functions use them; nothing is blanked then.
 */
function starImportMayMatter(text: string, mayMatter: (text: string) => boolean, file: string | undefined): boolean {
  if (!file) return false;
  const stars = text.match(STAR_IMPORT);
  return stars !== null && importedModulesMayMatch(file, stars.join("\n"), mayMatter);
}
const STAR_IMPORT = /^[ \t]*from[ \t]+[\w.]+[ \t]+import[ \t]+\*/gm;

/**
 * `def name` / `async def name` (span: the name); `name = lambda ...` and a function wrapped by a
 * call (`name = partial(f, ...)`, `name = with_auth(lambda: ...)`, `name = retry(3)(_impl)`);
 * every call (span: the called name), and the function `partial(f, ...)` binds (a call to be).
 */
function functionFacts(index: ModuleIndex): Fact[] {
  const facts: Fact[] = [];
  for (const fn of index.definitions) {
    const name = fn.node.getChild("VariableName")!;
    facts.push({ kind: "function-definition", name: fn.name, span: { start: name.from, end: name.to } });
  }
  for (const [name, bindings, scope] of allBindings(index)) {
    for (const b of bindings) {
      if (b.kind === "value" && b.index === undefined && definesFunction(b.value, scope)) facts.push({ kind: "function-definition", name, span: { start: b.from, end: b.from + name.length } });
    }
  }
  for (const { call } of index.calls) {
    const callee = calleeOf(call);
    if (!callee) continue;
    facts.push({ kind: "function-call", name: callee.name, span: { start: callee.node.from, end: callee.node.to } });
    const bound = PARTIAL.has(callee.name) ? argumentsOf(call).positional[0] : undefined;
    const target = bound?.name === "VariableName" ? bound : bound?.name === "MemberExpression" && bound.lastChild?.name === "PropertyName" ? bound.lastChild : undefined;
    if (target) facts.push({ kind: "function-call", name: textAt(target), span: { start: target.from, end: target.to } });
  }
  return facts;
}

const PARTIAL = new Set(["partial", "partialmethod"]);

/** A lambda, or a call that wraps a function: `partial(f, ...)`, `wrapper(lambda: ...)`, `wrapper(same_file_function)`. */
function definesFunction(value: SyntaxNode, scope: Scope): boolean {
  if (value.name === "LambdaExpression") return true;
  if (value.name !== "CallExpression") return false;
  const callee = calleeOf(value);
  if (callee && PARTIAL.has(callee.name)) return true;
  return argumentsOf(value).positional.some((arg) => arg.name === "LambdaExpression" || (arg.name === "VariableName" && namesFunction(textAt(arg), scope)));
}

function namesFunction(name: string, scope: Scope): boolean {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    const bindings = s.bindings.get(name);
    if (bindings) return bindings.some((b) => b.kind === "function");
  }
  return false;
}

function* allBindings(index: ModuleIndex): Generator<[string, Binding[], Scope]> {
  const seen = new Set<unknown>();
  for (const scope of [index.module, ...index.definitions.map((d) => d.scope), ...index.classes]) {
    if (seen.has(scope)) continue;
    seen.add(scope);
    for (const [name, bindings] of scope.bindings) yield [name, bindings, scope];
  }
}

/** Lezer recovers from errors by inserting error nodes (⚠): report the first one. */
function syntaxErrors(tree: Tree, text: string): DocumentNote[] {
  // Cheap check first: scan the packed node buffers for the error type instead of walking nodes.
  if (!hasErrorNode(tree)) return [];
  const cursor = tree.cursor();
  do {
    if (cursor.type.isError) {
      const line = text.slice(0, cursor.from).split("\n").length;
      const near = text.slice(cursor.from, cursor.from + 30).split("\n")[0]!.trim();
      return [{ message: `Python syntax error at line ${line}${near ? ` near \`${near}\`` : ""}`, span: { start: cursor.from, end: cursor.to } }];
    }
  } while (cursor.next());
  return [];
}

/** Any error node in the tree: Tree nodes by type, TreeBuffer contents as (type, from, to, size) quads. */
function hasErrorNode(tree: Tree | TreeBuffer): boolean {
  // Duck-typed: an `instanceof` would tie this to one copy of @lezer/common.
  if ("buffer" in tree) {
    const { buffer } = tree;
    for (let i = 0; i < buffer.length; i += 4) if (tree.set.types[buffer[i]!]?.isError) return true;
    return false;
  }
  return tree.type.isError || tree.children.some(hasErrorNode);
}
