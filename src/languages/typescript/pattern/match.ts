/**
 * Structural matching of a compiled template (compile.ts) against one node of the document's AST.
 * Fields are compared one by one, except what must not matter: positions and raw text (quote
 * style), type-only syntax, optional-chain and TS wrappers (`a?.b()` matches `a.b()`, `x!` and
 * `x as T` match `x`), `a["b"]` against `a.b`, a quoted key against a bare one, property order
 * when the template has `$$$`. A name or member chain without metavariables (`fetch`,
 * `stripe.charges.create`) matches by its dotted path through aliases, destructuring and imports.
 */
import { memberName, type Node, staticKeyName } from "../ast.js";
import { Bindings, type ListOps, matchAnyOrder, matchInOrder } from "../../pattern-template.js";
import { IGNORED_FIELDS, isBlankText, staticPath, type TemplateNode } from "./compile.js";

/** Looked through in the target when the template does not name them. */
const TRANSPARENT = new Set([
  "ParenthesizedExpression",
  "ChainExpression",
  "TSAsExpression",
  "TSSatisfiesExpression",
  "TSNonNullExpression",
  "TSTypeAssertion",
  "TSInstantiationExpression",
  // `href={"x"}` is `href="x"`.
  "JSXExpressionContainer",
]);

/** Lists whose items may come in any order. */
const UNORDERED = new Set([
  "ObjectExpression.properties",
  "ObjectPattern.properties",
  "JSXOpeningElement.attributes",
  "ImportDeclaration.specifiers",
  "ExportNamedDeclaration.specifiers",
]);

export class Matcher {
  readonly bindings = new Bindings<Node>();
  private readonly listOps: ListOps<TemplateNode | null, Node | null>;

  constructor(
    private readonly text: string,
    /** Dotted paths of an identifier or member chain, through aliases and imports (general/paths.ts). */
    private readonly pathsOf: (node: Node) => readonly string[],
  ) {
    this.listOps = {
      multi: (item) => (item?.meta?.multi ? item.meta : undefined),
      one: (item, node) => (item === null || node === null ? item === node : this.node(item, node)),
      many: (name, nodes, inOrder) => {
        const present = nodes.filter((n): n is Node => n !== null);
        const text =
          present.length === 0 ? "" : inOrder ? this.text.slice(present[0]!.start, present[present.length - 1]!.end) : present.map((n) => this.source(n)).join(", ");
        return this.bindings.bind(name, present, text);
      },
    };
  }

  /** Does the template match this node? Captures are in `bindings` (reset first). */
  matches(template: TemplateNode, node: Node): boolean {
    this.bindings.restore(0);
    return this.node(template, node);
  }

  source(node: Node): string {
    return this.text.slice(node.start, node.end);
  }

  private node(template: TemplateNode, target: Node): boolean {
    if (template.meta) return !template.meta.multi && this.bindings.bind(template.meta.name, [target], this.source(target));
    let node = target;
    while (TRANSPARENT.has(node.type) && node.type !== template.type) node = node.expression as Node;
    if (template.type === "Literal") return this.literal(template, node);
    if (template.type === "Identifier" || template.type === "MemberExpression") {
      const path = staticPath(template);
      if (path !== undefined) return this.samePath(path, node);
    }
    // `href={$URL}` also matches `href="https://..."`.
    if (template.type === "JSXExpressionContainer" && node.type === "Literal") return this.node(template.expression, node);
    if (template.type !== node.type) return false;
    switch (template.type) {
      case "MemberExpression":
        return this.node(template.object, node.object) && this.key(template.property, template.computed, node.property, node.computed);
      case "Property":
        return (
          template.kind === node.kind &&
          Boolean(template.method) === Boolean(node.method) &&
          this.key(template.key, template.computed, node.key, node.computed) &&
          this.node(template.value, node.value)
        );
      case "JSXElement":
        // `<div a={x} />` in a template says nothing about children: it matches `<div a={x}>...</div>` too.
        return this.node(template.openingElement, node.openingElement) && (template.anyChildren === true || this.list("JSXElement.children", template.children, node.children));
      case "JSXExpressionContainer":
        return this.node(template.expression, node.expression);
      case "JSXText":
        return squeeze(template.value) === squeeze(node.value);
      default:
        return this.fields(template, node);
    }
  }

  private fields(template: TemplateNode, node: Node): boolean {
    for (const field in template) {
      if (IGNORED_FIELDS.has(field)) continue;
      const expected = template[field];
      const actual = node[field];
      if (Array.isArray(expected)) {
        if (!this.list(`${template.type}.${field}`, expected, Array.isArray(actual) ? actual : [])) return false;
      } else if (expected !== null && typeof expected === "object" && typeof expected.type === "string") {
        if (actual === null || typeof actual !== "object" || !this.node(expected, actual)) return false;
      } else if (expected !== null && typeof expected === "object") {
        if (!sameData(expected, actual)) return false;
      } else if (!sameScalar(expected, actual)) {
        return false;
      }
    }
    return true;
  }

  private list(where: string, template: readonly (TemplateNode | null)[], nodes: readonly (Node | null)[]): boolean {
    const items = where.startsWith("JSX") ? nodes.filter((n) => n === null || !isBlankText(n)) : nodes;
    return UNORDERED.has(where) ? matchAnyOrder(template, items, this.bindings, this.listOps) : matchInOrder(template, items, this.bindings, this.listOps);
  }

  /** `fetch`, `stripe.charges.create` in a template: the node's path is that, as written or through an alias or import. */
  private samePath(path: string, node: Node): boolean {
    if (node.type === "MemberExpression") {
      // An alias renames the whole chain (`const c = a.b`), never only its front: the last names must agree.
      if (memberName(node) !== path.slice(path.lastIndexOf(".") + 1)) return false;
    } else if (node.type !== "Identifier" && node.type !== "ThisExpression") {
      return false;
    }
    return this.pathsOf(node).includes(path);
  }

  /** A member's property or an object key: by its static name (`a.b` = `a["b"]`, `b:` = `"b":`), else as an expression. */
  private key(template: TemplateNode, templateComputed: boolean, node: Node, computed: boolean): boolean {
    if (template.meta) return this.node(template, node);
    const expected = staticKeyName(template as Node, templateComputed);
    const actual = staticKeyName(node, computed);
    if (expected !== undefined || actual !== undefined) return expected === actual;
    return templateComputed === computed && this.node(template, node);
  }

  /** A string, number, boolean, null, regex or bigint literal; a plain template literal is its string. */
  private literal(template: TemplateNode, node: Node): boolean {
    if (node.type === "TemplateLiteral") return node.expressions.length === 0 && template.value === (node.quasis[0]?.value.cooked ?? "");
    if (node.type !== "Literal") return false;
    if (template.regex) return Boolean(node.regex) && template.regex.pattern === node.regex.pattern && template.regex.flags === node.regex.flags;
    if (template.bigint !== undefined && template.bigint !== null) return template.bigint === node.bigint;
    return template.value === node.value;
  }
}

function squeeze(text: unknown): string {
  return typeof text === "string" ? text.replace(/\s+/g, " ").trim() : "";
}

/** Absent, null, false and an empty list are the same (the JS and the TS AST differ in which they write). */
function sameScalar(expected: unknown, actual: unknown): boolean {
  if (expected === actual) return true;
  const empty = (v: unknown) => v === undefined || v === null || v === false;
  return empty(expected) && empty(actual);
}

function sameData(expected: object, actual: unknown): boolean {
  if (actual === null || typeof actual !== "object") return false;
  for (const [key, value] of Object.entries(expected)) if ((actual as Record<string, unknown>)[key] !== value) return false;
  return true;
}
