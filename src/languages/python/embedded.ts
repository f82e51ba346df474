/**
 * SQL inside Python: the string handed to `cursor.execute("...")`, `conn.query("...")`,
 * `text("...")` (SQLAlchemy), `op.execute("...")` (Alembic), asyncpg's `fetch*`...
 *
 * The SQL adapter gets a text exactly as long as the Python range it came from (core/types.ts
 * EmbeddedText): string content is kept, quotes / prefixes / `+` / whitespace between literals
 * become spaces (newlines kept), and whatever is not literal text becomes `_` of the same length:
 * f-string replacements `{table}`, other operands of `+`, and DB-API placeholders (`%s`,
 * `%(name)s`, `:name`, `?`), so that the statement around them still parses.
 */
import type { SyntaxNode } from "@lezer/common";
import type { EmbeddedText } from "../../core/types.js";
import type { CallSite, Scope } from "./scope.js";
import { argumentsOf, calleeOf, stringLayout, textAt } from "./syntax.js";
import type { Evaluator } from "./values.js";

const SQL_CALLS = new Set(["execute", "executemany", "executescript", "query", "text", "fetch", "fetchrow", "fetchval", "mogrify", "raw"]);
const STRING_NODES = new Set(["String", "FormatString", "ContinuedString"]);

export function embeddedSql(sites: readonly CallSite[], evaluator: Evaluator, source: string): EmbeddedText[] {
  const embedded: EmbeddedText[] = [];
  for (const site of sites) {
    const callee = calleeOf(site.call);
    if (!callee || !SQL_CALLS.has(callee.name)) continue;
    const first = argumentsOf(site.call).positional[0] ?? argumentsOf(site.call).keywords.get("query")?.value;
    const expression = first && sqlLiteral(first, site.scope);
    if (!expression) continue;
    // "... %s ..." % args and "... {} ...".format(args): the template is the SQL; its fields are interpolations.
    const template = formattedTemplate(expression);
    const literal = template ?? expression;
    const receiver = callee.receiver ? evaluator.evaluate(callee.receiver, site.scope) : undefined;
    const text = maskRange(literal, source);
    embedded.push({
      language: "sql",
      text: maskPlaceholders(template?.name === "String" && expression.name === "CallExpression" ? maskFormatFields(text) : text),
      offset: literal.from,
      ...(receiver?.kind === "client" ? { clients: receiver.origins } : {}),
    });
  }
  return embedded;
}

/** The string expression holding the SQL: the argument itself, or the literal a local name was set to. */
function sqlLiteral(node: SyntaxNode, scope: Scope): SyntaxNode | undefined {
  if (isStringExpression(node)) return node;
  if (node.name !== "VariableName") return undefined;
  let owner: Scope | undefined = scope;
  while (owner && !owner.bindings.has(textAt(node))) owner = owner.parent;
  const values = (owner?.bindings.get(textAt(node)) ?? []).filter((b) => b.kind === "value");
  // One literal assignment: `sql = """..."""; cur.execute(sql)`. Several: ambiguous, skip.
  return values.length === 1 && values[0]!.kind === "value" && isStringExpression(values[0]!.value) ? values[0]!.value : undefined;
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
