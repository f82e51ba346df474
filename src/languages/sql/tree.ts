/**
 * Facts of one parsed PostgreSQL statement: walks the JSON parse tree of libpg-query.
 *
 * Tables: every RangeVar (schema-qualified and quoted names resolve to the bare `relname`), the
 * tables named by DROP/DROP POLICY/DROP TRIGGER (plain name lists there, no RangeVar).
 * Columns: writes from UPDATE ... SET, INSERT (cols), ON CONFLICT DO UPDATE SET and
 * ALTER TABLE ... ADD COLUMN; reads from every ColumnRef of a query.
 * Spans: the parser gives start offsets (bytes into the parsed text); the token list gives the end.
 */
import type { Access, Fact, Span } from "../../core/types.js";
import { readQualifiedName, type SqlToken, tokenIndexAt } from "./tokens.js";

type Json = unknown;
type JsonObject = Record<string, Json>;

export interface StatementContext {
  query: number;
  /** Parser byte location -> UTF-16 offset in the document. */
  toOffset(location: number): number;
  /** Tokens of the document (UTF-16 offsets), to find where a name ends. */
  tokens: readonly SqlToken[];
  /** Range of the statement in the document, to look up names the tree gives no location for. */
  range: Span;
  facts: Fact[];
  /** Extracts the SQL of a function body (the content of a $$-quoted string) into `facts`, same query. */
  body?(start: number, end: number): void;
}

/** Statements whose other table references are reads; in every other statement they are DDL. */
const QUERY_STATEMENTS = new Set(["SelectStmt", "InsertStmt", "UpdateStmt", "DeleteStmt", "MergeStmt", "ViewStmt", "CreateTableAsStmt", "ExplainStmt", "CopyStmt"]);

/** `stmt` is one entry of ParseResult.stmts[].stmt: `{ SelectStmt: {...} }`. */
export function factsOfStatement(stmt: JsonObject, ctx: StatementContext): void {
  for (const [type, body] of Object.entries(stmt)) {
    if (isObject(body)) visitStatement(type, body, ctx, QUERY_STATEMENTS.has(type) ? "read" : "schema");
  }
}

function visitStatement(type: string, body: JsonObject, ctx: StatementContext, access: Access): void {
  const rest = (...skip: string[]) => {
    for (const [key, value] of Object.entries(body)) if (!skip.includes(key)) walk(value, ctx, access);
  };
  switch (type) {
    case "InsertStmt":
      table(body.relation, "write", ctx);
      for (const col of arrayOf(body.cols)) writeColumn(col, ctx);
      if (isObject(body.onConflictClause)) {
        for (const target of arrayOf(body.onConflictClause.targetList)) writeColumn(target, ctx);
        walk(body.onConflictClause.whereClause, ctx, access);
        walk(body.onConflictClause.infer, ctx, access);
      }
      return rest("relation", "cols", "onConflictClause");
    case "UpdateStmt":
      table(body.relation, "write", ctx);
      for (const target of arrayOf(body.targetList)) writeColumn(target, ctx);
      return rest("relation");
    case "DeleteStmt":
      table(body.relation, "write", ctx);
      return rest("relation");
    case "MergeStmt":
      table(body.relation, "write", ctx);
      // WHEN MATCHED THEN UPDATE SET col = ... / WHEN NOT MATCHED THEN INSERT (col, ...)
      for (const clause of arrayOf(body.mergeWhenClauses)) {
        const when = unwrap(clause, "MergeWhenClause");
        for (const target of arrayOf(when?.targetList)) writeColumn(target, ctx);
        walk(when?.condition, ctx, access);
        walk(when?.values, ctx, access);
      }
      return rest("relation", "mergeWhenClauses");
    case "CopyStmt":
      // COPY t FROM ... loads rows into t; COPY t TO ... reads it.
      table(body.relation, body.is_from === true ? "write" : "read", ctx);
      return rest("relation");
    case "ViewStmt":
      table(body.view, "schema", ctx);
      return rest("view");
    case "TruncateStmt":
      for (const relation of arrayOf(body.relations)) walk(relation, ctx, "write");
      return;
    case "AlterTableStmt":
      table(body.relation, "schema", ctx);
      for (const cmd of arrayOf(body.cmds)) {
        const alter = unwrap(cmd, "AlterTableCmd");
        // ADD COLUMN creates a place to store the value: rules.md counts it as a write.
        if (alter?.subtype === "AT_AddColumn") column(unwrap(alter.def, "ColumnDef"), "colname", "write", ctx);
        else walk(cmd, ctx, access);
      }
      return;
    case "DropStmt":
      return droppedTables(body, ctx);
    case "CreateFunctionStmt":
    case "DoStmt":
      return functionBodies(ctx);
    case "CommentStmt":
      return commentedTable(body, ctx);
    default:
      return rest();
  }
}

/** Generic walk: any RangeVar is a table, any ColumnRef a read (or DDL), any ColumnDef a DDL column. */
function walk(value: Json, ctx: StatementContext, access: Access): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, ctx, access);
    return;
  }
  if (!isObject(value)) return;
  if (typeof value.relname === "string") {
    table(value, access, ctx);
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    if (key === "RangeVar") table(child, access, ctx);
    else if (key === "ColumnRef" && isObject(child)) columnRef(child, access, ctx);
    else if (key === "ColumnDef" && isObject(child)) {
      column(child, "colname", "schema", ctx);
      walk(child, ctx, access);
    } else if (isObject(child) && isStatementType(key)) visitStatement(key, child, ctx, QUERY_STATEMENTS.has(key) ? "read" : access);
    else walk(child, ctx, access);
  }
}

function isStatementType(key: string): boolean {
  return key.endsWith("Stmt");
}

function table(node: Json, access: Access, ctx: StatementContext): void {
  if (!isObject(node) || typeof node.relname !== "string") return;
  const start = typeof node.location === "number" ? ctx.toOffset(node.location) : undefined;
  const span = start === undefined ? findName(node.relname, ctx) : nameSpanAt(start, ctx, "whole") ?? { start, end: start + node.relname.length };
  ctx.facts.push({ kind: "table", name: [node.relname], access, span, query: ctx.query });
}

/** A ResTarget of SET / INSERT (cols) / ON CONFLICT SET: `name` is the column written. */
function writeColumn(node: Json, ctx: StatementContext): void {
  const target = unwrap(node, "ResTarget");
  if (!target) return;
  column(target, "name", "write", ctx);
  walk(target.val, ctx, "read");
  walk(target.indirection, ctx, "read");
}

function column(node: JsonObject | undefined, nameKey: string, access: Access, ctx: StatementContext): void {
  const name = node?.[nameKey];
  if (!node || typeof name !== "string") return;
  const start = typeof node.location === "number" ? ctx.toOffset(node.location) : undefined;
  const span = start === undefined ? findName(name, ctx) : nameSpanAt(start, ctx, "last") ?? { start, end: start + name.length };
  ctx.facts.push({ kind: "column", name: [name], access, span, query: ctx.query });
}

/** `t.col` / `col`: the last field names the column; `*` and `t.*` name none. */
function columnRef(node: JsonObject, access: Access, ctx: StatementContext): void {
  const fields = arrayOf(node.fields);
  const last = unwrap(fields[fields.length - 1], "String");
  if (!last || typeof last.sval !== "string") return;
  const start = typeof node.location === "number" ? ctx.toOffset(node.location) : undefined;
  const span = start === undefined ? findName(last.sval, ctx) : nameSpanAt(start, ctx, "last") ?? { start, end: start + last.sval.length };
  ctx.facts.push({ kind: "column", name: [last.sval], access, span, query: ctx.query });
}

/** DROP TABLE a, b / DROP POLICY p ON t / DROP TRIGGER tr ON t: names come as string lists. */
function droppedTables(body: JsonObject, ctx: StatementContext): void {
  const kind = body.removeType;
  const onTable = kind === "OBJECT_POLICY" || kind === "OBJECT_TRIGGER" || kind === "OBJECT_RULE";
  if (kind !== "OBJECT_TABLE" && kind !== "OBJECT_FOREIGN_TABLE" && !onTable) return;
  for (const object of arrayOf(body.objects)) {
    const parts = arrayOf(unwrap(object, "List")?.items).map((item) => unwrap(item, "String")?.sval);
    // For POLICY/TRIGGER the last name is the policy or trigger, the one before it the table.
    const relname = parts[parts.length - (onTable ? 2 : 1)];
    if (typeof relname === "string") ctx.facts.push({ kind: "table", name: [relname], access: "schema", span: findName(relname, ctx), query: ctx.query });
  }
}

/** COMMENT ON TABLE t / COMMENT ON COLUMN t.col names the table (rules.md); the column is DDL. */
function commentedTable(body: JsonObject, ctx: StatementContext): void {
  const column = body.objtype === "OBJECT_COLUMN";
  if (!column && body.objtype !== "OBJECT_TABLE") return;
  const parts = arrayOf(unwrap(body.object, "List")?.items).map((item) => unwrap(item, "String")?.sval);
  const relname = parts[parts.length - (column ? 2 : 1)];
  if (typeof relname === "string") ctx.facts.push({ kind: "table", name: [relname], access: "schema", span: findName(relname, ctx), query: ctx.query });
  const colname = column ? parts[parts.length - 1] : undefined;
  if (typeof colname === "string") ctx.facts.push({ kind: "column", name: [colname], access: "schema", span: findName(colname, ctx), query: ctx.query });
}

/**
 * CREATE FUNCTION / DO bodies are strings to the parser, but a trigger function that writes a
 * status column is exactly what the rules look for: extract the SQL in each $$-quoted body.
 */
function functionBodies(ctx: StatementContext): void {
  for (let i = tokenIndexAt(ctx.tokens, ctx.range.start); i < ctx.tokens.length && ctx.tokens[i]!.start < ctx.range.end; i++) {
    const token = ctx.tokens[i]!;
    const tag = token.kind === "string" ? /^\$[^$]*\$/.exec(token.value)?.[0] : undefined;
    if (!tag) continue;
    const closed = token.value.length >= tag.length * 2 && token.value.endsWith(tag);
    ctx.body?.(token.start + tag.length, closed ? token.end - tag.length : token.end);
  }
}

/** Span of the dotted name starting at `offset`: all of it (tables) or its last part (columns). */
function nameSpanAt(offset: number, ctx: StatementContext, part: "whole" | "last"): Span | undefined {
  const index = tokenIndexAt(ctx.tokens, offset);
  if (ctx.tokens[index]?.start !== offset) return undefined;
  const name = readQualifiedName(ctx.tokens, index);
  if (!name) return undefined;
  const first = name.parts[0]!;
  const last = name.parts[name.parts.length - 1]!;
  return part === "whole" ? { start: first.start, end: last.end } : { start: last.start, end: last.end };
}

/**
 * The tree gives no location (`DROP TABLE s.x`): the last token of the statement naming it,
 * with its qualifiers (`s.`) so the span matches a RangeVar's.
 */
function findName(name: string, ctx: StatementContext): Span {
  let found: Span | undefined;
  for (let i = tokenIndexAt(ctx.tokens, ctx.range.start); i < ctx.tokens.length; i++) {
    const token = ctx.tokens[i]!;
    if (token.start >= ctx.range.end) break;
    if ((token.kind === "word" || token.kind === "quoted") && token.value === name) {
      let first = i;
      while (ctx.tokens[first - 1]?.value === "." && /^(word|quoted)$/.test(ctx.tokens[first - 2]?.kind ?? "")) first -= 2;
      found = { start: ctx.tokens[first]!.start, end: token.end };
    }
  }
  return found ?? { start: ctx.range.start, end: ctx.range.end };
}

function isObject(value: Json): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function arrayOf(value: Json): Json[] {
  return Array.isArray(value) ? value : [];
}

/** `{ Type: {...} }` -> the inner object; a bare object (fields typed in place) as it is. */
function unwrap(value: Json, type: string): JsonObject | undefined {
  if (!isObject(value)) return undefined;
  const inner = value[type];
  return isObject(inner) ? inner : value;
}
