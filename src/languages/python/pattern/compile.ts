/**
 * A Python `pattern` template, parsed once with our lezer grammar. `$` is not an identifier
 * character in Python, so metavariables are first spelled as placeholder identifiers
 * (`$URL` -> `__mv_URL`, `$$$ARGS` -> `__mvs_ARGS`) and mapped back. The tree is then reduced to
 * what decides a match: node names, leaf texts, decoded string values (quote style does not
 * matter), list items with their commas and brackets dropped (trailing commas do not matter),
 * no comments, no grouping parentheses.
 */
import type { SyntaxNode } from "@lezer/common";
import { parser } from "../grammar/parser.js";
import { childrenOf, decodeContent, setSource, stringLayout } from "../syntax.js";
import { type CompiledPattern, compileOnce, isLiteralWord, METAVARIABLES_IN_TEXT, type Metavariable, PatternTemplateError, TemplateWords } from "../../pattern-template.js";

export interface PyTemplateNode {
  readonly name: string;
  readonly meta?: Metavariable;
  /** A leaf's text (names, numbers, operators, keywords). */
  readonly text?: string;
  /** A string literal's value; a format string's literal parts are `#literal` nodes with a text. */
  readonly value?: string;
  /** The node's children grouped into items (one child per item, except in comma-separated lists). */
  readonly items: readonly (readonly PyTemplateNode[])[];
}

export type CompiledPyTemplate = CompiledPattern<PyTemplateNode>;

/** Nodes whose children are comma-separated items between brackets. */
export const LIST_NODES = new Set(["ArgList", "ParamList", "ArrayExpression", "TupleExpression", "SetExpression", "DictionaryExpression"]);
const BRACKETS = new Set(["(", ")", "[", "]", "{", "}"]);
const SINGLE_PLACEHOLDER = /^__mv_([A-Z_][A-Z0-9_]*)$/;
const MULTI_PLACEHOLDER = /^__mvs_([A-Z_][A-Z0-9_]*)?$/;

export function compilePythonTemplate(template: string): CompiledPyTemplate {
  return compileOnce("python", template, compile);
}

function compile(template: string): CompiledPyTemplate {
  // `$$$` in a dict (`{"method": "DELETE", $$$}`) is only valid Python as `**placeholder`.
  const tree = parsed(template, "") ?? parsed(template, "**");
  if (!tree) {
    const hint = /\$(?![A-Z_$])/.test(template) ? " (a metavariable is `$` and capitals: $URL, $$$ARGS)" : "";
    throw new PatternTemplateError("python", template, `it does not parse as Python${hint}`);
  }
  const source = tree.source;
  const statements = childrenOf(tree.top).filter((node) => node.name !== "Comment");
  if (statements.length === 0) throw new PatternTemplateError("python", template, "it holds no code");
  if (statements.length > 1) throw new PatternTemplateError("python", template, `it has ${statements.length} statements; a template is one expression or one statement`);
  const statement = statements[0]!;
  const parts = childrenOf(statement).filter((node) => node.name !== "Comment");
  const top = statement.name === "ExpressionStatement" && parts.length === 1 ? parts[0]! : statement;
  // String values are decoded by syntax.ts, which reads the text set last: the template's, here.
  setSource(source);
  const root = reduce(top, source);
  if (root.meta) throw new PatternTemplateError("python", template, "a template that is only a metavariable would match everything; write the code around it");
  const words = new TemplateWords();
  collect(root, words);
  const rootTypes = root.name === "String" ? ["String", "FormatString"] : [root.name];
  return { root, rootTypes, ...words.finish() };
}

/** The template's tree with metavariables spelled as placeholders (`$$$` after `multiPrefix`), or undefined when it does not parse. */
function parsed(template: string, multiPrefix: string): { top: SyntaxNode; source: string } | undefined {
  const source = template.replace(METAVARIABLES_IN_TEXT, (_, multi: string | undefined, single: string | undefined) =>
    single !== undefined ? `__mv_${single}` : `${multiPrefix}__mvs_${multi ?? ""}`,
  );
  const tree = parser.parse(source);
  const cursor = tree.cursor();
  do if (cursor.type.isError) return undefined;
  while (cursor.next());
  return { top: tree.topNode, source };
}

function reduce(original: SyntaxNode, source: string): PyTemplateNode {
  const node = ungrouped(original);
  const text = source.slice(node.from, node.to);
  if (node.name === "VariableName" || node.name === "PropertyName") {
    const single = SINGLE_PLACEHOLDER.exec(text);
    if (single) return { name: "$meta", meta: { multi: false, name: single[1] === "_" ? undefined : single[1] }, items: [] };
    const multi = MULTI_PLACEHOLDER.exec(text);
    if (multi) return { name: "$meta", meta: { multi: true, name: multi[1] || undefined }, items: [] };
  }
  if (node.name === "String") {
    const layout = stringLayout(node);
    return { name: "String", value: unplaced(decodeContent(layout.contentFrom, layout.contentTo, layout.raw)), items: [] };
  }
  const children = significantChildren(node);
  if (node.name === "ExpressionStatement" && children.length === 1) {
    const only = reduce(children[0]!, source);
    if (only.meta) return only; // `$S` / `$$$` on a line of its own: a statement
  }
  if (node.name === "FormatString") return { name: "FormatString", items: formatParts(node, source).map((part) => [part]) };
  if (children.length === 0) return { name: node.name, text, items: [] };
  const items = itemsOf(node.name, children).map((item) => item.map((child) => reduce(child, source)));
  // `**$$$` (see compile) is the `$$$` it spells.
  return { name: node.name, items: items.map((item) => (item.length === 2 && item[0]!.text === "**" && item[1]!.meta?.multi ? [item[1]!] : item)) };
}

/** `(x)` is x (a tuple `(x,)` is not a ParenthesizedExpression). */
export function ungrouped(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.name === "ParenthesizedExpression") {
    const inner = childrenOf(current).filter((child) => child.name !== "(" && child.name !== ")" && child.name !== "Comment");
    if (inner.length !== 1) break;
    current = inner[0]!;
  }
  return current;
}

export function significantChildren(node: SyntaxNode): SyntaxNode[] {
  return childrenOf(node).filter((child) => child.name !== "Comment");
}

/**
 * Children grouped as a match compares them: in a list, one item per comma-separated entry
 * (brackets and commas dropped, so a trailing comma does not count); in a body, one statement
 * each (the `:` dropped); elsewhere one child each, commas dropped.
 */
export function itemsOf<N extends { name: string }>(name: string, children: readonly N[]): N[][] {
  if (LIST_NODES.has(name)) {
    const items: N[][] = [[]];
    for (const child of children) {
      if (BRACKETS.has(child.name)) continue;
      if (child.name === ",") items.push([]);
      else items[items.length - 1]!.push(child);
    }
    return items.filter((item) => item.length > 0);
  }
  const items: N[][] = [];
  if (name === "ImportStatement") {
    // A dotted module name (`legacy.auth`, `..lib`) is one item; brackets around names do not count.
    let dotted = false;
    for (const child of children) {
      const part = child.name === "VariableName" || child.name === ".";
      if (!part && (child.name === "," || BRACKETS.has(child.name))) dotted = false;
      else if (part && dotted) items[items.length - 1]!.push(child);
      else items.push([child]);
      dotted = part;
    }
    return items;
  }
  for (const child of children) if (child.name !== "," && !(name === "Body" && child.name === ":")) items.push([child]);
  return items;
}

/** A format string as literal parts and replacement fields, in order (quotes and prefix dropped). */
function formatParts(node: SyntaxNode, source: string): PyTemplateNode[] {
  return formatSegments(node).map((part) => ("name" in part ? reduce(part, source) : { name: "#literal", text: unplaced(source.slice(part.from, part.to)), items: [] }));
}

/** Inside a string a `$NAME` is text, as in TS: the placeholder spelled for it goes back to what the template wrote. */
function unplaced(text: string): string {
  return text.replace(/__mvs_([A-Z_][A-Z0-9_]*)?|__mv_([A-Z_][A-Z0-9_]*)/g, (_, multi: string | undefined, single: string | undefined) =>
    single !== undefined ? `$${single}` : `$$$${multi ?? ""}`,
  );
}

/** The literal ranges and FormatReplacement nodes of a format string's content, in order. */
export function formatSegments(node: SyntaxNode): (SyntaxNode | { from: number; to: number })[] {
  const layout = stringLayout(node);
  const parts: (SyntaxNode | { from: number; to: number })[] = [];
  let at = layout.contentFrom;
  for (const child of childrenOf(node)) {
    if (child.name !== "FormatReplacement") continue;
    if (child.from > at) parts.push({ from: at, to: child.from });
    parts.push(child);
    at = child.to;
  }
  if (layout.contentTo > at) parts.push({ from: at, to: layout.contentTo });
  return parts;
}

function collect(node: PyTemplateNode, words: TemplateWords): void {
  if (node.meta) {
    if (node.meta.multi && node.meta.name) words.multiNames.add(node.meta.name);
    return;
  }
  const path = staticPath(node);
  if (path !== undefined) {
    for (const segment of path.split(".")) words.add(segment, false);
    return;
  }
  if (node.name === "PropertyName" && node.text) words.add(node.text, true);
  if (node.name === "String" && node.value !== undefined && isLiteralWord(node.value)) words.add(node.value, true);
  for (const item of node.items) for (const child of item) collect(child, words);
}

/**
 * The dotted path a template names with no metavariable in it (`requests.get`, `eval`): it
 * matches code whose path is that through imports and aliases (match.ts).
 */
export function staticPath(node: PyTemplateNode): string | undefined {
  if (node.meta) return undefined;
  if (node.name === "VariableName") return node.text;
  const [object, dot, property] = node.items;
  if (node.name !== "MemberExpression" || node.items.length !== 3 || dot?.[0]?.name !== "." || property?.[0]?.name !== "PropertyName") return undefined;
  const base = object?.length === 1 ? staticPath(object[0]!) : undefined;
  return base === undefined || property[0].text === undefined ? undefined : `${base}.${property[0].text}`;
}
