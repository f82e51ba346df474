/**
 * JsxAttributeFact for every JSX attribute: the element as written ("div", "Foo.Bar", "svg:path"),
 * the attribute name ("dangerouslySetInnerHTML", "xlink:href"), and its value folded (values.ts):
 * a string attribute is its string, `{expr}` is the expression's FoldedValue, whose `calls` lists
 * the calls making the value, inside object literals too (`{{ __html: DOMPurify.sanitize(x) }}`,
 * or a constant holding such a call). A bare attribute (`<input disabled />`) has the value "true".
 * The same attributes given another way count too: each property of a spread object literal
 * (`<div {...{ dangerouslySetInnerHTML: x }} />`, or `{...props}` naming a constant object) and of
 * the props of `React.createElement(type, props)` / `jsx(type, props)`. Reported at the attribute
 * (the property written in place, or the spread / argument naming a constant object).
 */
import type { FoldedValue, JsxAttributeFact } from "../../../core/types.js";
import { type Node, staticKeyName, unwrap } from "../ast.js";
import { objectLiteralOf } from "../model.js";
import type { GeneralContext } from "./context.js";

const BARE: FoldedValue = { value: ["true"] };
const UNKNOWN: FoldedValue = { value: [] };
/** Calls that make an element from a type and a props object. */
const CREATE_ELEMENT = new Set(["createElement", "React.createElement", "react.createElement", "jsx", "jsxs", "jsxDEV", "_jsx", "_jsxs"]);

export function extractJsxAttributes(ctx: GeneralContext): void {
  for (const attribute of ctx.nodes.jsxAttributes) {
    const opening = attribute.parent as Node | undefined;
    if (opening?.type !== "JSXOpeningElement") continue;
    const element = jsxName(opening.name);
    // `<div {...{ dangerouslySetInnerHTML: x }} />`, `<div {...props} />`: each known property is an attribute.
    if (attribute.type === "JSXSpreadAttribute") {
      spreadProperties(ctx, element, attribute.argument, 0);
      continue;
    }
    push(ctx, element, jsxName(attribute.name), valueOf(ctx, attribute.value as Node | null), attribute);
  }
  // `React.createElement("div", { dangerouslySetInnerHTML: x })` and the compiled JSX runtime calls.
  for (const call of ctx.nodes.calls) {
    if (call.type !== "CallExpression" || call.arguments.length < 2) continue;
    if (!ctx.paths.of(call.callee).paths.some((path) => CREATE_ELEMENT.has(path))) continue;
    const [type, props] = call.arguments as Node[];
    const element = type!.type === "SpreadElement" ? "" : (ctx.values.strings(type!)[0] ?? ctx.paths.of(type!).paths[0] ?? "");
    spreadProperties(ctx, element, props!, 0);
  }
}

function push(ctx: GeneralContext, element: string, name: string, value: FoldedValue, at: Node): void {
  const fact: JsxAttributeFact = { kind: "jsx-attribute", element, name, value, span: { start: at.start, end: at.end } };
  ctx.facts.push(fact);
}

/**
 * Properties of an object literal given as attributes: at each property when the literal is
 * written there, else (a constant naming it) at the spread or argument that uses it.
 */
function spreadProperties(ctx: GeneralContext, element: string, argument: Node, depth: number, usedAt?: Node): void {
  const object = depth < 4 ? objectLiteralOf(ctx.model, argument) : undefined;
  if (!object) return;
  const at = usedAt ?? (unwrap(argument) === object ? undefined : argument);
  for (const prop of object.properties as Node[]) {
    if (prop.type === "SpreadElement") spreadProperties(ctx, element, prop.argument, depth + 1, at);
    else if (prop.kind === "init" && !prop.method) {
      const name = staticKeyName(prop.key, prop.computed);
      if (name !== undefined) push(ctx, element, name, ctx.values.of(prop.value), at ?? prop);
    }
  }
}

function valueOf(ctx: GeneralContext, value: Node | null): FoldedValue {
  if (!value) return BARE;
  if (value.type === "Literal") return typeof value.value === "string" ? { value: [value.value] } : UNKNOWN;
  if (value.type === "JSXExpressionContainer" && value.expression.type !== "JSXEmptyExpression") return ctx.values.of(value.expression);
  return UNKNOWN;
}

function jsxName(name: Node): string {
  switch (name.type) {
    case "JSXIdentifier":
      return name.name;
    case "JSXNamespacedName":
      return `${name.namespace.name}:${name.name.name}`;
    case "JSXMemberExpression":
      return `${jsxName(name.object)}.${name.property.name}`;
    default:
      return String(name.name ?? "");
  }
}
