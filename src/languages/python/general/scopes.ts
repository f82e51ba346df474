/** The scope (scope.ts) a node is evaluated in, for nodes scope.ts did not record (member chains). */
import type { SyntaxNode } from "@lezer/common";
import type { ModuleIndex, Scope } from "../scope.js";
import { textAt } from "../syntax.js";

const COMPREHENSIONS = new Set(["ArrayComprehensionExpression", "DictionaryComprehensionExpression", "SetComprehensionExpression", "ComprehensionExpression"]);

export class ScopeFinder {
  private readonly functions = new Map<number, Scope>();

  constructor(private readonly index: ModuleIndex) {
    for (const fn of index.definitions) this.functions.set(fn.node.from, fn.scope);
  }

  /**
   * From the module down through the enclosing classes, functions and comprehensions. A lambda
   * is not recorded by scope.ts: its body is looked up in the scope around it (its parameters
   * then read as unknown names, never as a wrong value).
   */
  scopeOf(node: SyntaxNode): Scope {
    const enclosing: SyntaxNode[] = [];
    for (let n = node.parent; n; n = n.parent) {
      if (n.name === "FunctionDefinition" || n.name === "ClassDefinition" || (COMPREHENSIONS.has(n.name) && this.index.comprehensions.has(n.from))) enclosing.push(n);
    }
    let scope = this.index.module;
    for (const n of enclosing.reverse()) {
      if (n.name === "FunctionDefinition") scope = this.functions.get(n.from) ?? scope;
      else if (n.name === "ClassDefinition") {
        const name = n.getChild("VariableName");
        const binding = name ? scope.bindings.get(textAt(name))?.find((b) => b.kind === "class" && b.from === name.from) : undefined;
        if (binding?.kind === "class") scope = binding.scope;
      } else scope = this.index.comprehensions.get(n.from) ?? scope;
    }
    return scope;
  }
}
