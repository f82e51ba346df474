/**
 * ORM model accessors (sinks.ts MODEL_ACCESSOR_SINKS): `prisma.<model>.<method>({ data, select, where })`.
 * The model names the table; `data` keys are written columns, `select` / `where` keys read ones.
 */
import type { Span } from "../../core/types.js";
import { calleeMember, memberName, type Node, staticKeyName, unwrap, unwrapAwait } from "./ast.js";
import { addQueryFact, type Context, type Query } from "./context.js";
import { MODEL_ACCESSOR_SINKS } from "./sinks.js";
import { collectWrites } from "./writes.js";

export function extractModelAccessors(ctx: Context): void {
  for (const call of ctx.model.calls) {
    const member = calleeMember(call);
    const method = member ? memberName(member) : undefined;
    if (!member || method === undefined) continue;
    const accessor = unwrap(member.object);
    if (accessor.type !== "MemberExpression") continue;
    const model = memberName(accessor);
    if (model === undefined || model.startsWith("$")) continue;
    for (const sink of MODEL_ACCESSOR_SINKS) {
      const access = sink.methods[method];
      if (!access || !isClient(ctx, accessor.object, sink.clients, sink.receivers)) continue;
      const query: Query = { id: ctx.nextQuery++, clients: ctx.origins.of(accessor.object), calls: [], responses: [], responsePatterns: [] };
      const span: Span = { start: accessor.property.start, end: call.end };
      for (const table of tableNames(model)) addQueryFact(ctx, query, "table", [table], access, span);
      const args = call.arguments[0] ? unwrapAwait(call.arguments[0]) : undefined;
      if (args?.type !== "ObjectExpression") continue;
      for (const prop of args.properties as Node[]) {
        const key = prop.type === "Property" ? staticKeyName(prop.key, prop.computed) : undefined;
        if (key === undefined) continue;
        if (sink.writeProperties.includes(key)) {
          collectWrites(ctx, prop.value, (names, at) => addQueryFact(ctx, query, "column", names, "write", at));
        } else if (sink.readProperties.includes(key) && unwrap(prop.value).type === "ObjectExpression") {
          for (const column of unwrap(prop.value).properties as Node[]) {
            const name = column.type === "Property" ? staticKeyName(column.key, column.computed) : undefined;
            if (name !== undefined) addQueryFact(ctx, query, "column", [name], "read", { start: column.key.start, end: column.key.end });
          }
        }
      }
    }
  }
}

function isClient(ctx: Context, receiver: Node, clients: readonly string[], names: readonly string[]): boolean {
  const n = unwrapAwait(receiver);
  if (n.type === "Identifier" && names.includes(n.name)) return true;
  if (n.type === "MemberExpression" && names.includes(memberName(n) ?? "")) return true;
  return ctx.origins.of(receiver).some((origin) => clients.includes(origin));
}

/** A model's table: the name itself, or for a camelCase model its snake_case, singular and plural. */
function tableNames(model: string): string[] {
  if (!/[A-Z]/.test(model)) return [model];
  const snake = model.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
  return snake.endsWith("s") ? [snake] : [snake, `${snake}s`];
}
