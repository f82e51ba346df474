/**
 * `pattern` matchers for TS/JS (ExtractOptions.request.patterns with language "typescript"):
 * each template is compiled once (compile.ts), candidate nodes are found in one walk by the
 * template root's node type and its key word (not every template against every node), matched
 * structurally (match.ts), and each match becomes a PatternFact whose captures are folded as
 * the general facts fold values (general/values.ts, paths through aliases and imports by
 * general/paths.ts). Nothing runs when no rule asks for a TS pattern.
 */
import type { FactRequest, PatternFact } from "../../../core/types.js";
import type { Node } from "../ast.js";
import type { Constants } from "../constants.js";
import type { Model } from "../model.js";
import { collectMatches, jobsByRootType, WordIndex } from "../../pattern-template.js";
import { importEqualsOf, Paths } from "../general/paths.js";
import { Values } from "../general/values.js";
import { compileTypescriptTemplate } from "./compile.js";
import { Matcher } from "./match.js";

/** PatternFacts of the document for the TS templates the loaded rules ask for ([] when none). */
export function extractPatterns(text: string, model: Model, constants: Constants, request: FactRequest | undefined): PatternFact[] {
  if (!request?.patterns.some((pattern) => pattern.language === "typescript")) return [];
  const words = new WordIndex(text);
  const byType = jobsByRootType(words, request, "typescript", compileTypescriptTemplate);
  if (byType.size === 0) return [];
  const paths = new Paths(model, constants, importEqualsOf(model.program));
  const values = new Values(model, constants, paths);
  const matcher = new Matcher(text, (node) => paths.of(node).paths);
  const fold = (node: Node) => values.of(node);
  const facts: PatternFact[] = [];
  const visit = (node: Node) => {
    const jobs = byType.get(node.type);
    if (jobs) collectMatches(jobs, node, { start: node.start, end: node.end }, words, matcher, fold, facts);
  };
  // Most templates are calls, and the model walk already listed every call: no second walk then
  // (except in a file with an enum, whose member values the model walk does not enter).
  if (byType.size === 1 && byType.has("CallExpression") && !/\benum\b/.test(text)) model.calls.forEach(visit);
  else walk(model.program, visit);
  return facts.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

/** Every node of the tree, parents before children (positions only: the model's links are skipped). */
function walk(root: Node, visit: (node: Node) => void): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    const children: Node[] = [];
    for (const field in node) {
      if (field === "parent" || field === "binding" || field === "type") continue;
      const child = node[field];
      if (child === null || typeof child !== "object") continue;
      if (Array.isArray(child)) {
        for (const item of child) if (item !== null && typeof item === "object" && typeof item.type === "string") children.push(item);
      } else if (typeof child.type === "string") {
        children.push(child);
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}
