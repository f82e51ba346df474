/**
 * StringFact, role "other": every string literal and template literal, with its own folded value
 * (a template's holes through constants, NAME_HOLE where unknown), and each outermost `+`
 * concatenation that involves a string (`"https://api.open" + "ai.com"` is also one value).
 * Module specifiers (imports.ts) and object keys are names, not string values: no fact.
 *
 * Role "sql": each text the adapter hands to the SQL adapter (embedded.ts: sql`…`, `.query(…)`,
 * Prisma raw, and strings elsewhere that read as SQL), at the literal. A string outside any query
 * position is SQL for the engine only when it parses; the SQL parser loads asynchronously and
 * is not at hand here, so such a string counts when it has the shape of a statement (STATEMENT)
 * and does not end like a sentence: "Update the integrations table" is prose, not SQL.
 *
 * Role "url": urls.ts.
 *
 * Only the roles a string matcher looks at are read, and only values it may match are kept
 * (ctx.strings: a value holding none of its needles is left out, FactRequest.strings).
 */
import { NAME_HOLE, type StringFact } from "../../../core/types.js";
import { type Node, outerParent, unwrap } from "../ast.js";
import type { GeneralContext } from "./context.js";
import { requireSpecifier } from "./paths.js";

const STATEMENT =
  /^\s*(?:select\s[\s\S]*\bfrom\s|select\s+(?:\*|\d|count\s*\(|[\w.]+\s*,)|insert\s+into\s|update\s+[\w."]+\s+set\s|delete\s+from\s|with\s+(?:recursive\s+)?[\w"]+\s+as\s*\(|(?:create|alter|drop)\s+(?:or\s+replace\s+)?(?:unique\s+)?(?:table|view|materialized|index|policy|function|trigger|schema|type|extension|sequence|column)\b|truncate\s+(?:table\s+)?[\w."]+\s*;?\s*$|comment\s+on\s|merge\s+into\s)/i;
const SENTENCE_END = /[.!?]\s*$/;

/** Role "other". */
export function extractStrings(ctx: GeneralContext): void {
  for (const node of ctx.nodes.strings) {
    if (node.type === "Literal") {
      if (!isName(ctx, node)) push(ctx, [node.value as string], node, "other");
    } else if (node.type === "TemplateLiteral") {
      push(ctx, templateValue(ctx, node), node, "other");
    } else if (isOutermostConcatenation(node) && hasString(node)) {
      const value = ctx.constants.strings(node);
      if (value) push(ctx, value, node, "other");
    }
  }
}

/** Role "sql". */
export function extractSqlStrings(ctx: GeneralContext): void {
  if (ctx.embedded.length === 0) return;
  const byStart = new Map<number, Node>();
  for (const node of ctx.nodes.strings) if (node.type !== "BinaryExpression") byStart.set(node.start, node);
  for (const part of ctx.embedded) {
    if (part.language !== "sql" || (part.requireParse && !readsAsStatement(part.text))) continue;
    // Literals and templates hand over their contents, one character after the opening quote.
    const node = part.anchor ? undefined : byStart.get(part.offset - 1);
    const value = !node ? [part.text] : node.type === "Literal" ? [node.value as string] : templateValue(ctx, node);
    const span = node ? { start: node.start, end: node.end } : (part.anchor ?? { start: part.offset, end: part.offset + part.text.length });
    pushAt(ctx, value, span, "sql");
  }
}

/** A free-standing string with the shape of an SQL statement (see the file comment). */
export function readsAsStatement(text: string): boolean {
  return STATEMENT.test(text) && !SENTENCE_END.test(text);
}

function push(ctx: GeneralContext, value: readonly string[], node: Node, role: StringFact["role"]): void {
  pushAt(ctx, value, { start: node.start, end: node.end }, role);
}

/** Only values some string matcher of the role may match (ctx.strings). */
function pushAt(ctx: GeneralContext, value: readonly string[], span: StringFact["span"], role: StringFact["role"]): void {
  if (value.length === 0 || !ctx.strings.keeps(role, value)) return;
  ctx.facts.push({ kind: "string", value, role, span });
}

/** A template's folded candidates, or (past the folding's limits) its text with every hole unknown. */
function templateValue(ctx: GeneralContext, node: Node): readonly string[] {
  const folded = ctx.constants.strings(node);
  if (folded) return folded;
  const quasis = (node.quasis as Node[]).map((quasi) => quasi.value.cooked ?? quasi.value.raw ?? "");
  return [quasis.join(NAME_HOLE)];
}

/** A string literal that names rather than holds a value: a module specifier, an object key, an enum member. */
function isName(ctx: GeneralContext, node: Node): boolean {
  const { parent, child } = outerParent(node);
  if (!parent) return false;
  switch (parent.type) {
    case "Property":
    case "PropertyDefinition":
    case "MethodDefinition":
    case "TSPropertySignature":
      return parent.key === child && !parent.computed;
    case "ImportAttribute":
    case "TSEnumMember":
    case "ExportSpecifier":
    case "ImportSpecifier":
      return parent.key === child || parent.id === child || parent.exported === child || parent.local === child || parent.imported === child;
    case "CallExpression":
      return requireSpecifier(ctx.model, parent) === child;
    default:
      return false;
  }
}

function isOutermostConcatenation(node: Node): boolean {
  const { parent } = outerParent(node);
  return !(parent?.type === "BinaryExpression" && parent.operator === "+");
}

/** Does a `+` tree have a string literal or template among its operands? */
function hasString(node: Node): boolean {
  const n = unwrap(node);
  if (n.type === "Literal") return typeof n.value === "string";
  if (n.type === "TemplateLiteral") return true;
  return n.type === "BinaryExpression" && n.operator === "+" && (hasString(n.left) || hasString(n.right));
}
