/** Small helpers over the Python syntax tree (node names: see grammar/python.grammar). */
import type { SyntaxNode } from "@lezer/common";

/** The source range of a node, as a fact's span. */
export function spanOf(node: SyntaxNode): { start: number; end: number } {
  return { start: node.from, end: node.to };
}

export function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) out.push(child);
  return out;
}

/** Punctuation and keywords have names that are not identifiers ("(", ",", "**") or are lower case (`await`). */
export function isExpression(node: SyntaxNode): boolean {
  return /^[A-Z]/.test(node.name) && node.name !== "AssignOp" && node.name !== "TypeDef" && node.name !== "Comment" && !node.type.isError;
}

export interface CallArguments {
  positional: SyntaxNode[];
  keywords: Map<string, { name: SyntaxNode; value: SyntaxNode }>;
  /** `**expr` arguments. */
  spreads: SyntaxNode[];
  /** True when a `*args` argument makes positions unknowable. */
  starred: boolean;
}

const keyOf = (node: SyntaxNode) => node.from * 2 ** 24 + (node.to - node.from);

/** The arguments of a CallExpression (its ArgList). */
export function argumentsOf(call: SyntaxNode): CallArguments {
  const key = keyOf(call);
  let args = current.args.get(key);
  if (!args) {
    args = readArguments(call);
    current.args.set(key, args);
  }
  return args;
}

function readArguments(call: SyntaxNode): CallArguments {
  const args: CallArguments = { positional: [], keywords: new Map(), spreads: [], starred: false };
  const list = call.lastChild;
  if (list?.name !== "ArgList") return args;
  const items = childrenOf(list);
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.name === "**" && items[i + 1]) args.spreads.push(items[++i]!);
    else if (item.name === "*") {
      args.starred = true;
      i++;
    } else if (item.name === "VariableName" && items[i + 1]?.name === "AssignOp" && items[i + 2]) {
      // f(t := "x") passes the value positionally; f(t="x") is a keyword argument.
      if (textAt(items[i + 1]!) === ":=") args.positional.push(items[i + 2]!);
      else args.keywords.set(textAt(item), { name: item, value: items[i + 2]! });
      i += 2;
    } else if (isExpression(item)) args.positional.push(item);
  }
  return args;
}

/**
 * Lezer nodes do not carry their text; the document being extracted does. extract() is synchronous
 * and sets it first, so the helpers below need no source parameter. A module read for its
 * constants (modules.ts) has its own source, made current while its nodes are looked at.
 *
 * Lezer makes a new node object on every access, so per-call results are cached by position
 * (a call and the call it starts with share `from`, not `to`), per source.
 */
export interface Source {
  readonly text: string;
  readonly args: Map<number, CallArguments>;
  readonly callees: Map<number, Callee | undefined>;
}

export function newSource(text: string): Source {
  return { text, args: new Map(), callees: new Map() };
}

let current: Source = newSource("");

export function setSource(source: string): void {
  current = newSource(source);
}

/** Runs `fn` with another module's source current (its nodes' text), then restores the one before. */
export function withSource<T>(source: Source, fn: () => T): T {
  const saved = current;
  current = source;
  try {
    return fn();
  } finally {
    current = saved;
  }
}

export function textAt(node: SyntaxNode): string {
  return current.text.slice(node.from, node.to);
}

export interface Callee {
  name: string;
  /** The node naming the function: the VariableName or the PropertyName. */
  node: SyntaxNode;
  /** `a.b` of `a.b.m(...)`. */
  receiver?: SyntaxNode;
}

/** `f(...)` -> f; `a.b.m(...)` -> m. */
export function calleeOf(call: SyntaxNode): Callee | undefined {
  const key = keyOf(call);
  if (current.callees.has(key)) return current.callees.get(key);
  const callee = readCallee(call);
  current.callees.set(key, callee);
  return callee;
}

function readCallee(call: SyntaxNode): Callee | undefined {
  const callee = call.firstChild;
  if (!callee) return undefined;
  if (callee.name === "VariableName") return { name: textAt(callee), node: callee };
  if (callee.name === "MemberExpression") {
    const property = callee.lastChild;
    if (property?.name === "PropertyName") return { name: textAt(property), node: property, receiver: callee.firstChild ?? undefined };
  }
  return undefined;
}

/** Layout of one Python string literal token: prefix letters, quotes, and where its content is. */
export interface StringLayout {
  prefix: string;
  raw: boolean;
  contentFrom: number;
  contentTo: number;
}

export function stringLayout(node: SyntaxNode): StringLayout {
  const text = current.text.slice(node.from, node.to);
  const prefix = /^[A-Za-z]*/.exec(text)![0];
  const rest = text.slice(prefix.length);
  const quote = rest.startsWith('"""') || rest.startsWith("'''") ? rest.slice(0, 3) : rest.slice(0, 1);
  const closed = rest.length >= quote.length * 2 && rest.endsWith(quote);
  return {
    prefix,
    raw: /r/i.test(prefix),
    contentFrom: node.from + prefix.length + quote.length,
    contentTo: closed ? node.to - quote.length : node.to,
  };
}

/** The value of a source range of string content: escapes decoded unless raw. */
export function decodeContent(from: number, to: number, raw: boolean): string {
  const content = current.text.slice(from, to);
  if (raw || !content.includes("\\")) return content;
  return content.replace(/\\(\r?\n|.)/g, (_, c: string) => ESCAPES[c] ?? (c.startsWith("\n") || c.startsWith("\r") ? "" : `\\${c}`));
}
const ESCAPES: Readonly<Record<string, string>> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', "0": "\0" };
