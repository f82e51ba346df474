/**
 * The slice of the ESTree / TS-ESTree shape the adapter relies on, and small helpers over it.
 * Nodes are loosely typed on purpose: the adapter reads a handful of well-known fields, and a
 * fully typed AST would cost a narrowing per access without catching more bugs here.
 */

export interface Node {
  readonly type: string;
  /** UTF-16 offsets (verified by a test with non-ASCII text before a finding). */
  readonly start: number;
  readonly end: number;
  readonly [field: string]: any;
}

/** Set by the model walk on every node: the enclosing node (undefined on the program). */
export function parentOf(node: Node): Node | undefined {
  return node.parent as Node | undefined;
}

/** Expressions that only change the static type or group: `x as T`, `x!`, `x satisfies T`, `(x)`. */
const TRANSPARENT = new Set([
  "ParenthesizedExpression",
  "TSAsExpression",
  "TSSatisfiesExpression",
  "TSNonNullExpression",
  "TSTypeAssertion",
  "TSInstantiationExpression",
  "ChainExpression",
]);

/** The expression under TS wrappers, parentheses and optional-chain wrappers. */
export function unwrap(node: Node): Node {
  let current = node;
  while (TRANSPARENT.has(current.type)) current = current.expression as Node;
  return current;
}

/** Like unwrap, also looking through `await`. */
export function unwrapAwait(node: Node): Node {
  let current = unwrap(node);
  while (current.type === "AwaitExpression") current = unwrap(current.argument as Node);
  return current;
}

/** The first ancestor that is not a transparent wrapper, and the child just below it. */
export function outerParent(node: Node): { parent: Node | undefined; child: Node } {
  let child = node;
  let parent = parentOf(child);
  while (parent && TRANSPARENT.has(parent.type)) {
    child = parent;
    parent = parentOf(child);
  }
  return { parent, child };
}

export function isFunction(node: Node | null | undefined): boolean {
  return (
    node !== null &&
    node !== undefined &&
    (node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression" || node.type === "FunctionDeclaration")
  );
}

export function isStringLiteral(node: Node | null | undefined): boolean {
  return node?.type === "Literal" && typeof node.value === "string";
}

/** `a.b`, `a?.b`, `a["b"]`: the static property name, or undefined for `a[expr]`. */
export function memberName(member: Node): string | undefined {
  // A non-computed member property is only ever an Identifier / PrivateIdentifier, never a Literal.
  return staticKeyName(member.property as Node, member.computed);
}

/** A non-computed key of a property / method: `a`, `"a"`, `1`. */
export function staticKeyName(key: Node, computed: boolean): string | undefined {
  if (computed) {
    const inner = unwrap(key);
    if (inner.type === "Literal" && typeof inner.value === "string") return inner.value;
    if (inner.type === "TemplateLiteral" && inner.expressions.length === 0) return inner.quasis[0]?.value.cooked ?? undefined;
    return undefined;
  }
  if (key.type === "Identifier" || key.type === "PrivateIdentifier") return key.name;
  if (key.type === "Literal" && (typeof key.value === "string" || typeof key.value === "number")) return String(key.value);
  return undefined;
}

/** For a call `recv.name(...)` (also `recv?.name`, `recv["name"]`): the member node, else undefined. */
export function calleeMember(call: Node): Node | undefined {
  const callee = unwrap(call.callee as Node);
  return callee.type === "MemberExpression" ? callee : undefined;
}

/** Links a node to its parent (the model walk does this for every node it visits). */
export function setParent(node: Node, parent: Node): void {
  (node as { parent?: Node }).parent = parent;
}

/** The innermost function around a node. */
export function enclosingFunction(node: Node): Node | undefined {
  for (let current = parentOf(node); current; current = parentOf(current)) if (isFunction(current)) return current;
  return undefined;
}

/** The value of property `key` of an object literal (`{ key: value }`, `{ "key": value }`), if written there. */
export function propertyValue(object: Node, key: string): Node | undefined {
  for (const prop of object.properties as Node[]) {
    if (prop.type === "Property" && staticKeyName(prop.key, prop.computed) === key) return prop.value;
  }
  return undefined;
}
