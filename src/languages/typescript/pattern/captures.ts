/**
 * What a captured node folds to (core/types.ts FoldedValue), through the adapter's own folding:
 * strings from constants.ts (every alternative), object keys, dotted paths through aliases and
 * destructuring (`const { charges } = stripe` -> "stripe.charges"; an import by its imported
 * name), and the callees of the calls whose result makes the value.
 */
import { type FoldedValue, NAME_HOLE } from "../../../core/types.js";
import { memberName, type Node, unwrap, unwrapAwait } from "../ast.js";
import { type Constants, ObjectValue } from "../constants.js";
import type { Binding, Model } from "../model.js";

/** Alias chains deeper than this are not followed (a cycle, or code nobody writes). */
const MAX_DEPTH = 6;
const MAX_PATHS = 16;

export function foldCapture(model: Model, constants: Constants, node: Node): FoldedValue {
  const value = [...new Set(constants.alternatives(node).flat())];
  const folded: { value: readonly string[]; keys?: Record<string, readonly string[]>; paths?: string[]; calls?: string[] } = { value };
  const object = constants.value(node);
  if (object instanceof ObjectValue && !object.isArray) folded.keys = flattenKeys(object);
  const paths = pathsOf(model, node, 0);
  if (paths.length > 0) folded.paths = paths;
  const calls = [...new Set(callsOf(model, node, 0))];
  if (calls.length > 0) folded.calls = calls;
  return folded;
}

function flattenKeys(object: ObjectValue, prefix = "", out: Record<string, readonly string[]> = {}): Record<string, readonly string[]> {
  for (const [key, value] of object.props) {
    if (Array.isArray(value)) out[prefix + key] = value as readonly string[];
    else if (value instanceof ObjectValue && !value.isArray) flattenKeys(value, `${prefix}${key}.`, out);
  }
  return out;
}

/** A binding that keeps its declared value (`const`, or `let`/`var` never written again). */
function constantBinding(binding: Binding | undefined): binding is Binding & { init: Node } {
  return binding !== undefined && binding.init !== undefined && (binding.kind === "const" || ((binding.kind === "let" || binding.kind === "var") && !binding.reassigned));
}

/** Dotted paths of an identifier or member chain: as written, then through the aliases it stands for. */
export function pathsOf(model: Model, node: Node, depth: number): string[] {
  const n = unwrap(node);
  const out: string[] = [];
  if (n.type === "ThisExpression") out.push("this");
  else if (n.type === "Identifier") {
    out.push(n.name);
    const binding = model.bindingOf(n);
    if (binding?.kind === "import" && binding.importName && binding.importName !== "default" && binding.importName !== "*") out.push(binding.importName);
    else if (constantBinding(binding) && depth < MAX_DEPTH && binding.path.every((step) => typeof step === "string")) {
      for (const base of pathsOf(model, binding.init, depth + 1)) out.push([base, ...binding.path].join("."));
    }
  } else if (n.type === "MemberExpression") {
    const name = memberName(n) ?? NAME_HOLE;
    for (const base of pathsOf(model, n.object, depth)) out.push(`${base}.${name}`);
  }
  return [...new Set(out)].slice(0, MAX_PATHS);
}

/** Callee paths of the calls whose result the value is (`sanitize(x)`, through a constant, or inside an object's values). */
function callsOf(model: Model, node: Node, depth: number): string[] {
  if (depth > MAX_DEPTH) return [];
  const n = unwrapAwait(node);
  switch (n.type) {
    case "CallExpression":
    case "NewExpression":
      return pathsOf(model, n.callee, 0);
    case "Identifier": {
      const binding = model.bindingOf(n);
      return constantBinding(binding) && binding.path.length === 0 ? callsOf(model, binding.init, depth + 1) : [];
    }
    case "ObjectExpression":
      return (n.properties as Node[]).flatMap((prop) => (prop.type === "Property" ? callsOf(model, prop.value, depth + 1) : []));
    case "ConditionalExpression":
      return [...callsOf(model, n.consequent, depth + 1), ...callsOf(model, n.alternate, depth + 1)];
    case "LogicalExpression":
      return [...callsOf(model, n.left, depth + 1), ...callsOf(model, n.right, depth + 1)];
    default:
      return [];
  }
}
