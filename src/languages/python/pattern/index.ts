/**
 * `pattern` matchers for Python (ExtractOptions.request.patterns with language "python"): each
 * template is compiled once (compile.ts), candidate nodes are found in one walk by the template
 * root's node name and its key word, matched structurally (match.ts), and each match becomes a
 * PatternFact whose captures are folded by the adapter's Evaluator (captures.ts). Nothing runs
 * when no rule asks for a Python pattern.
 */
import type { SyntaxNode } from "@lezer/common";
import type { FactRequest, PatternFact } from "../../../core/types.js";
import type { ModuleIndex } from "../scope.js";
import { setSource } from "../syntax.js";
import type { Evaluator } from "../values.js";
import { collectMatches, jobsByRootType, WordIndex } from "../../pattern-template.js";
import { PyCaptures } from "./captures.js";
import { compilePythonTemplate } from "./compile.js";
import { PyMatcher } from "./match.js";

/** Whether the loaded rules ask for Python patterns (then no block of the file may be pruned). */
export function wantsPythonPatterns(request: FactRequest | undefined): boolean {
  return request?.patterns.some((pattern) => pattern.language === "python") ?? false;
}

/** PatternFacts of the module for the Python templates the loaded rules ask for ([] when none). */
export function extractPythonPatterns(root: SyntaxNode, text: string, index: ModuleIndex, evaluator: Evaluator, request: FactRequest | undefined): PatternFact[] {
  if (!wantsPythonPatterns(request)) return [];
  const words = new WordIndex(text);
  const byName = jobsByRootType(words, request, "python", compilePythonTemplate);
  // Compiling decodes a template's strings through syntax.ts, which reads one source at a time.
  setSource(text);
  if (byName.size === 0) return [];
  const captures = new PyCaptures(root, index, evaluator, text);
  const matcher = new PyMatcher(text, (node) => captures.pathsAt(node));
  const fold = (node: SyntaxNode) => captures.fold(node);
  const facts: PatternFact[] = [];
  const cursor = root.cursor();
  do {
    const jobs = byName.get(cursor.name);
    if (jobs) collectMatches(jobs, cursor.node, { start: cursor.from, end: cursor.to }, words, matcher, fold, facts);
  } while (cursor.next());
  return facts;
}
