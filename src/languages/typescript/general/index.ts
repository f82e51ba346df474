/**
 * General facts (core/types.ts: import, call, member, jsx-attribute, string) for team rules, made
 * only for the kinds the loaded rules ask for (ExtractOptions.request): without a request the
 * adapter never enters this folder, so the built-in rules pay nothing for it.
 *
 *   one walk collecting nodes (nodes.ts) -> paths through aliases and imports (paths.ts)
 *     -> folded values (values.ts) -> imports.ts, calls.ts, members.ts, jsx.ts, strings.ts, urls.ts
 */
import type { Fact } from "../../../core/types.js";
import { stringFilter } from "../../fact-interest.js";
import { extractCalls } from "./calls.js";
import type { GeneralContext, GeneralInput } from "./context.js";
import { extractImports } from "./imports.js";
import { extractJsxAttributes } from "./jsx.js";
import { extractMembers } from "./members.js";
import { collectNodes } from "./nodes.js";
import { Paths } from "./paths.js";
import { extractSqlStrings, extractStrings } from "./strings.js";
import { extractUrls } from "./urls.js";
import { Values } from "./values.js";

export function extractGeneral(input: GeneralInput): Fact[] {
  const { kinds } = input;
  const strings = stringFilter(input.request);
  // Only the roles a string matcher looks at: literals' own values ("other"), SQL texts, URLs.
  const roles = kinds.has("string") ? { other: strings.wants("other"), sql: strings.wants("sql"), url: strings.wants("url") } : { other: false, sql: false, url: false };
  const wants = { imports: kinds.has("import"), calls: kinds.has("call"), members: kinds.has("member"), jsx: kinds.has("jsx-attribute"), strings: roles.other || roles.sql };
  // URLs are arguments of calls: the url role needs the calls too.
  const nodes = collectNodes(input.program, { ...wants, calls: wants.calls || roles.url });
  const paths = new Paths(input.model, input.constants, nodes.importEquals);
  const values = new Values(input.model, input.constants, paths);
  const ctx: GeneralContext = { ...input, nodes, paths, values, strings, facts: [] };
  if (wants.imports) extractImports(ctx);
  if (wants.calls) extractCalls(ctx);
  if (wants.members) extractMembers(ctx);
  if (wants.jsx) extractJsxAttributes(ctx);
  if (roles.other) extractStrings(ctx);
  if (roles.sql) extractSqlStrings(ctx);
  if (roles.url) extractUrls(ctx);
  return ctx.facts;
}
