/**
 * One walk over the tree for what the general facts need and scope.ts does not keep: import
 * statements, `with X as name` targets, and the member chains (longest only).
 */
import type { SyntaxNode } from "@lezer/common";
import { childrenOf, isExpression, textAt } from "../syntax.js";

/** One imported module of an `import` / `from … import` statement. */
export interface ImportedModule {
  /** As written, dots kept: "a.b", "..lib", ".". */
  module: string;
  /** From the first to the last token of the module name (the dots of a relative one included). */
  span: { start: number; end: number };
  /** Imported names ("*" for `import m` and `from m import *`), each with where its local name is bound. */
  names: { name: string; local: SyntaxNode; span: { start: number; end: number } }[];
  /** `import a.b` (not `from`). */
  plain: boolean;
}

export interface GeneralIndex {
  imports: ImportedModule[];
  /** `import a.b as x`: the module path x stands for, by the position of x. */
  moduleAliases: Map<number, string>;
  /** `with X as name` / `async with X as name`: X, by the position of name. */
  withTargets: Map<number, SyntaxNode>;
  /** Member chains that are not the object of a longer one: `a.b.c` of `a.b.c.d` is not here. */
  chains: SyntaxNode[];
}

/** `chains`: only the member facts read them (each costs node objects): without, `chains` stays empty. */
export function indexGeneral(root: SyntaxNode, wanted: { chains: boolean } = { chains: true }): GeneralIndex {
  const index: GeneralIndex = { imports: [], moduleAliases: new Map(), withTargets: new Map(), chains: [] };
  const cursor = root.cursor();
  do {
    switch (cursor.name) {
      case "ImportStatement":
        importStatement(cursor.node, index);
        break;
      case "WithStatement":
        withTargets(cursor.node, index);
        break;
      case "MemberExpression": {
        if (!wanted.chains) break;
        const node = cursor.node;
        const parent = node.parent;
        const isObjectOfLonger = parent?.name === "MemberExpression" && parent.firstChild?.from === node.from && parent.firstChild.to === node.to;
        if (!isObjectOfLonger) index.chains.push(node);
        break;
      }
    }
  } while (cursor.next());
  return index;
}

function importStatement(node: SyntaxNode, index: GeneralIndex): void {
  const items = childrenOf(node);
  const importAt = items.findIndex((item) => item.name === "import");
  if (importAt < 0) return;
  if (items[0]?.name === "from") {
    const moduleItems = items.slice(1, importAt);
    if (moduleItems.length === 0) return;
    const imported: ImportedModule = {
      module: moduleItems.map(textAt).join(""),
      span: { start: moduleItems[0]!.from, end: moduleItems[moduleItems.length - 1]!.to },
      names: [],
      plain: false,
    };
    for (let i = importAt + 1; i < items.length; i++) {
      const item = items[i]!;
      if (item.name === "*") imported.names.push({ name: "*", local: item, span: { start: item.from, end: item.to } });
      if (item.name !== "VariableName") continue;
      const alias = items[i + 1]?.name === "as" && items[i + 2]?.name === "VariableName" ? items[i + 2]! : undefined;
      imported.names.push({ name: textAt(item), local: alias ?? item, span: { start: item.from, end: (alias ?? item).to } });
      if (alias) i += 2;
    }
    index.imports.push(imported);
    return;
  }
  // import a.b.c as x, d
  for (let i = importAt + 1; i < items.length; i++) {
    if (items[i]!.name !== "VariableName") continue;
    const first = items[i]!;
    let last = first;
    while (items[i + 1]?.name === "." && items[i + 2]?.name === "VariableName") {
      last = items[i + 2]!;
      i += 2;
    }
    const module = dottedName(first, last);
    const alias = items[i + 1]?.name === "as" && items[i + 2]?.name === "VariableName" ? items[i + 2]! : undefined;
    if (alias) {
      index.moduleAliases.set(alias.from, module);
      i += 2;
    }
    const span = { start: first.from, end: last.to };
    index.imports.push({ module, span, names: [{ name: "*", local: alias ?? first, span }], plain: true });
  }
}

/** The dotted name from `first` to `last`, without any space or comment between its parts. */
function dottedName(first: SyntaxNode, last: SyntaxNode): string {
  const parts: string[] = [];
  for (let n: SyntaxNode | null = first; n; n = n.nextSibling) {
    if (n.name === "VariableName") parts.push(textAt(n));
    if (n.from === last.from) break;
  }
  return parts.join(".");
}

/** `with a() as x, b() as y:` and `with (a() as x):` */
function withTargets(node: SyntaxNode, index: GeneralIndex): void {
  const items = node.getChild("WithItems");
  const parts = items ? childrenOf(items) : childrenOf(node);
  parts.forEach((part, i) => {
    if (part.name !== "as") return;
    const target = parts[i + 1];
    const value = parts[i - 1];
    if (target?.name === "VariableName" && value && isExpression(value)) index.withTargets.set(target.from, value);
  });
}
