/**
 * SQL inside code, for the SQL adapter (rules.md: "SQL text wherever it is"):
 * - in a query position: sql`...` / SQL`...` / Prisma `$queryRaw`...`` tagged templates; the string,
 *   template or `{ text }` config given to `.query()`, `.execute()`, `.unsafe()`, `.raw()`, `.sql()`,
 *   Prisma `$queryRaw(Unsafe)` / `$executeRaw(Unsafe)`, directly or through a constant;
 * - anywhere else, any string or template that reads as SQL (`const LIST_SQL = "SELECT ..."`,
 *   String.raw`...`): kept only when the SQL parser accepts it, so prose that starts with "Update"
 *   never counts; log and error messages are never SQL.
 * Concatenations (`"DELETE FROM t WHERE id = " + id`) are one text, read like a template: the whole
 * `+` chain is the SQL, with its unknown operands as holes.
 * Interpolations and unknown operands become `_` runs of the same length (quotes and `+` between
 * parts become spaces), so offsets map 1:1 to the document. When some interpolation or operand is a
 * known constant, the folded texts are read instead (each candidate, its unknown parts as `_`), and
 * their facts point at the whole expression.
 */
import type { EmbeddedText } from "../../core/types.js";
import { NAME_HOLE } from "../../core/types.js";
import { calleeMember, memberName, type Node, outerParent, propertyValue, staticKeyName, unwrap } from "./ast.js";
import type { ClientOrigins } from "./clients.js";
import type { Constants } from "./constants.js";
import type { Model } from "./model.js";
import { SQL_METHODS, SQL_TAGS } from "./sinks.js";

const SQL_START = /^(?:\s|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*(?:select|insert|update|delete|with|create|alter|drop|comment|truncate|merge)\b/i;
/** Calls whose string arguments are messages, never queries. */
const MESSAGE_METHODS = new Set(["log", "info", "warn", "error", "debug", "trace", "fatal", "notice", "verbose"]);
const MESSAGE_OBJECTS = new Set(["console", "logger", "log", "Sentry", "toast"]);
/** Names of variables and properties that hold prose, not queries. */
const MESSAGE_NAME = /message|msg|error|warning|description|label|title|hint|help|note|comment|reason|summary|tooltip|placeholder|caption|doc/i;

export function extractEmbedded(text: string, model: Model, origins: ClientOrigins, constants: Constants): EmbeddedText[] {
  const out: EmbeddedText[] = [];
  // Each expression is read once; true when it was handed over as SQL.
  const done = new Map<Node, boolean>();
  const emit = (node: Node, clients: readonly string[], requireParse: boolean): boolean => {
    const seen = done.get(node);
    if (seen !== undefined) return seen;
    const handed = push(out, text, node, clients, requireParse, constants);
    done.set(node, handed);
    return handed;
  };
  for (const tagged of model.taggedTemplates) {
    const tag = unwrap(tagged.tag);
    const name = tag.type === "Identifier" ? tag.name : tag.type === "MemberExpression" ? memberName(tag) : undefined;
    if (name === undefined || !SQL_TAGS.has(name)) continue;
    // `db.sql\`...\``: the client's origin; `const sql = postgres(url)`: the tag's own origin.
    const clients = origins.of(tag.type === "MemberExpression" ? tag.object : tag);
    emit(tagged.quasi, clients, false);
  }
  for (const call of model.calls) {
    const member = calleeMember(call);
    const name = member ? memberName(member) : undefined;
    if (!member || name === undefined || !SQL_METHODS.has(name)) continue;
    const first = call.arguments[0] as Node | undefined;
    const literal = first ? queryText(model, unwrap(first)) : undefined;
    if (literal) emit(literal, origins.of(member.object), false);
  }
  for (const string of model.strings) {
    const root = concatenationRoot(string);
    if (isMessage(root)) continue;
    // `prefix + "DELETE FROM t"`: a chain that does not start as SQL may still hold a statement.
    if (!emit(root, [], true) && root !== string) emit(string, [], true);
  }
  return out;
}

/** The literal holding a query: itself, a `{ text }` config, or the constant it names. */
function queryText(model: Model, node: Node, depth = 0): Node | undefined {
  if ((node.type === "Literal" && typeof node.value === "string") || node.type === "TemplateLiteral") return node;
  if (isConcatenation(node)) return node;
  if (depth > 3) return undefined;
  if (node.type === "ObjectExpression") {
    const text = propertyValue(node, "text") ?? propertyValue(node, "sql");
    return text ? queryText(model, unwrap(text), depth + 1) : undefined;
  }
  if (node.type === "TaggedTemplateExpression") return node.quasi;
  if (node.type === "Identifier") {
    const binding = model.bindingOf(node);
    if (binding?.init && binding.path.length === 0 && (binding.kind === "const" || !binding.reassigned)) return queryText(model, unwrap(binding.init), depth + 1);
  }
  return undefined;
}

/** A string given to a logger or an error: a message about SQL, not SQL run against a database. */
function isMessage(node: Node): boolean {
  let { parent, child } = outerParent(node);
  // `"..." + detail`, `\`...\`` inside a template: the message is the whole expression.
  while (parent && (parent.type === "BinaryExpression" || parent.type === "TemplateLiteral")) ({ parent, child } = outerParent(parent));
  if (!parent) return false;
  if (parent.type === "ThrowStatement" || parent.type === "JSXAttribute" || parent.type === "JSXExpressionContainer") return true;
  // `const message = "..."`, `{ description: "..." }`, `err.hint = "..."`: prose by its name.
  const name =
    parent.type === "VariableDeclarator" && parent.init === child ? parent.id.name
    : parent.type === "Property" && parent.value === child ? staticKeyName(parent.key, parent.computed)
    : parent.type === "AssignmentExpression" && parent.right === child && unwrap(parent.left).type === "MemberExpression" ? memberName(unwrap(parent.left))
    : undefined;
  if (typeof name === "string" && MESSAGE_NAME.test(name)) return true;
  if ((parent.type === "CallExpression" || parent.type === "NewExpression") && parent.callee !== child) {
    const callee = unwrap(parent.callee);
    if (callee.type === "Identifier") return /Error$/.test(callee.name) || callee.name === "alert";
    if (callee.type === "MemberExpression") {
      const object = unwrap(callee.object);
      const method = memberName(callee);
      return (method !== undefined && MESSAGE_METHODS.has(method)) || (object.type === "Identifier" && MESSAGE_OBJECTS.has(object.name));
    }
  }
  return false;
}

function push(
  out: EmbeddedText[],
  source: string,
  node: Node,
  clients: readonly string[],
  requireParse: boolean,
  constants: Constants,
): boolean {
  const literal = literalText(source, node);
  if (!literal || !SQL_START.test(literal.text)) return false;
  const extra = { ...(clients.length > 0 ? { clients } : {}), ...(requireParse ? { requireParse: true } : {}) };
  const folded = foldedTexts(node, constants);
  if (folded) {
    for (const text of folded) out.push({ language: "sql", text, anchor: { start: node.start, end: node.end }, ...extra });
    return true;
  }
  out.push({ language: "sql", text: literal.text, offset: literal.offset, ...extra });
  return true;
}

/** At most this many folded texts of one expression are handed over (Python: embedded.ts MAX_FOLDED). */
const MAX_FOLDED = 4;

/**
 * The texts a template or concatenation folds to when a constant fills one of its holes, unknown
 * parts as `_` ("every candidate counts"); undefined when nothing but its literal text is known.
 */
function foldedTexts(node: Node, constants: Constants): string[] | undefined {
  const holes = node.type === "TemplateLiteral" ? (node.expressions as Node[]) : isConcatenation(node) ? concatenationParts(node).filter((part) => !isText(part)) : [];
  if (holes.length === 0 || !holes.some((hole) => constants.strings(hole) !== undefined)) return undefined;
  const values = constants.strings(node);
  if (!values || values.length > MAX_FOLDED) return undefined;
  const texts = values.map((value) => value.replaceAll(NAME_HOLE, "_")).filter((text) => SQL_START.test(text));
  return texts.length > 0 ? texts : undefined;
}

/** `a + b` where one side is a string literal or template (or such a concatenation): string building. */
function isConcatenation(node: Node): boolean {
  return node.type === "BinaryExpression" && node.operator === "+" && concatenationParts(node).some(isText);
}

/** The operands of a `+` chain, left to right (parentheses and TS wrappers looked through). */
function concatenationParts(node: Node): Node[] {
  const n = unwrap(node);
  if (n.type !== "BinaryExpression" || n.operator !== "+") return [n];
  return [...concatenationParts(n.left), ...concatenationParts(n.right)];
}

function isText(node: Node): boolean {
  return (node.type === "Literal" && typeof node.value === "string") || node.type === "TemplateLiteral";
}

/** The whole `+` chain a string is part of (itself when it is not concatenated). */
function concatenationRoot(node: Node): Node {
  let root = node;
  for (;;) {
    const { parent } = outerParent(root);
    if (parent?.type !== "BinaryExpression" || parent.operator !== "+") return root;
    root = parent;
  }
}

/** Content of a string literal or template as written, interpolations blanked with `_`. */
export function literalText(source: string, node: Node): { text: string; offset: number } | undefined {
  if (node.type === "Literal" && typeof node.value === "string") {
    return { text: source.slice(node.start + 1, node.end - 1), offset: node.start + 1 };
  }
  if (isConcatenation(node)) return concatenationText(source, node);
  if (node.type !== "TemplateLiteral") return undefined;
  const offset = node.start + 1;
  let text = source.slice(offset, node.end - 1);
  for (const expression of node.expressions as Node[]) {
    // `${` before the expression and `}` after it (with any spaces inside the braces).
    const open = source.lastIndexOf("${", expression.start);
    const close = source.indexOf("}", expression.end);
    if (open < offset || close < 0 || close >= node.end) continue;
    text = text.slice(0, open - offset) + "_".repeat(close + 1 - open) + text.slice(close + 1 - offset);
  }
  return { text, offset };
}

/**
 * A concatenation as written, over its whole range: literal and template text in place, quotes,
 * `+`, parentheses and spaces between parts as spaces, every other operand as a `_` run.
 */
function concatenationText(source: string, node: Node): { text: string; offset: number } {
  const chars = source.slice(node.start, node.end).replace(/[^\n]/g, " ").split("");
  for (const part of concatenationParts(node)) {
    const inner = isText(part) ? literalText(source, part) : undefined;
    if (inner) chars.splice(inner.offset - node.start, inner.text.length, ...inner.text);
    else for (let i = part.start; i < part.end; i++) if (source[i] !== "\n") chars[i - node.start] = "_";
  }
  return { text: chars.join(""), offset: node.start };
}
