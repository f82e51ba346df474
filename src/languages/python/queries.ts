/**
 * supabase-py query chains -> table and column facts.
 *
 *   client.table(T) / client.from_(T)          a table (write when the chain inserts/updates/upserts/deletes)
 *     .update({...}) .insert(...) .upsert(...) keys of the dict (or list of dicts): column writes
 *     .select("a, b, rel(c)")                  column reads (and `rel` is a table read)
 *     .eq("col", v) .order("col") ...          column reads
 *     .match({"col": v})                       column reads
 *
 *   res.data[0]["col"], row.get("col")        column reads of the query the rows came from
 *
 * `client.storage.from_("bucket")` is a storage bucket, not a table. Each chain is one query; its
 * `clients` are the functions whose return value the receiver is (values.ts).
 */
import { parseSelect } from "../postgrest-select.js";
import type { SyntaxNode } from "@lezer/common";
import type { Access, Fact, Span } from "../../core/types.js";
import type { CallSite, ModuleIndex } from "./scope.js";
import { argumentsOf, calleeOf, spanOf, stringLayout, textAt } from "./syntax.js";
import { CHAIN_WRITE_METHODS, PAYLOAD_WRITE_METHODS, TABLE_METHODS } from "./sinks.js";
import { candidatesOf, type Evaluator, isStorage, type Value } from "./values.js";

/** Filter and modifier methods whose first argument is a column name. */
const COLUMN_FILTERS = new Set([
  "eq", "neq", "gt", "gte", "lt", "lte", "like", "ilike", "like_all_of", "like_any_of", "ilike_all_of", "ilike_any_of",
  "is_", "in_", "contains", "contained_by", "range_gt", "range_gte", "range_lt", "range_lte", "range_adjacent",
  "overlaps", "text_search", "filter", "order", "not_",
]);

interface ChainCall {
  method: string;
  call: SyntaxNode;
}

export function queryFacts(sites: readonly CallSite[], evaluator: Evaluator): Fact[] {
  const facts: Fact[] = [];
  for (const site of sites) {
    const callee = calleeOf(site.call);
    if (!callee?.receiver || !TABLE_METHODS.has(callee.name)) continue;
    if (isStorage(callee.receiver)) continue;
    const [tableArg] = argumentsOf(site.call).positional;
    if (!tableArg) continue;

    const chain = [...chainAfter(site.call), ...continuedChain(site, sites)];
    const query = evaluator.queryOf(site.call);
    const receiver = evaluator.evaluate(callee.receiver, site.scope);
    const clients = receiver.kind === "client" ? receiver.origins : [];
    const part = { query, ...(clients.length > 0 ? { clients } : {}) };
    const access: Access = chain.some((c) => CHAIN_WRITE_METHODS.has(c.method)) ? "write" : "read";
    facts.push({ kind: "table", name: evaluator.names(tableArg, site.scope), access, span: spanOf(tableArg), ...part });

    for (const { method, call } of chain) {
      const args = argumentsOf(call);
      const first = args.positional[0];
      if (PAYLOAD_WRITE_METHODS.has(method)) {
        const payload = first ?? args.keywords.get("json")?.value ?? args.keywords.get("values")?.value;
        if (payload) for (const entry of dictEntries(evaluator.evaluate(payload, site.scope))) {
          facts.push({ kind: "column", name: entry.key, access: "write", span: entry.span, ...part });
        }
      } else if (method === "select") {
        for (const arg of args.positional) facts.push(...selectFacts(arg, evaluator, site, part));
      } else if (method === "match" && first) {
        for (const entry of dictEntries(evaluator.evaluate(first, site.scope))) {
          facts.push({ kind: "column", name: entry.key, access: "read", span: entry.span, ...part });
        }
      } else if (COLUMN_FILTERS.has(method) && first) {
        facts.push({ kind: "column", name: evaluator.names(first, site.scope), access: "read", span: spanOf(first), ...part });
      }
    }
  }
  return facts;
}

/**
 * Columns read from query results: `res.data[0]["col"]`, `row.get("col")` for `row` in `res.data`,
 * where `res` holds what a `.table()` chain returned (values.ts "rows").
 */
export function resultReads(index: ModuleIndex, evaluator: Evaluator): Fact[] {
  const facts: Fact[] = [];
  const read = (object: SyntaxNode, key: SyntaxNode, scope: CallSite["scope"]) => {
    const rows = evaluator.evaluate(object, scope);
    if (rows.kind !== "rows") return;
    facts.push({ kind: "column", name: evaluator.names(key, scope), access: "read", span: spanOf(key), query: rows.query, ...(rows.clients.length > 0 ? { clients: rows.clients } : {}) });
  };
  for (const { node, key, scope } of index.subscripts) read(node.firstChild!, key, scope);
  for (const { call, scope } of index.calls) {
    const callee = calleeOf(call);
    const [key] = argumentsOf(call).positional;
    if (callee?.name === "get" && callee.receiver && key?.name === "String") read(callee.receiver, key, scope);
  }
  return facts;
}

/** The method calls chained on a call: `.update({...}).eq("id", 1).execute()`; `.not_` is a step, not a call. */
function chainAfter(call: SyntaxNode): ChainCall[] {
  const chain: ChainCall[] = [];
  let node = call;
  for (;;) {
    const member = node.parent;
    if (member?.name !== "MemberExpression" || member.firstChild?.from !== node.from || member.firstChild.to !== node.to) break;
    const property = member.lastChild;
    if (property?.name !== "PropertyName") break;
    const next = member.parent;
    if (next?.name === "CallExpression" && next.firstChild?.from === member.from && next.firstChild.to === member.to) {
      chain.push({ method: textAt(property), call: next });
      node = next;
    } else if (next?.name === "MemberExpression") {
      node = member; // `.not_` property in the middle of a chain
    } else break;
  }
  return chain;
}

/**
 * A query built in steps: `q = sb.table("t")` then `q.update({...}).execute()` (or
 * `q = q.eq(...)`): the calls made on the variable later in the same scope continue the chain.
 */
function continuedChain(site: CallSite, sites: readonly CallSite[]): ChainCall[] {
  let top = site.call;
  for (const step of chainAfter(site.call)) top = step.call;
  const assignment = top.parent;
  const target = assignment?.firstChild;
  if (assignment?.name !== "AssignStatement" || target?.name !== "VariableName" || assignment.lastChild?.from !== top.from) return [];
  const name = textAt(target);
  const chain: ChainCall[] = [];
  for (const other of sites) {
    if (other.scope !== site.scope || other.call.from < assignment.to) continue;
    const callee = calleeOf(other.call);
    if (callee?.receiver?.name !== "VariableName" || textAt(callee.receiver) !== name) continue;
    chain.push({ method: callee.name, call: other.call }, ...chainAfter(other.call));
  }
  return chain;
}

/** The entries of a dict, or of each dict in a list (`insert([{...}, {...}])`). */
export function dictEntries(value: Value): { key: string[]; span: Span }[] {
  if (value.kind === "dict") return value.entries;
  if (value.kind === "list") return value.items.flatMap(dictEntries);
  return [];
}

/**
 * Columns of a PostgREST select string: `id, alias:col, col::text, rel(col, nested(col)), rel!inner(*)`.
 * A plain string literal gives each name its own span; anything else reports at the argument.
 */
function selectFacts(arg: SyntaxNode, evaluator: Evaluator, site: CallSite, part: { query: number; clients?: readonly string[] }): Fact[] {
  const facts: Fact[] = [];
  const literal = arg.name === "String" && !textAt(arg).includes("\\") ? stringLayout(arg) : undefined;
  const texts = literal ? [textAt(arg).slice(literal.contentFrom - arg.from, literal.contentTo - arg.from)] : candidatesOf(evaluator.evaluate(arg, site.scope));
  for (const text of texts) {
    for (const name of parseSelect(text)) {
      const span = literal ? { start: literal.contentFrom + name.start, end: literal.contentFrom + name.end } : spanOf(arg);
      facts.push({ kind: name.kind === "relation" ? "table" : "column", name: [name.name], access: "read", span, ...part });
    }
  }
  return facts;
}

