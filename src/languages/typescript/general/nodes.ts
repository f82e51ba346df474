/**
 * One extra walk over the AST, run only when a loaded rule asks for general facts (the model walk
 * of scope.ts stays as it is, so the built-in rules pay nothing): it collects the nodes the fact
 * passes read. Type-only syntax and ambient `declare` code are skipped, as in the model walk.
 */
import { type Node, setParent } from "../ast.js";
import { SKIPPED_FIELDS, TYPE_ONLY } from "../scope.js";

export interface GeneralNodes {
  /** ImportDeclaration, ExportNamedDeclaration / ExportAllDeclaration with a source, ImportExpression, TSImportEqualsDeclaration. */
  readonly imports: Node[];
  /** CallExpression and NewExpression. */
  readonly calls: Node[];
  /** TaggedTemplateExpression (`sql\`…\``, `gql\`…\``): a call of the tag with the template. */
  readonly taggedTemplates: Node[];
  /** Every MemberExpression (members.ts keeps the outermost of each chain). */
  readonly members: Node[];
  /** VariableDeclarator / AssignmentExpression whose target is an object pattern. */
  readonly destructurings: Node[];
  /** JSXAttribute and JSXSpreadAttribute. */
  readonly jsxAttributes: Node[];
  /** String literals, template literals and `+` expressions (strings.ts decides which count). */
  readonly strings: Node[];
  /** `import x = require("m")` by local name: the model walk does not bind it (TS-only syntax). */
  readonly importEquals: Map<string, Node>;
}

export interface Wanted {
  imports: boolean;
  calls: boolean;
  members: boolean;
  jsx: boolean;
  strings: boolean;
}

export function collectNodes(program: Node, wanted: Wanted): GeneralNodes {
  const nodes: GeneralNodes = { imports: [], calls: [], taggedTemplates: [], members: [], destructurings: [], jsxAttributes: [], strings: [], importEquals: new Map() };
  const fieldsByType = new Map<string, readonly string[]>();

  const visit = (node: Node, parent: Node): void => {
    switch (node.type) {
      // Leaves: the most frequent nodes, nothing below them to collect.
      case "Identifier":
      case "ThisExpression":
      case "Super":
      case "PrivateIdentifier":
      case "TemplateElement":
      case "JSXIdentifier":
      case "JSXText":
      case "MetaProperty":
      case "EmptyStatement":
      case "BreakStatement":
      case "ContinueStatement":
        return;
      case "ImportDeclaration":
      case "ExportAllDeclaration":
        nodes.imports.push(node);
        return;
      case "ExportNamedDeclaration":
        // `export { a } from "m"` holds no expression; its specifier is an import, not a string value.
        if (node.source) {
          nodes.imports.push(node);
          return;
        }
        break;
      case "ImportExpression":
        nodes.imports.push(node);
        return;
      case "TSImportEqualsDeclaration":
        if (node.moduleReference?.type === "TSExternalModuleReference") {
          nodes.imports.push(node);
          nodes.importEquals.set(node.id.name, node);
        }
        return;
      case "CallExpression":
      case "NewExpression":
        if (wanted.calls || wanted.imports || wanted.jsx) nodes.calls.push(node);
        break;
      case "TaggedTemplateExpression":
        if (wanted.calls) nodes.taggedTemplates.push(node);
        break;
      case "MemberExpression":
        if (wanted.members) nodes.members.push(node);
        // A non-computed property is a name, not an expression of its own.
        visit(node.object, node);
        if (node.computed) visit(node.property, node);
        return;
      case "VariableDeclarator":
        if (wanted.members && node.id.type === "ObjectPattern" && node.init) nodes.destructurings.push(node);
        break;
      case "AssignmentExpression":
        if (wanted.members && node.left.type === "ObjectPattern") nodes.destructurings.push(node);
        break;
      case "JSXAttribute":
      case "JSXSpreadAttribute":
        if (wanted.jsx) nodes.jsxAttributes.push(node);
        break;
      case "Literal":
        if (wanted.strings && typeof node.value === "string") nodes.strings.push(node);
        return;
      case "TemplateLiteral":
        if (wanted.strings) nodes.strings.push(node);
        break;
      case "BinaryExpression":
        if (wanted.strings && node.operator === "+") nodes.strings.push(node);
        break;
      case "TSEnumDeclaration":
        // The model walk does not enter enums: link their members for the passes that look up.
        if (node.declare) return;
        linkEnum(node);
        break;
      case "VariableDeclaration":
      case "ClassDeclaration":
      case "FunctionDeclaration":
      case "TSModuleDeclaration":
        if (node.declare) return;
        break;
      default:
        if (TYPE_ONLY.has(node.type)) return;
    }
    let fields = fieldsByType.get(node.type);
    if (!fields) {
      fields = Object.keys(node).filter((field) => !SKIPPED_FIELDS.has(field));
      fieldsByType.set(node.type, fields);
    }
    for (const field of fields) {
      const child = node[field];
      if (child === null || typeof child !== "object") continue;
      if (Array.isArray(child)) {
        for (const item of child) if (item !== null && typeof item === "object" && typeof item.type === "string") visit(item, node);
      } else if (typeof child.type === "string") {
        visit(child, node);
      }
    }
  };
  for (const statement of program.body as Node[]) visit(statement, program);
  return nodes;
}

/** Parent links inside an enum (`A = "a"`): members, their ids and initializers. */
function linkEnum(node: Node): void {
  const members: Node[] = node.body?.members ?? node.members ?? [];
  for (const member of members) {
    setParent(member, node);
    setParent(member.id, member);
    if (member.initializer) setParent(member.initializer, member);
  }
}
