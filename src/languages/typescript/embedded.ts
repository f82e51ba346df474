/**
 * SQL inside code, for the SQL adapter: sql`...` / SQL`...` tagged templates and the string or
 * template first argument of `.query()`, `.execute()`, `.unsafe()`, `.raw()`, `.sql()`.
 * Interpolations become `_` runs of the same length, so offsets map 1:1 to the document.
 */
import type { EmbeddedText } from "../../core/types.js";
import { calleeMember, memberName, type Node, unwrap } from "./ast.js";
import type { ClientOrigins } from "./clients.js";
import type { Model } from "./model.js";

const SQL_TAGS = new Set(["sql", "SQL"]);
const SQL_METHODS = new Set(["query", "execute", "unsafe", "raw", "sql"]);
const SQL_START = /^(?:\s|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*(?:select|insert|update|delete|with|create|alter|drop)\b/i;

export function extractEmbedded(text: string, model: Model, origins: ClientOrigins): EmbeddedText[] {
  const out: EmbeddedText[] = [];
  for (const tagged of model.taggedTemplates) {
    const tag = unwrap(tagged.tag);
    const name = tag.type === "Identifier" ? tag.name : tag.type === "MemberExpression" ? memberName(tag) : undefined;
    if (name === undefined || !SQL_TAGS.has(name)) continue;
    // `db.sql\`...\``: the client's origin; `const sql = postgres(url)`: the tag's own origin.
    const clients = origins.of(tag.type === "MemberExpression" ? tag.object : tag);
    push(out, literalText(text, tagged.quasi), clients);
  }
  for (const call of model.calls) {
    const member = calleeMember(call);
    const name = member ? memberName(member) : undefined;
    if (!member || name === undefined || !SQL_METHODS.has(name)) continue;
    const first = call.arguments[0] as Node | undefined;
    if (!first) continue;
    const literal = literalText(text, unwrap(first));
    if (literal) push(out, literal, origins.of(member.object));
  }
  return out;
}

function push(out: EmbeddedText[], literal: { text: string; offset: number } | undefined, clients: readonly string[]): void {
  if (!literal || !SQL_START.test(literal.text)) return;
  out.push({ language: "sql", text: literal.text, offset: literal.offset, ...(clients.length > 0 ? { clients } : {}) });
}

/** Content of a string literal or template as written, interpolations blanked with `_`. */
export function literalText(source: string, node: Node): { text: string; offset: number } | undefined {
  if (node.type === "Literal" && typeof node.value === "string") {
    return { text: source.slice(node.start + 1, node.end - 1), offset: node.start + 1 };
  }
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
