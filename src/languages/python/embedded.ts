/**
 * SQL inside Python, wherever it is:
 *   - the string handed to a query call: `cursor.execute("...")`, `conn.query(...)`, `text("...")`
 *     (SQLAlchemy), `op.execute("...")` (Alembic), asyncpg's `fetch*`... also through a name
 *     (`QUERY = "..."; cur.execute(QUERY)`) or any expression whose value is known
 *     (`sql.SQL("... {}").format(sql.Identifier(T))`, `QUERIES["load"]`);
 *   - any other string whose value looks like an SQL statement (`LOAD = f"SELECT * FROM {TABLE}"`),
 *     unless it is a docstring, an assert message, or an argument of a log / print / exception
 *     call; such text counts only if it parses as SQL (EmbeddedText.requireParse).
 *
 * A literal is handed over in place (core/types.ts EmbeddedText): the SQL adapter gets a text
 * exactly as long as the Python range it came from: string content is kept, quotes / prefixes /
 * `+` / whitespace between literals become spaces (newlines kept), and whatever is not literal
 * text becomes `_` of the same length: f-string replacements `{table}`, other operands of `+`,
 * and DB-API placeholders (`%s`, `%(name)s`, `:name`, `?`), so that the statement around them
 * still parses. When constants fill its holes (`{TABLE}`, `"..." % T`, `.format(t=T)`), or it is
 * not a literal at all, the folded value is handed over instead, reported at the expression.
 */
import type { SyntaxNode } from "@lezer/common";
import { type EmbeddedText, NAME_HOLE } from "../../core/types.js";
import type { ModuleIndex, Scope } from "./scope.js";
import { SQL_CALLS, SQL_WRAPPERS } from "./sinks.js";
import { argumentsOf, calleeOf, stringLayout, textAt } from "./syntax.js";
import { candidatesOf, type Evaluator } from "./values.js";

/** Calls whose string arguments are messages, not queries. */
const MESSAGE_CALL = /^(?:print|debug|info|warning|warn|error|exception|critical|log|fatal|echo|secho|fail|skip|xfail|gettext|_|[A-Z]\w*(?:Error|Exception|Warning))$/;
const STRING_NODES = new Set(["String", "FormatString", "ContinuedString"]);
/** Statement starts that make a string SQL text (checked on the text without its holes). */
const SQL_START =
  /^\s*(?:--[^\n]*\n\s*)*(?:(?:select|with)\b[\s\S]*\bfrom\b|insert\s+into\b|update\s+\S+\s+(?:as\s+\S+\s+)?set\b|delete\s+from\b|(?:create|alter|drop)\s+(?:or\s+replace\s+)?(?:unique\s+)?(?:temp(?:orary)?\s+)?(?:table|index|policy|trigger|function|procedure|view|materialized\s+view|schema|type|sequence)\b|comment\s+on\b|truncate\b|merge\s+into\b|(?:grant|revoke)\b[\s\S]*\bon\b|do\s+(?:language\s+\w+\s+)?\$)/i;
/** A string without one of these words cannot start an SQL statement (folded values start with a literal part too). */
const SQL_WORD = /\b(?:select|with|insert|update|delete|create|alter|drop|comment|truncate|merge|grant|revoke|do)\b/i;
/** At most this many folded values of one expression are handed over. */
const MAX_FOLDED = 4;

/** `found`: told each expression whose text is handed over as SQL (general/strings.ts: StringFact role "sql"). */
export function embeddedSql(index: ModuleIndex, evaluator: Evaluator, source: string, found?: (expression: SyntaxNode, scope: Scope) => void): EmbeddedText[] {
  const embedded: EmbeddedText[] = [];
  const handled: SyntaxNode[] = [];
  const add = (parts: EmbeddedText[], node: SyntaxNode, scope: Scope) => {
    embedded.push(...parts);
    handled.push(node);
    found?.(node, scope);
  };

  for (const site of index.calls) {
    const callee = calleeOf(site.call);
    if (!callee || !SQL_CALLS.has(callee.name)) continue;
    const first = argumentsOf(site.call).positional[0] ?? argumentsOf(site.call).keywords.get("query")?.value;
    // execute(text("...")): the inner call is the site; sql.SQL("... {}").format(...): the whole expression is (below).
    if (!first || (first.name === "CallExpression" && SQL_WRAPPERS.has(calleeOf(first)?.name ?? "")) || isFormatted(site.call)) continue;
    const receiver = callee.receiver ? evaluator.evaluate(callee.receiver, site.scope) : undefined;
    const clients = receiver?.kind === "client" ? { clients: receiver.origins } : {};
    // A name bound once: the SQL is read where it is written (`QUERY = "..."` ... `cur.execute(QUERY)`).
    const definition = singleDefinition(first, site.scope);
    const [expression, scope] = definition ?? [first, site.scope];
    if (handled.some((h) => overlaps(h, expression))) continue;
    const parts = sqlOf(expression, scope, evaluator, source, false);
    if (parts.length > 0) add(parts.map((part) => ({ ...part, ...clients })), expression, scope);
  }

  // A query call given `QUERIES["load"]` or `legacy_query()` already handed that text over (at the call).
  const handedTexts = new Set(embedded.map((part) => normalized(part.text)));
  const roots = new Set<number>();
  for (const { node, scope } of index.strings) {
    // Cheap first: most strings hold no SQL keyword at all.
    if (!SQL_WORD.test(source.slice(node.from, node.to))) continue;
    const root = stringRoot(node);
    if (roots.has(root.from)) continue; // another string of the same expression
    roots.add(root.from);
    if (handled.some((h) => overlaps(h, root)) || isMessage(root)) continue;
    const parts = sqlOf(root, scope, evaluator, source, true).filter((part) => !handedTexts.has(normalized(part.text)));
    if (parts.length > 0) {
      embedded.push(...parts);
      found?.(root, scope);
    }
  }
  return embedded;
}

/**
 * The SQL of an expression: the literal in place when nothing known fills its holes, else its
 * folded values. `strict`: found outside a query call, so it must look like SQL and parse.
 */
function sqlOf(expression: SyntaxNode, scope: Scope, evaluator: Evaluator, source: string, strict: boolean): EmbeddedText[] {
  if (isStringExpression(expression) && !evaluator.fillsHoles(interpolations(expression), scope)) {
    // "... %s ..." % args and "... {} ...".format(args): the template is the SQL; its fields are interpolations.
    const template = formattedTemplate(expression);
    const literal = template ?? expression;
    const masked = maskRange(literal, source);
    const text = maskPlaceholders(template?.name === "String" && expression.name === "CallExpression" ? maskFormatFields(masked) : masked);
    if (strict && !SQL_START.test(text)) return [];
    return [{ language: "sql", text, offset: literal.from, ...(strict ? { requireParse: true } : {}) }];
  }
  const span = { start: expression.from, end: expression.to };
  return candidatesOf(evaluator.evaluate(expression, scope))
    .filter((candidate) => candidate.replaceAll(NAME_HOLE, "").trim() !== "")
    .map((candidate) => maskPlaceholders(candidate.replaceAll(NAME_HOLE, "_")))
    .filter((text) => SQL_START.test(text))
    .slice(0, MAX_FOLDED)
    .map((text) => ({ language: "sql" as const, text, anchor: span, ...(strict ? { requireParse: true } : {}) }));
}

/** The value expression of a name bound exactly once in reach (`QUERY = ...`), with its scope. */
function singleDefinition(node: SyntaxNode, scope: Scope): [SyntaxNode, Scope] | undefined {
  if (node.name !== "VariableName") return undefined;
  let owner: Scope | undefined = scope;
  while (owner && !owner.bindings.has(textAt(node))) owner = owner.parent;
  const bindings = owner?.bindings.get(textAt(node)) ?? [];
  const only = bindings.length === 1 ? bindings[0] : undefined;
  return only?.kind === "value" && only.index === undefined ? [only.value, owner!] : undefined;
}

/**
 * The whole string-building expression a literal is part of: `"a" + T + "b"`, `"..." % x`,
 * `"...".format(...)`, `sql.SQL("...").format(...)`, `(...)`.
 */
export function stringRoot(node: SyntaxNode): SyntaxNode {
  let root = node;
  for (;;) {
    const parent = root.parent;
    if (!parent) return root;
    if (parent.name === "ParenthesizedExpression" || (parent.name === "BinaryExpression" && /^[+%]$/.test(textAt(parent.firstChild!.nextSibling!)))) {
      root = parent;
    } else if (parent.name === "MemberExpression" && parent.firstChild?.from === root.from && parent.parent?.name === "CallExpression" && /^(?:format|join)$/.test(textAt(parent.lastChild!))) {
      root = parent.parent;
    } else if (parent.name === "ArgList" && parent.parent?.name === "CallExpression" && /^(?:SQL|Composed)$/.test(calleeOf(parent.parent)?.name ?? "")) {
      root = parent.parent;
    } else return root;
  }
}

/** A docstring, an assert message, or an argument of a log / print / exception call. */
function isMessage(root: SyntaxNode): boolean {
  const parent = root.parent;
  if (!parent) return false;
  if (parent.name === "ExpressionStatement" || parent.name === "AssertStatement") return true;
  if (parent.name !== "ArgList" || parent.parent?.name !== "CallExpression") return false;
  const callee = calleeOf(parent.parent);
  return !!callee && MESSAGE_CALL.test(callee.name);
}

/** `call(...).format(...)`. */
function isFormatted(call: SyntaxNode): boolean {
  const member = call.parent;
  return member?.name === "MemberExpression" && member.firstChild?.from === call.from && member.lastChild?.name === "PropertyName" && textAt(member.lastChild) === "format";
}

function normalized(sql: string): string {
  return sql.replace(/\s+/g, " ").trim();
}

function overlaps(a: SyntaxNode, b: SyntaxNode): boolean {
  return a.from < b.to && b.from < a.to;
}

/** The parts of a string expression that are not literal text: f-string fields, other operands, format arguments. */
function interpolations(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const visit = (part: SyntaxNode) => {
    if (part.name === "String") return;
    if (part.name === "FormatString") {
      for (let child = part.firstChild; child; child = child.nextSibling) {
        if (child.name !== "FormatReplacement") continue;
        for (let inner = child.firstChild; inner; inner = inner.nextSibling) if (/^[A-Z]/.test(inner.name) && inner.name !== "FormatSpec" && inner.name !== "FormatConversion" && inner.name !== "FormatSelfDoc") out.push(inner);
      }
    } else if (part.name === "ContinuedString" || part.name === "ParenthesizedExpression" || (part.name === "BinaryExpression" && textAt(part.firstChild!.nextSibling!) === "+")) {
      for (let child = part.firstChild; child; child = child.nextSibling) if (/^[A-Z]/.test(child.name) && child.name !== "ArithOp") visit(child);
    } else if (formattedTemplate(part)) {
      if (part.name === "BinaryExpression") out.push(part.lastChild!);
      else out.push(...argumentsOf(part).positional, ...[...argumentsOf(part).keywords.values()].map((k) => k.value));
    } else out.push(part);
  };
  visit(node);
  return out;
}

/** The template string of `"..." % args` or `"...".format(args)`; undefined for other expressions. */
function formattedTemplate(node: SyntaxNode): SyntaxNode | undefined {
  if (node.name === "BinaryExpression" && node.firstChild?.nextSibling && textAt(node.firstChild.nextSibling) === "%") {
    return STRING_NODES.has(node.firstChild.name) ? node.firstChild : undefined;
  }
  const callee = node.name === "CallExpression" ? calleeOf(node) : undefined;
  return callee?.name === "format" && callee.receiver && STRING_NODES.has(callee.receiver.name) ? callee.receiver : undefined;
}

/** `{}` / `{name}` / `{0!r}` fields of a str.format template become `_` runs (`{{` stays: it is a literal brace). */
function maskFormatFields(text: string): string {
  return text.replace(/\{[^{}]*\}/g, (m) => "_".repeat(m.length));
}

function isStringExpression(node: SyntaxNode): boolean {
  if (STRING_NODES.has(node.name)) return true;
  if (formattedTemplate(node)) return true;
  if (node.name === "ParenthesizedExpression") {
    const inner = node.firstChild?.nextSibling;
    return !!inner && inner.nextSibling?.name === ")" && isStringExpression(inner);
  }
  if (node.name !== "BinaryExpression") return false;
  const [left, op] = [node.firstChild, node.firstChild?.nextSibling];
  return !!left && !!op && textAt(op) === "+" && (isStringExpression(left) || isStringExpression(node.lastChild!));
}

/** The Python range of `node` with only SQL text left in place (see the header). */
function maskRange(node: SyntaxNode, source: string): string {
  const out = source.slice(node.from, node.to).replace(/[^\n]/g, " ").split("");
  const keep = (from: number, to: number) => {
    for (let i = from; i < to; i++) out[i - node.from] = source[i]!;
  };
  const blank = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (source[i] !== "\n") out[i - node.from] = "_";
  };
  const visit = (part: SyntaxNode) => {
    if (part.name === "String" || part.name === "FormatString") {
      const layout = stringLayout(part);
      keep(layout.contentFrom, layout.contentTo);
      if (!layout.raw) blankEscapes(layout.contentFrom, layout.contentTo);
      for (let child = part.firstChild; child; child = child.nextSibling) if (child.name === "FormatReplacement") blank(child.from, child.to);
    } else if (part.name === "ContinuedString" || part.name === "BinaryExpression" || part.name === "ParenthesizedExpression") {
      for (let child = part.firstChild; child; child = child.nextSibling) if (/^[A-Z]/.test(child.name) && child.name !== "ArithOp") visit(child);
    } else blank(part.from, part.to);
  };
  // `\n` in a non-raw literal is one character of SQL text but two of Python: make both spaces.
  const blankEscapes = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      if (source[i] === "\\") {
        out[i - node.from] = " ";
        if (i + 1 < to && source[i + 1] !== "\n") out[i + 1 - node.from] = " ";
        i++;
      }
    }
  };
  visit(node);
  return out.join("");
}

/** DB-API / SQLAlchemy placeholders are not PostgreSQL syntax: same-length `_` runs parse as a name. */
function maskPlaceholders(sql: string): string {
  return sql
    .replace(/%\([A-Za-z_][A-Za-z0-9_]*\)s|%s/g, (m) => "_".repeat(m.length))
    .replace(/(?<![:\w]):[A-Za-z_][A-Za-z0-9_]*/g, (m) => "_".repeat(m.length))
    .replace(/\?/g, "_");
}
