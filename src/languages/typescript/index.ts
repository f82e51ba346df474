/**
 * The JavaScript / TypeScript adapter: text -> facts (core/types.ts).
 *
 *   parse (recovery.ts) -> one walk: scopes, bindings, parents (scope.ts)
 *     -> query chains, written/read columns, clients (queries.ts, writes.ts, reads.ts, clients.ts)
 *     -> function definitions and calls (scope.ts, functions.ts) -> embedded SQL (embedded.ts)
 *     -> general facts for team rules, when options.request asks (general/)
 *   text that does not parse -> token scan (tokens.ts)
 */
import type { ColumnFact, Document, DocumentNote, ExtractOptions, ExtractResult, Fact, LanguageAdapter, TableFact } from "../../core/types.js";
import { spanKey } from "../../core/span-key.js";
import type { Node } from "./ast.js";
import { ClientOrigins } from "./clients.js";
import { resolve } from "node:path";
import { Constants, type ImportSources } from "./constants.js";
import { beginExtraction } from "../module-files.js";
import { importedOrigins, importedValue } from "./modules.js";
import type { Context } from "./context.js";
import { extractEmbedded } from "./embedded.js";
import { extractCalls } from "./functions.js";
import { extractGeneral } from "./general/index.js";
import { projectRootOf } from "../project-root.js";
import { extractHttp } from "./http.js";
import { extractModelAccessors } from "./orm.js";
import { extractPatterns } from "./pattern/index.js";
import { extractQueries } from "./queries.js";
import { parseWithRecovery } from "./recovery.js";
import { buildModel } from "./scope.js";
import { scanTokens } from "./tokens.js";
import { checkpoint } from "../../core/checkpoint.js";

export const typescriptAdapter: LanguageAdapter = {
  id: "typescript",
  extract(doc: Document, options: ExtractOptions = {}): ExtractResult {
    try {
      return extractDocument(doc, options);
    } catch (error) {
      // Bad input must never crash the hook: fall back to the token scan and say why.
      const note: DocumentNote = { message: `internal error while reading the file: ${(error as Error)?.message ?? error}` };
      try {
        return { facts: scanTokens(doc.text, 1), parseErrors: [note] };
      } catch {
        return { facts: [], parseErrors: [note] };
      }
    }
  },
  scan: (doc) => scanTokens(doc.text, 1),
};

function extractDocument(doc: Document, options: ExtractOptions): ExtractResult {
  const { parsed, blanked, firstError } = parseWithRecovery(doc.path, doc.text, doc.language === "typescript");
  const parseErrors: DocumentNote[] = firstError
    ? [{ message: firstError.message, span: { start: firstError.start, end: firstError.end } }]
    : [];
  let facts: Fact[] = [];
  let embedded: ExtractResult["embedded"];
  let nextQuery = 1;
  if (parsed) {
    const result = extractProgram(doc, doc.text, parsed.program, options);
    if (result.note) parseErrors.push(result.note);
    facts = result.facts;
    embedded = result.embedded;
    nextQuery = result.nextQuery;
  }
  if (!parsed || blanked.length > 0) {
    for (const fact of scanTokens(doc.text, nextQuery, parsed ? blanked : undefined)) facts.push(fact);
  }
  // Recovery may have closed brackets past the end of the text: no span may point there.
  const end = doc.text.length;
  for (const fact of facts) if (fact.span.end > end) fact.span = { start: Math.min(fact.span.start, end), end };
  const inText = embedded?.filter((part) => (part.anchor ? part.anchor.end : part.offset + part.text.length) <= end) ?? [];
  return { facts: dedupe(facts), parseErrors, ...(inText.length > 0 ? { embedded: inText } : {}) };
}

function extractProgram(
  doc: Document,
  text: string,
  program: Node,
  options: ExtractOptions,
): { facts: Fact[]; embedded: ExtractResult["embedded"]; nextQuery: number; note?: DocumentNote } {
  const model = buildModel(program);
  const file = fromDisk(doc, options);
  if (file) beginExtraction();
  const origins = new ClientOrigins(model, file ? (specifier, name, of) => importedOrigins(file, specifier, name, of) : undefined);
  const sources: ImportSources = file ? { importedValue: (specifier, name) => importedValue(file, specifier, name) } : { resolveImport: options.resolveImport };
  const ctx: Context = { text, model, constants: new Constants(model, sources), origins, facts: [...model.definitions], nextQuery: 1 };
  extractQueries(ctx);
  extractHttp(ctx);
  extractModelAccessors(ctx);
  extractCalls(model, ctx.facts);
  const embedded = extractEmbedded(text, model, origins, ctx.constants);
  // Team rules' general facts: only when a loaded rule asks for them (the built-in pack does not).
  const kinds = options.request?.kinds;
  let note: DocumentNote | undefined;
  if (kinds && kinds.size > 0) {
    try {
      const path = file ?? resolve(doc.diskPath ?? doc.path);
      const projectRoot = options.projectRoot ?? projectRootOf(path);
      const general = extractGeneral({ text, program, model, constants: ctx.constants, kinds, request: options.request, file: path, projectRoot, embedded });
      for (const fact of general) ctx.facts.push(fact);
    } catch (error) {
      // The built-in facts stay; the team rules' facts are missing, and the note says so.
      note = { message: `internal error while reading the file for team rules: ${(error as Error)?.message ?? error}` };
    }
  }
  ctx.facts.push(...extractPatterns(text, model, ctx.constants, options.request));
  checkpoint("typescript:extracted"); // the AST, its model and the facts are alive here (core/checkpoint.ts)
  return { facts: ctx.facts, embedded, nextQuery: ctx.nextQuery, ...(note ? { note } : {}) };
}

/** Where the document is on disk, to read the modules it imports; undefined with lint --project's resolver or diskImports: false. */
function fromDisk(doc: Document, options: ExtractOptions): string | undefined {
  if (options.resolveImport || options.diskImports === false) return undefined;
  return doc.diskPath ?? resolve(doc.path);
}

/** The same fact reached by two paths (a row read through two aliases) is one fact. */
function dedupe(facts: Fact[]): Fact[] {
  // Alternatives of one name (`custom ?? "t"`) are separate facts at one span: each is kept.
  const bySpan = new Map<number | string, (TableFact | ColumnFact)[]>();
  return facts.filter((fact) => {
    // Only query facts can be reached twice; definitions and calls are recorded once per node.
    if (fact.kind !== "table" && fact.kind !== "column") return true;
    const key = spanKey(fact.span);
    const kept = bySpan.get(key);
    if (!kept) {
      bySpan.set(key, [fact]);
      return true;
    }
    if (kept.some((k) => k.kind === fact.kind && k.access === fact.access && k.query === fact.query && sameName(k.name, fact.name))) return false;
    kept.push(fact);
    return true;
  });
}

function sameName(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((candidate, i) => candidate === b[i]);
}
