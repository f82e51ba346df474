/**
 * A TS/JS `pattern` template, parsed once with the same parser as the code it is matched against
 * (`$NAME` is a valid identifier in JS), then normalized so that what must not matter does not:
 * parentheses and optional-chain wrappers are gone, a plain template literal is a string literal,
 * and a metavariable standing for a statement, a property, an attribute or an import specifier
 * is the metavariable itself.
 */
import { parseSync } from "oxc-parser";
import { type Node, staticKeyName } from "../ast.js";
import { type CompiledPattern, compileOnce, isLiteralWord, type Metavariable, metavariableOf, PatternTemplateError, TemplateWords } from "../../pattern-template.js";
import { SKIPPED_FIELDS } from "../scope.js";

/** A template node: the parser's node without positions, or a metavariable. */
export type TemplateNode = { readonly type: string; readonly meta?: Metavariable; readonly [field: string]: any };

export type CompiledTemplate = CompiledPattern<TemplateNode>;

/**
 * Fields that never decide a match: positions and raw text, and type-only syntax (a .ts file
 * without TS-only keywords is parsed into the JS-shaped AST, which has no type annotations).
 */
export const IGNORED_FIELDS = new Set([
  // What the model walk skips too (scope.ts), except a regex literal's pattern and flags.
  ...[...SKIPPED_FIELDS].filter((field) => field !== "regex"),
  "range",
  "loc",
  "raw",
  "binding",
  "meta",
  "directive",
  "decorators",
  "optional",
  "shorthand",
  "definite",
  "declare",
  "accessibility",
  "override",
  "readonly",
  "abstract",
  "importKind",
  "exportKind",
  "phase",
  "hashbang",
  "selfClosing",
]);

/** Wrappers a template never keeps (and the matcher looks through in the target). */
const GROUPING = new Set(["ParenthesizedExpression", "ChainExpression"]);

export function compileTypescriptTemplate(template: string): CompiledTemplate {
  return compileOnce("typescript", template, compile);
}

function compile(template: string): CompiledTemplate {
  const statement = parseTemplate(template);
  const root = normalize(statement.type === "ExpressionStatement" ? statement.expression : statement);
  if (root.meta) throw new PatternTemplateError("typescript", template, "a template that is only a metavariable would match everything; write the code around it");
  const words = new TemplateWords();
  collectWords(root, words);
  const rootTypes = root.type === "Literal" && typeof root.value === "string" ? ["Literal", "TemplateLiteral"] : [root.type];
  return { root, rootTypes, ...words.finish() };
}

/** The template's one statement (an object literal `{ a: $X }` is read as an expression, not a block). */
function parseTemplate(template: string): Node {
  if (template.trim().startsWith("{")) {
    const asObject = parseOne(`(${template}\n)`);
    if (asObject && asObject.length === 1 && asObject[0]!.type === "ExpressionStatement") return asObject[0]!;
  }
  // JSX first (`<div dangerouslySetInnerHTML={$X} />`), then plain TS (`<T>(x) => x` is not JSX).
  const body = parseOne(template, "tsx") ?? parseOne(template, "ts");
  if (!body) throw new PatternTemplateError("typescript", template, "it does not parse as TypeScript / JavaScript");
  const statements = body.filter((node) => node.type !== "EmptyStatement");
  if (statements.length === 0) throw new PatternTemplateError("typescript", template, "it holds no code");
  if (statements.length > 1) throw new PatternTemplateError("typescript", template, `it has ${statements.length} statements; a template is one expression or one statement`);
  return statements[0]!;
}

function parseOne(text: string, lang: "ts" | "tsx" = "tsx"): Node[] | undefined {
  const result = parseSync(`template.${lang}`, text, { lang, astType: "ts", sourceType: "module", preserveParens: false });
  if (result.errors.some((error) => error.severity === "Error")) return undefined;
  return (result.program as unknown as Node).body as Node[];
}

/** A plain copy of a parser node with the normalizations above applied, recursively. */
function normalize(node: Node): TemplateNode {
  let current = node;
  while (GROUPING.has(current.type)) current = current.expression as Node;
  const meta = metaOf(current);
  if (meta) return { type: "$meta", meta };
  if (current.type === "TemplateLiteral" && current.expressions.length === 0) {
    return { type: "Literal", value: current.quasis[0]?.value.cooked ?? "" };
  }
  const out: Record<string, unknown> = { type: current.type };
  for (const [field, value] of Object.entries(current)) {
    if (IGNORED_FIELDS.has(field)) continue;
    out[field] = normalizeValue(value);
  }
  if (current.type === "JSXElement" || current.type === "JSXFragment") out.children = (out.children as TemplateNode[]).filter((child) => !isBlankText(child));
  // `<div a={x} />` says nothing about children (match.ts).
  if (current.type === "JSXElement" && current.openingElement.selfClosing) out.anyChildren = true;
  return out as TemplateNode;
}

function normalizeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => normalizeValue(item));
  if (value !== null && typeof value === "object" && typeof (value as Node).type === "string") return normalize(value as Node);
  if (value !== null && typeof value === "object") return { ...(value as object) }; // TemplateElement values, regex
  return value;
}

/**
 * The metavariable a node stands for: an identifier `$X`, and the places a list item is written
 * as one (`$$$;` in a body, `{ $$$ }`, `class { $$$ }`, `<div $$$ />`, `import { $$$ } from "m"`).
 */
function metaOf(node: Node): Metavariable | undefined {
  switch (node.type) {
    case "Identifier":
    case "JSXIdentifier":
      return metavariableOf(node.name);
    case "ExpressionStatement":
      return node.expression.type === "Identifier" ? metavariableOf(node.expression.name) : undefined;
    case "Property":
      return node.shorthand && node.value.type === "Identifier" ? metavariableOf(node.value.name) : undefined;
    case "PropertyDefinition":
      return node.value === null && !node.computed && node.key.type === "Identifier" ? metavariableOf(node.key.name) : undefined;
    case "JSXAttribute":
      return node.value === null && node.name.type === "JSXIdentifier" ? metavariableOf(node.name.name) : undefined;
    case "ImportSpecifier":
      return node.local.type === "Identifier" ? metavariableOf(node.local.name) : undefined;
    default:
      return undefined;
  }
}

export function isBlankText(node: { type: string; value?: unknown }): boolean {
  return node.type === "JSXText" && typeof node.value === "string" && node.value.trim() === "";
}

function collectWords(node: unknown, words: TemplateWords): void {
  if (Array.isArray(node)) {
    for (const item of node) collectWords(item, words);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const n = node as TemplateNode;
  if (n.meta?.multi && n.meta.name) words.multiNames.add(n.meta.name);
  if (typeof n.type !== "string" || n.meta) return;
  const path = staticPath(n);
  if (path !== undefined) {
    for (const segment of path.split(".")) if (segment !== "this") words.add(segment, false);
    return;
  }
  // A property name (`{ method: ... }`, `$X.query`) is written in every node the template matches.
  if (n.type === "Property" && !n.computed && n.key.type === "Identifier") {
    words.add(n.key.name, true);
    collectWords(n.value, words);
    return;
  }
  if (n.type === "MemberExpression" && !n.computed && n.property.type === "Identifier") {
    words.add(n.property.name, true);
    collectWords(n.object, words);
    return;
  }
  if ((n.type === "Identifier" || n.type === "JSXIdentifier" || n.type === "PrivateIdentifier") && typeof n.name === "string") words.add(n.name, n.type !== "Identifier");
  if (n.type === "Literal" && typeof n.value === "string" && isLiteralWord(n.value)) words.add(n.value, true);
  for (const [field, value] of Object.entries(n)) if (field !== "type") collectWords(value, words);
}

/**
 * The dotted path a template names with no metavariable in it (`fetch`, `this.db`,
 * `stripe.charges.create`): it matches code whose path is that through aliases (match.ts).
 */
export function staticPath(node: TemplateNode): string | undefined {
  if (node.meta) return undefined;
  if (node.type === "Identifier") return node.name;
  if (node.type === "ThisExpression") return "this";
  if (node.type !== "MemberExpression" || node.property.meta) return undefined;
  const base = staticPath(node.object);
  const name = staticKeyName(node.property as Node, node.computed);
  return base === undefined || name === undefined ? undefined : `${base}.${name}`;
}
