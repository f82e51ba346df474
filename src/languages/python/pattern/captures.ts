/**
 * What a captured Python node folds to (core/types.ts FoldedValue), through the adapter's own
 * Evaluator (values.ts) in the scope the node is in: string candidates, dict keys, dotted paths
 * through imports and aliases (`from requests import get` -> "requests.get"; `import httpx as h`
 * -> "httpx"), and the callees of the calls whose result makes the value.
 */
import type { SyntaxNode } from "@lezer/common";
import { type FoldedValue, NAME_HOLE } from "../../../core/types.js";
import type { Binding, ModuleIndex, Scope } from "../scope.js";
import { childrenOf } from "../syntax.js";
import { candidatesOf, type Evaluator } from "../values.js";
import { ungrouped } from "./compile.js";

const MAX_DEPTH = 6;
const MAX_PATHS = 16;
const COMPREHENSIONS = new Set(["ArrayComprehensionExpression", "DictionaryComprehensionExpression", "SetComprehensionExpression", "ComprehensionExpression"]);

export class PyCaptures {
  /** Scope of each def by its position, built on first use. */
  private functionScopes: Map<number, Scope> | undefined;

  constructor(
    private readonly root: SyntaxNode,
    private readonly index: ModuleIndex,
    private readonly evaluator: Evaluator,
    private readonly text: string,
  ) {}

  fold(node: SyntaxNode): FoldedValue {
    const scope = this.scopeAt(node);
    const value = this.evaluator.evaluate(node, scope);
    const folded: { value: readonly string[]; keys?: Record<string, readonly string[]>; paths?: string[]; calls?: string[] } = {
      value: value.kind === "str" ? candidatesOf(value) : [],
    };
    if (value.kind === "dict") {
      const keys: Record<string, readonly string[]> = {};
      for (const entry of value.entries) {
        const entryValue = entry.value();
        if (entry.key.length === 1 && entryValue.kind === "str") keys[entry.key[0]!] = candidatesOf(entryValue);
      }
      folded.keys = keys;
    }
    const paths = this.paths(node, scope, 0);
    if (paths.length > 0) folded.paths = paths;
    const calls = [...new Set(this.calls(node, scope, 0))];
    if (calls.length > 0) folded.calls = calls;
    return folded;
  }

  /** Dotted paths of a name or attribute chain, as written and through imports and aliases. */
  pathsAt(node: SyntaxNode): string[] {
    return this.paths(node, this.scopeAt(node), 0);
  }

  /** The scope a node's names are looked up in: its def's, comprehension's or class body's, else the module's. */
  private scopeAt(node: SyntaxNode): Scope {
    for (let parent = node.parent; parent; parent = parent.parent) {
      if (COMPREHENSIONS.has(parent.name)) {
        const scope = this.index.comprehensions.get(parent.from);
        if (scope) return scope;
      }
      if (parent.name !== "Body") continue;
      const owner = parent.parent;
      if (owner?.name === "FunctionDefinition") {
        this.functionScopes ??= new Map(this.index.definitions.map((fn) => [fn.node.from, fn.scope]));
        const scope = this.functionScopes.get(owner.from);
        if (scope) return scope;
      }
      if (owner?.name === "ClassDefinition") {
        const name = owner.getChild("VariableName");
        const scope = name ? this.index.classes.find((cls) => cls.name === this.text.slice(name.from, name.to)) : undefined;
        if (scope) return scope;
      }
    }
    return this.index.module;
  }

  private bindingsOf(name: string, scope: Scope): Binding[] {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const found = s.bindings.get(name);
      if (found) return found;
    }
    return [];
  }

  /** `a.b.c` as written, and with its first name replaced by what an import or an alias says it is. */
  private paths(original: SyntaxNode, scope: Scope, depth: number): string[] {
    const node = ungrouped(original);
    const out: string[] = [];
    if (node.name === "VariableName") {
      const name = this.text.slice(node.from, node.to);
      out.push(name);
      for (const binding of depth < MAX_DEPTH ? this.bindingsOf(name, scope) : []) {
        if (binding.kind === "import") out.push(`${binding.module}.${binding.name}`);
        else if (binding.kind === "unknown") {
          const imported = this.importedModule(binding.from);
          if (imported) out.push(imported);
        } else if (binding.kind === "value" && binding.index === undefined && (binding.value.name === "VariableName" || binding.value.name === "MemberExpression")) {
          out.push(...this.paths(binding.value, scope, depth + 1));
        }
      }
    } else if (node.name === "MemberExpression") {
      const [object, second, key] = childrenOf(node);
      let segment: string = NAME_HOLE;
      if (second?.name === ".") segment = node.lastChild ? this.text.slice(node.lastChild.from, node.lastChild.to) : NAME_HOLE;
      else if (key) {
        const value = this.evaluator.evaluate(key, scope);
        const candidates = value.kind === "str" ? candidatesOf(value) : [];
        if (candidates.length === 1) segment = candidates[0]!;
      }
      if (object) for (const base of this.paths(object, scope, depth)) out.push(`${base}.${segment}`);
    }
    return [...new Set(out)].slice(0, MAX_PATHS);
  }

  /** `import a.b as r`: "a.b" for the name r bound at `at` (undefined when `at` is no import alias). */
  private importedModule(at: number): string | undefined {
    const local = this.root.resolveInner(at, 1);
    if (local.name !== "VariableName" || local.parent?.name !== "ImportStatement" || local.prevSibling?.name !== "as") return undefined;
    const parts: string[] = [];
    for (let part = local.prevSibling.prevSibling; part && (part.name === "VariableName" || part.name === "."); part = part.prevSibling) {
      parts.unshift(this.text.slice(part.from, part.to));
    }
    return parts.length > 0 && parts[0] !== "." ? parts.join("") : undefined;
  }

  /** Callee paths of the calls whose result the value is (`escape(x)`, through a name, inside a dict). */
  private calls(original: SyntaxNode, scope: Scope, depth: number): string[] {
    if (depth > MAX_DEPTH) return [];
    const node = ungrouped(original);
    switch (node.name) {
      case "CallExpression":
        return node.firstChild ? this.paths(node.firstChild, scope, 0) : [];
      case "AwaitExpression":
        return node.lastChild ? this.calls(node.lastChild, scope, depth + 1) : [];
      case "VariableName":
        return this.bindingsOf(this.text.slice(node.from, node.to), scope).flatMap((b) => (b.kind === "value" && b.index === undefined ? this.calls(b.value, scope, depth + 1) : []));
      case "DictionaryExpression":
        return childrenOf(node).flatMap((child, i, all) => (all[i - 1]?.name === ":" ? this.calls(child, scope, depth + 1) : []));
      default:
        return [];
    }
  }
}
