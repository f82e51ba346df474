/**
 * Other ways Python code names a table to the database (rules.md: "any other way code names the
 * table to a database counts too"), as a table of call signatures:
 *
 *   op.create_table("t", ...), op.drop_table("t"), op.rename_table("t", "u"),
 *   op.add_column("t", sa.Column("col", ...)), op.alter_column("t", "col"), op.drop_column("t", "col"),
 *   op.create_index("ix", "t", [...])                                Alembic migrations
 *   sa.Table("t", metadata, ...), class M(Base): __tablename__ = "t"  SQLAlchemy models
 *   channel.on_postgres_changes("*", schema="public", table="t", callback=f)   Supabase realtime
 *
 * DDL is `schema` access, `add_column` also writes its column (rules.md counts ADD COLUMN as a
 * write), a realtime subscription reads the table. The signatures are rows of the sink table
 * (../sinks/schema-definers.ts, query-builders.ts).
 */
import type { SyntaxNode } from "@lezer/common";
import type { Fact } from "../../core/types.js";
import type { ModuleIndex } from "./scope.js";
import { SIGNATURES } from "./sinks.js";
import { argumentsOf, calleeOf, spanOf, textAt } from "./syntax.js";
import type { Evaluator } from "./values.js";

export function schemaFacts(index: ModuleIndex, evaluator: Evaluator): Fact[] {
  const facts: Fact[] = [];
  for (const site of index.calls) {
    const callee = calleeOf(site.call);
    const signature = callee ? SIGNATURES.get(callee.name) : undefined;
    if (!callee || !signature) continue;
    if (signature.receiver && !(callee.receiver?.name === "VariableName" && textAt(callee.receiver) === signature.receiver)) continue;
    const args = argumentsOf(site.call);
    const tableArg = typeof signature.table === "number" ? (args.keywords.get("table_name")?.value ?? args.positional[signature.table]) : args.keywords.get(signature.table)?.value;
    if (!tableArg) continue;
    const query = evaluator.queryOf(site.call);
    facts.push({ kind: "table", name: evaluator.names(tableArg, site.scope), access: signature.access, span: spanOf(tableArg), query });
    const columnArg = signature.column ? args.positional[signature.column.at] : undefined;
    const columnName = columnArg && signature.column?.wrapped ? columnNameOf(columnArg) : columnArg;
    if (columnName) facts.push({ kind: "column", name: evaluator.names(columnName, site.scope), access: signature.column!.access, span: spanOf(columnName), query });
  }
  // class Model(Base): __tablename__ = "t"
  for (const scope of index.classes) {
    for (const binding of scope.bindings.get("__tablename__") ?? []) {
      if (binding.kind !== "value") continue;
      facts.push({ kind: "table", name: evaluator.names(binding.value, scope), access: "schema", span: spanOf(binding.value), query: evaluator.queryOf(binding.value) });
    }
  }
  return facts;
}

/** `sa.Column("name", ...)`: its name argument. */
function columnNameOf(node: SyntaxNode): SyntaxNode | undefined {
  const callee = node.name === "CallExpression" ? calleeOf(node) : undefined;
  return callee?.name === "Column" ? argumentsOf(node).positional[0] : undefined;
}
