/**
 * SQL adapter: the real PostgreSQL grammar (libpg-query, WASM) turned into table and column facts.
 *
 * The whole text is parsed at once first; when that fails (or when the engine's pre-check rules
 * out some statements), statement by statement (split by our own scanner, so a `;` in a string or
 * a $$ body does not split), so one bad statement does not hide the others. A statement that still fails is scanned token by token (fallback.ts) and gets
 * a parseErrors note. Every statement is its own query (query id = 1-based statement number).
 *
 * The WASM module loads asynchronously: `prepare()` (awaited by languages/registry.ts) loads it,
 * after which `extract` is synchronous. Without it, every statement takes the fallback.
 */
import { loadModule, parseSync } from "libpg-query";
import type { DocumentNote, ExtractResult, Fact, LanguageAdapter } from "../../core/types.js";
import { bodyConstants, dynamicSql } from "./dynamic.js";
import { scanStatement } from "./fallback.js";
import { ByteOffsets } from "./offsets.js";
import { type SqlToken, type StatementRange, splitStatements, tokenize } from "./tokens.js";
import { factsOfStatement } from "./tree.js";

let parserReady = false;

export const sqlAdapter: LanguageAdapter = {
  id: "sql",
  async prepare() {
    if (parserReady) return;
    await loadModule();
    parserReady = true;
  },
  extract(doc, options) {
    return extractSql(doc.text, options?.mayMatter);
  },
};

interface ParsedStatement {
  stmt?: Record<string, unknown>;
  stmt_location?: number;
  stmt_len?: number;
}

/**
 * `mayMatter` (the engine's pre-check) lets a long migration skip the statements no rule can
 * match: a statement's facts depend on its own text only.
 */
export function extractSql(text: string, mayMatter?: (text: string) => boolean): ExtractResult {
  const tokens = tokenize(text);
  const statements = splitStatements(tokens);
  const facts: Fact[] = [];
  const parseErrors: DocumentNote[] = [];
  const relevant = statements.map((s) => !mayMatter || mayMatter(text.slice(s.start, s.end)));
  if (!relevant.includes(true)) return { facts, parseErrors };

  if (!parserReady) {
    statements.forEach((statement, index) => relevant[index] && facts.push(...scanStatement(statement.tokens, index + 1)));
    parseErrors.push({ message: "the PostgreSQL parser is not loaded; scanned token by token" });
    return { facts, parseErrors };
  }

  const whole = relevant.includes(false) ? undefined : tryParse(text);
  if (whole?.ok) {
    const bytes = new ByteOffsets(text);
    whole.statements.forEach((parsed, index) => {
      if (!parsed.stmt) return;
      const start = bytes.toUtf16(parsed.stmt_location ?? 0);
      // stmt_len 0 means "to the end of the text".
      const end = parsed.stmt_len ? bytes.toUtf16((parsed.stmt_location ?? 0) + parsed.stmt_len) : text.length;
      const query = index + 1;
      factsOfStatement(parsed.stmt, { query, toOffset: (l) => bytes.toUtf16(l), tokens, range: { start, end }, facts, body: (from, to) => extractBody(text, from, to, query, facts) });
    });
    return { facts: inSourceOrder(facts), parseErrors };
  }

  statements.forEach((statement, index) => {
    if (!relevant[index]) return;
    const error = extractStatement(text, tokens, statement, index + 1, facts);
    if (error) parseErrors.push(error);
  });
  return { facts: inSourceOrder(facts), parseErrors };
}

/** The tree walk visits fields in the parser's order (FROM before WITH): report in source order. */
function inSourceOrder(facts: Fact[]): Fact[] {
  return facts.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

/** One statement of a script that did not parse as a whole. Returns a note when it does not parse either. */
function extractStatement(text: string, tokens: readonly SqlToken[], statement: StatementRange, query: number, facts: Fact[]): DocumentNote | undefined {
  const source = text.slice(statement.start, statement.end);
  const result = tryParse(source);
  if (!result.ok) {
    facts.push(...scanStatement(statement.tokens, query));
    const at = statement.start + new ByteOffsets(source).toUtf16(result.position);
    return {
      message: `SQL statement at line ${lineOf(text, statement.start)} did not parse (${result.message}, line ${lineOf(text, at)}); scanned token by token`,
      span: { start: statement.start, end: statement.end },
    };
  }
  const bytes = new ByteOffsets(source);
  for (const parsed of result.statements) {
    if (parsed.stmt) {
      const body = (from: number, to: number) => extractBody(text, from, to, query, facts);
      factsOfStatement(parsed.stmt, { query, toOffset: (l) => statement.start + bytes.toUtf16(l), tokens, range: statement, facts, body });
    }
  }
  return undefined;
}

/** Where a PL/pgSQL statement's SQL starts: `BEGIN UPDATE ...`, `IF x THEN DELETE ...`. */
const SQL_STARTS = new Set(["select", "insert", "update", "delete", "with", "merge", "create", "alter", "drop", "truncate"]);

/**
 * The body of a CREATE FUNCTION / DO (text[start, end)): each statement of it, from its first SQL
 * keyword on, parsed, or scanned when PL/pgSQL syntax gets in the way. Facts join the function's
 * query; a body that does not parse is not a parse error of the document (PL/pgSQL is not SQL).
 */
function extractBody(text: string, start: number, end: number, query: number, facts: Fact[]): void {
  const tokens = tokenize(text.slice(start, end)).map((t) => ({ ...t, start: t.start + start, end: t.end + start }));
  const statements = splitStatements(tokens);
  let constants: Map<string, string> | undefined;
  for (const statement of statements) {
    const first = statement.tokens.findIndex((t) => t.kind === "word" && SQL_STARTS.has(t.value));
    const execute = statement.tokens.findIndex((t) => t.kind === "word" && t.value === "execute");
    if (execute >= 0 && (first < 0 || execute < first)) {
      // EXECUTE format('... %I ...', 'name'): the SQL it runs, reported at the EXECUTE statement.
      constants ??= bodyConstants(statements.map((s) => s.tokens));
      const sql = dynamicSql(statement.tokens.slice(execute), constants);
      if (sql !== undefined) extractDynamic(sql, { start: statement.tokens[execute]!.start, end: statement.end }, query, facts);
      continue;
    }
    if (first < 0) continue;
    const sqlTokens = statement.tokens.slice(first);
    const sql = { start: sqlTokens[0]!.start, end: statement.end, tokens: sqlTokens };
    const source = text.slice(sql.start, sql.end);
    const result = tryParse(source);
    if (!result.ok) {
      facts.push(...scanStatement(sql.tokens, query));
      continue;
    }
    const bytes = new ByteOffsets(source);
    for (const parsed of result.statements) {
      if (!parsed.stmt) continue;
      const body = (from: number, to: number) => extractBody(text, from, to, query, facts);
      factsOfStatement(parsed.stmt, { query, toOffset: (l) => sql.start + bytes.toUtf16(l), tokens, range: sql, facts, body });
    }
  }
}

/** Facts of SQL built at run time (dynamic.ts), all at `span`: the text is not in the document. */
function extractDynamic(sql: string, span: { start: number; end: number }, query: number, facts: Fact[]): void {
  const found: Fact[] = [];
  const tokens = tokenize(sql);
  const result = tryParse(sql);
  if (result.ok) {
    const bytes = new ByteOffsets(sql);
    for (const parsed of result.statements) {
      if (parsed.stmt) factsOfStatement(parsed.stmt, { query, toOffset: (l) => bytes.toUtf16(l), tokens, range: { start: 0, end: sql.length }, facts: found });
    }
  } else {
    for (const statement of splitStatements(tokens)) found.push(...scanStatement(statement.tokens, query));
  }
  for (const fact of found) facts.push({ ...fact, span });
}

type ParseOutcome = { ok: true; statements: ParsedStatement[] } | { ok: false; message: string; position: number };

function tryParse(source: string): ParseOutcome {
  try {
    return { ok: true, statements: (parseSync(source).stmts ?? []) as ParsedStatement[] };
  } catch (error) {
    const details = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails;
    return { ok: false, message: error instanceof Error ? error.message : String(error), position: Math.max(0, details?.cursorPosition ?? 0) };
  }
}

/** 1-based line of an offset, for messages. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}
