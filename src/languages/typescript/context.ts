/** What the extraction passes share for one document, and how they record facts. */
import type { Access, Fact, Span } from "../../core/types.js";
import type { Node } from "./ast.js";
import type { ClientOrigins } from "./clients.js";
import type { Constants } from "./constants.js";
import type { Model } from "./model.js";

export interface Context {
  readonly text: string;
  readonly model: Model;
  readonly constants: Constants;
  readonly origins: ClientOrigins;
  readonly facts: Fact[];
  nextQuery: number;
}

/** One supabase query chain: `client.from(T)....`, possibly continued through variables. */
export interface Query {
  readonly id: number;
  readonly clients: readonly string[];
  /** Method calls after `.from(T)`, in chain order. */
  readonly calls: Node[];
  /** Expressions whose value is the query's response (`await chain`). */
  readonly responses: Node[];
  /** Patterns bound to the response (`.then(({ data }) => ...)`). */
  readonly responsePatterns: Node[];
  /** Column names by property name, when the table is a drizzle table object (`.set({ integrationXStatus })`). */
  readonly columns?: ReadonlyMap<string, string>;
}

export function addQueryFact(
  ctx: Context,
  query: Query,
  kind: "table" | "column",
  name: readonly string[],
  access: Access,
  span: Span,
): void {
  ctx.facts.push({
    kind,
    name,
    access,
    span,
    query: query.id,
    ...(query.clients.length > 0 ? { clients: query.clients } : {}),
  });
}
