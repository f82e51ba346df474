/**
 * Structural matching of a compiled Python template (compile.ts) against one node of the
 * document's tree: node names, leaf texts, string values (any quotes), list items with `$$$`.
 * Keyword arguments and dict entries may come in any order; grouping parentheses do not count.
 * A name or attribute chain without metavariables (`requests.get`) matches by its dotted path
 * through imports and aliases (`from requests import get`, `import requests as r`).
 * Runs inside extract, after syntax.ts's source was set to the document.
 */
import type { SyntaxNode } from "@lezer/common";
import { decodeContent, stringLayout } from "../syntax.js";
import { Bindings, type ListOps, matchAnyOrder, matchInOrder } from "../../pattern-template.js";
import { formatSegments, itemsOf, type PyTemplateNode, significantChildren, staticPath, ungrouped } from "./compile.js";

type TemplateItem = readonly PyTemplateNode[];
type TargetItem = readonly SyntaxNode[];

/** Stands for "other keyword arguments may follow" when the template's positional part has a `$$$`. */
const OTHER_KEYWORDS: TemplateItem = [{ name: "$meta", meta: { multi: true, name: undefined }, items: [] }];

export class PyMatcher {
  readonly bindings = new Bindings<SyntaxNode>();
  private readonly ops: ListOps<TemplateItem, TargetItem>;

  constructor(
    private readonly text: string,
    /** Dotted paths of a name or attribute chain, through imports and aliases (general/paths.ts). */
    private readonly pathsOf: (node: SyntaxNode) => readonly string[],
  ) {
    this.ops = {
      multi: (item) => (item.length === 1 && item[0]!.meta?.multi ? item[0]!.meta : undefined),
      one: (item, nodes) => {
        // `$X` as a whole item takes the whole item (a dotted module name, a `*args`).
        const only = item.length === 1 ? item[0]!.meta : undefined;
        if (only && !only.multi && nodes.length > 1) return this.bindings.bind(only.name, nodes, this.slice(nodes[0]!.from, nodes[nodes.length - 1]!.to));
        return item.length === nodes.length && item.every((t, i) => this.node(t, nodes[i]!));
      },
      many: (name, items, inOrder) => {
        const nodes = items.flat();
        const text = nodes.length === 0 ? "" : inOrder ? this.slice(nodes[0]!.from, nodes[nodes.length - 1]!.to) : items.map((item) => this.slice(item[0]!.from, item[item.length - 1]!.to)).join(", ");
        return this.bindings.bind(name, nodes, text);
      },
    };
  }

  matches(template: PyTemplateNode, node: SyntaxNode): boolean {
    this.bindings.restore(0);
    return this.node(template, node);
  }

  private slice(from: number, to: number): string {
    return this.text.slice(from, to);
  }

  private node(template: PyTemplateNode, target: SyntaxNode): boolean {
    const node = ungrouped(target);
    if (template.meta) return !template.meta.multi && this.bindings.bind(template.meta.name, [node], this.slice(node.from, node.to));
    if (template.name === "String") return this.string(template.value ?? "", node);
    if (template.name === "VariableName" || template.name === "MemberExpression") {
      const path = staticPath(template);
      if (path !== undefined) return this.samePath(path, node);
    }
    if (template.name !== node.name) return false;
    if (template.text !== undefined) return this.slice(node.from, node.to) === template.text;
    if (template.name === "FormatString") return this.format(template, node);
    const items = itemsOf(node.name, significantChildren(node));
    if (node.name === "ArgList") return this.argList(template.items, items);
    if (node.name === "DictionaryExpression") return matchAnyOrder(template.items, items, this.bindings, this.ops);
    return matchInOrder(template.items, items, this.bindings, this.ops);
  }

  /** `requests.get` in a template: the node's path is that, as written or through an import or alias. */
  private samePath(path: string, node: SyntaxNode): boolean {
    if (node.name === "MemberExpression") {
      // An alias renames the whole chain (`g = requests.get`), never only its front: the last names must agree.
      const last = node.lastChild;
      if (last?.name !== "PropertyName" || this.slice(last.from, last.to) !== path.slice(path.lastIndexOf(".") + 1)) return false;
    } else if (node.name !== "VariableName") {
      return false;
    }
    return this.pathsOf(node).includes(path);
  }

  /** A string literal by its value: `'a'`, `"a"`, `"""a"""` and `f"a"` are the same string. */
  private string(value: string, node: SyntaxNode): boolean {
    if (node.name !== "String" && node.name !== "FormatString") return false;
    if (node.name === "FormatString" && node.getChild("FormatReplacement")) return false;
    const layout = stringLayout(node);
    const decoded = decodeContent(layout.contentFrom, layout.contentTo, layout.raw);
    return (node.name === "FormatString" ? decoded.replace(/\{\{/g, "{").replace(/\}\}/g, "}") : decoded) === value;
  }

  private format(template: PyTemplateNode, node: SyntaxNode): boolean {
    const segments = formatSegments(node);
    if (segments.length !== template.items.length) return false;
    return segments.every((segment, i) => {
      const part = template.items[i]![0]!;
      if (!("name" in segment)) return part.name === "#literal" && part.text === this.slice(segment.from, segment.to);
      return part.name !== "#literal" && this.node(part, segment);
    });
  }

  /**
   * Positional arguments in order, keyword arguments (and `**kw`) in any order. A `$$$` among the
   * positional ones also lets other keyword arguments be there; `f($$$ARGS)` takes them all.
   */
  private argList(template: readonly TemplateItem[], items: readonly TargetItem[]): boolean {
    if (template.length === 1 && this.ops.multi(template[0]!)) return this.ops.many(this.ops.multi(template[0]!)!.name, items, true);
    const keyword = (names: readonly string[], assign: string | undefined) => names[0] === "**" || (names.length === 3 && names[1] === "AssignOp" && assign === "=");
    const templateKeyword = (item: TemplateItem) => keyword(item.map((n) => n.name), item[1]?.text);
    const targetKeyword = (item: TargetItem) => keyword(item.map((n) => n.name), item[1] ? this.slice(item[1].from, item[1].to) : undefined);
    const open = template.some((item) => this.ops.multi(item));
    const keywords = template.filter(templateKeyword);
    return (
      matchInOrder(template.filter((item) => !templateKeyword(item)), items.filter((item) => !targetKeyword(item)), this.bindings, this.ops) &&
      matchAnyOrder(open ? [...keywords, OTHER_KEYWORDS] : keywords, items.filter(targetKeyword), this.bindings, this.ops)
    );
  }
}
