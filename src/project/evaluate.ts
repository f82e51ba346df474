/**
 * Constant folding over the TypeScript AST of other modules: string literals, templates and `+`
 * of constants, `as const` / `satisfies` / Object.freeze object literals (nested, with spreads
 * and shorthand properties), string enums, and identifiers followed through imports to their
 * `const` declarations. Anything else is unknown (undefined): a guess would be a false finding.
 */
import { Node, SyntaxKind, VariableDeclarationKind } from "ts-morph";
import type { ConstantValue } from "../core/types.js";

type Objectish = { [key: string]: ConstantValue };

export class Evaluator {
  /** Declarations being evaluated, so `const A = B; const B = A;` ends instead of recursing forever. */
  private readonly active = new Set<Node>();
  private readonly cache = new Map<Node, ConstantValue | undefined>();

  /** The value of an exported declaration as getExportedDeclarations returns it. */
  declaration(node: Node): ConstantValue | undefined {
    if (this.cache.has(node)) return this.cache.get(node);
    if (this.active.has(node)) return undefined;
    this.active.add(node);
    try {
      const value = this.declarationUncached(node);
      this.cache.set(node, value);
      return value;
    } finally {
      this.active.delete(node);
    }
  }

  private declarationUncached(node: Node): ConstantValue | undefined {
    if (Node.isVariableDeclaration(node)) {
      // Only const: a let or var can be reassigned anywhere.
      if (node.getVariableStatement()?.getDeclarationKind() !== VariableDeclarationKind.Const) return undefined;
      const init = node.getInitializer();
      return init ? this.expression(init) : undefined;
    }
    if (Node.isEnumDeclaration(node)) {
      const members: Objectish = {};
      for (const member of node.getMembers()) {
        const value = member.getValue();
        if (typeof value === "string") members[member.getName()] = value;
      }
      return members;
    }
    if (Node.isEnumMember(node)) {
      const value = node.getValue();
      return typeof value === "string" ? value : undefined;
    }
    if (Node.isExportAssignment(node)) return this.expression(node.getExpression());
    if (Node.isExpression(node)) return this.expression(node);
    return undefined;
  }

  expression(node: Node): ConstantValue | undefined {
    if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralValue();
    if (Node.isTemplateExpression(node)) {
      let text = node.getHead().getLiteralText();
      for (const span of node.getTemplateSpans()) {
        const part = this.expression(span.getExpression());
        if (typeof part !== "string") return undefined;
        text += part + span.getLiteral().getLiteralText();
      }
      return text;
    }
    if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.PlusToken) {
      const left = this.expression(node.getLeft());
      const right = this.expression(node.getRight());
      return typeof left === "string" && typeof right === "string" ? left + right : undefined;
    }
    if (
      Node.isAsExpression(node) || Node.isSatisfiesExpression(node) || Node.isParenthesizedExpression(node) ||
      Node.isTypeAssertion(node) || Node.isNonNullExpression(node)
    ) {
      return this.expression(node.getExpression());
    }
    if (Node.isObjectLiteralExpression(node)) return this.object(node);
    if (Node.isCallExpression(node)) {
      // Object.freeze({...}) is the pre-`as const` way to write a constant table.
      const [arg] = node.getArguments();
      return node.getExpression().getText() === "Object.freeze" && arg ? this.expression(arg) : undefined;
    }
    if (Node.isIdentifier(node)) return this.identifier(node);
    if (Node.isPropertyAccessExpression(node)) return member(this.expression(node.getExpression()), node.getName());
    if (Node.isElementAccessExpression(node)) {
      const key = node.getArgumentExpression();
      const name = key ? this.expression(key) : undefined;
      return typeof name === "string" ? member(this.expression(node.getExpression()), name) : undefined;
    }
    return undefined;
  }

  private object(node: Node & { getProperties(): Node[] }): ConstantValue {
    const value: Objectish = {};
    for (const property of node.getProperties()) {
      if (Node.isPropertyAssignment(property)) {
        const name = this.propertyName(property.getNameNode());
        const init = property.getInitializer();
        const v = init ? this.expression(init) : undefined;
        if (name !== undefined && v !== undefined) value[name] = v;
      } else if (Node.isShorthandPropertyAssignment(property)) {
        const v = this.identifier(property.getNameNode());
        if (v !== undefined) value[property.getName()] = v;
      } else if (Node.isSpreadAssignment(property)) {
        const spread = this.expression(property.getExpression());
        if (spread !== undefined && typeof spread === "object") Object.assign(value, spread);
      }
    }
    return value;
  }

  private propertyName(name: Node): string | undefined {
    if (Node.isIdentifier(name) || Node.isPrivateIdentifier(name)) return name.getText();
    if (Node.isStringLiteral(name) || Node.isNoSubstitutionTemplateLiteral(name) || Node.isNumericLiteral(name)) return String(name.getLiteralValue());
    if (Node.isComputedPropertyName(name)) {
      const key = this.expression(name.getExpression());
      return typeof key === "string" ? key : undefined;
    }
    return undefined;
  }

  /** An identifier's declaration, through imports and re-export aliases (the type checker knows them). */
  private identifier(node: Node): ConstantValue | undefined {
    let symbol = node.getSymbol();
    if (Node.isShorthandPropertyAssignment(node.getParent()) ) {
      symbol = node.getParentOrThrow().asKindOrThrow(SyntaxKind.ShorthandPropertyAssignment).getValueSymbol() ?? symbol;
    }
    if (!symbol) return undefined;
    const target = symbol.getAliasedSymbol() ?? symbol;
    for (const declaration of target.getDeclarations()) {
      const value = this.declaration(declaration);
      if (value !== undefined) return value;
    }
    return undefined;
  }
}

function member(object: ConstantValue | undefined, name: string): ConstantValue | undefined {
  return object !== undefined && typeof object === "object" && Object.hasOwn(object, name) ? object[name] : undefined;
}
