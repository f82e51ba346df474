/**
 * Function calls by name: `f(...)` and `obj.f(...)` (span = the name). Definitions are recorded
 * by the model walk (scope.ts), which sees every form a function gets its name in.
 */
import type { Fact } from "../../core/types.js";
import { memberName, type Node, unwrap } from "./ast.js";
import type { Model } from "./model.js";

export function extractCalls(model: Model, facts: Fact[]): void {
  for (const call of model.calls) {
    const callee = unwrap(call.callee);
    if (callee.type === "Identifier") {
      facts.push({ kind: "function-call", name: callee.name, span: { start: callee.start, end: callee.end } });
    } else if (callee.type === "MemberExpression") {
      const name = memberName(callee);
      const property = callee.property as Node;
      if (name !== undefined) facts.push({ kind: "function-call", name, span: { start: property.start, end: property.end } });
    }
  }
}
