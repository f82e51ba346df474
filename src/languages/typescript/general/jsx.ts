/**
 * JsxAttributeFact for every JSX attribute: the element as written ("div", "Foo.Bar", "svg:path"),
 * the attribute name ("dangerouslySetInnerHTML", "xlink:href"), and its value folded (values.ts):
 * a string attribute is its string, `{expr}` is the expression's FoldedValue, whose `calls` lists
 * the calls making the value, inside object literals too (`{{ __html: DOMPurify.sanitize(x) }}`,
 * or a constant holding such a call). A bare attribute (`<input disabled />`) has the value "true".
 * Reported at the attribute.
 */
import type { FoldedValue, JsxAttributeFact } from "../../../core/types.js";
import type { Node } from "../ast.js";
import type { GeneralContext } from "./context.js";

const BARE: FoldedValue = { value: ["true"] };
const UNKNOWN: FoldedValue = { value: [] };

export function extractJsxAttributes(ctx: GeneralContext): void {
  for (const attribute of ctx.nodes.jsxAttributes) {
    const opening = attribute.parent as Node | undefined;
    if (opening?.type !== "JSXOpeningElement") continue;
    const fact: JsxAttributeFact = {
      kind: "jsx-attribute",
      element: jsxName(opening.name),
      name: jsxName(attribute.name),
      value: valueOf(ctx, attribute.value as Node | null),
      span: { start: attribute.start, end: attribute.end },
    };
    ctx.facts.push(fact);
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
