/**
 * ImportFact for every way JS/TS names another module: `import … from`, `import "m"`,
 * `export … from`, `export * (as n) from`, `require("m")` (also `const { a } = require("m")`),
 * `import("m")` with its specifier folded (a template with unknown parts keeps NAME_HOLE), and
 * `import x = require("m")`. Type-only imports count too: the code still depends on the module
 * (as ESLint's no-restricted-imports does by default). Reported at the specifier.
 */
import { relative, sep } from "node:path";
import { type ImportFact, NAME_HOLE, type Span } from "../../../core/types.js";
import { memberName, type Node, outerParent, staticKeyName, unwrap } from "../ast.js";
import { isUseful } from "../constants.js";
import { moduleTargets, resolveModulePath } from "../module-paths.js";
import type { GeneralContext } from "./context.js";
import { requireSpecifier } from "./paths.js";

export function extractImports(ctx: GeneralContext): void {
  for (const node of ctx.nodes.imports) {
    switch (node.type) {
      case "ImportDeclaration":
        add(ctx, node.source, node.specifiers.length === 0 ? ["*"] : (node.specifiers as Node[]).map(importedName));
        break;
      case "ExportNamedDeclaration":
        add(ctx, node.source, (node.specifiers as Node[]).map((spec) => nameOf(spec.local)));
        break;
      case "ExportAllDeclaration":
        add(ctx, node.source, ["*"]);
        break;
      case "ImportExpression":
        add(ctx, node.source, boundNames(node));
        break;
      case "TSImportEqualsDeclaration":
        add(ctx, node.moduleReference.expression, ["*"]);
        break;
      default:
    }
  }
  for (const call of ctx.nodes.calls) {
    const specifier = call.type === "CallExpression" ? requireSpecifier(ctx.model, call) : undefined;
    if (specifier && specifier.type !== "SpreadElement") add(ctx, specifier, boundNames(call));
  }
}

function add(ctx: GeneralContext, source: Node, names: readonly string[]): void {
  const module = ctx.constants.strings(source);
  if (!isUseful(module)) return;
  const resolved = module.length === 1 ? resolvedPath(ctx.file, ctx.projectRoot, module[0]!) : undefined;
  const fact: ImportFact = { kind: "import", module, names, span: { start: source.start, end: source.end }, ...(resolved ? { resolved } : {}) };
  if (source.type !== "Literal") fact.via = [viaSpecifier(source)];
  ctx.facts.push(fact);
}

function viaSpecifier(source: Node): { span: Span; note: string } {
  return { span: { start: source.start, end: source.end }, note: "specifier folded through constants" };
}

function importedName(spec: Node): string {
  if (spec.type === "ImportDefaultSpecifier") return "default";
  if (spec.type === "ImportNamespaceSpecifier") return "*";
  return nameOf(spec.imported);
}

/** An identifier or a string module export name (`export { "a-b" as c }`). */
function nameOf(node: Node): string {
  return staticKeyName(node, false) ?? String(node.value ?? node.name);
}

/**
 * What a `require(...)` / `import(...)` binds: the keys of `const { a, b } = …` (also after
 * `await`), the property of `require("m").a`, else the whole module ("*").
 */
function boundNames(expression: Node): string[] {
  let { parent, child } = outerParent(expression);
  while (parent?.type === "AwaitExpression") ({ parent, child } = outerParent(parent));
  if (parent?.type === "VariableDeclarator" && parent.init === child && parent.id.type === "ObjectPattern") {
    const names = (parent.id.properties as Node[]).map((prop) => (prop.type === "Property" ? staticKeyName(prop.key, prop.computed) : undefined));
    if (names.every((name): name is string => name !== undefined) && names.length > 0) return names;
  }
  if (parent?.type === "MemberExpression" && unwrap(parent.object) === unwrap(child)) {
    const name = memberName(parent);
    if (name !== undefined) return [name];
  }
  return ["*"];
}

/**
 * Where a relative or aliased specifier points, relative to the project root (GeneralInput.projectRoot),
 * with "/" separators: the file resolution finds ("src/lib/auth/index.ts"), else the path it would
 * be (the file need not exist). Undefined for packages (unless tsconfig `paths` maps them) and
 * for paths outside the project.
 */
function resolvedPath(file: string, root: string, specifier: string): string | undefined {
  // A specifier with unknown parts (`import(\`@/lib/legacy/${x}\`)`) is never a file to look for.
  const target = (specifier.includes(NAME_HOLE) ? undefined : resolveModulePath(specifier, file)) ?? moduleTargets(specifier, file, false)[0];
  if (!target) return undefined;
  const path = relative(root, target).split(sep).join("/");
  return path === "" || path.startsWith("..") ? undefined : path;
}
