/**
 * `pattern` matchers for Python (ExtractOptions.request.patterns with language "python"): each
 * template is compiled once (compile.ts), candidate nodes are found in one walk by the template
 * root's node name and its key word, matched structurally (match.ts), and each match becomes a
 * PatternFact whose captures are folded as the general facts fold arguments (general/fold.ts,
 * paths through imports and aliases by general/paths.ts). Nothing runs when no rule asks for a
 * Python pattern.
 */
import type { SyntaxNode } from "@lezer/common";
import type { FactRequest, PatternFact } from "../../../core/types.js";
import type { ModuleIndex } from "../scope.js";
import { setSource } from "../syntax.js";
import type { Evaluator } from "../values.js";
import { collectMatches, jobsByRootType, WordIndex } from "../../pattern-template.js";
import { foldValue } from "../general/fold.js";
import { type PathResolver, unwrap } from "../general/paths.js";
import { makePaths } from "../general/index.js";
import { ScopeFinder } from "../general/scopes.js";
import { compilePythonTemplate } from "./compile.js";
import { PyMatcher } from "./match.js";

/** Whether the loaded rules ask for Python patterns (then no block of the file may be pruned). */
export function wantsPythonPatterns(request: FactRequest | undefined): boolean {
  return request?.patterns.some((pattern) => pattern.language === "python") ?? false;
}

/** PatternFacts of the module for the Python templates the loaded rules ask for ([] when none). */
export function extractPythonPatterns(
  root: SyntaxNode,
  text: string,
  index: ModuleIndex,
  evaluator: Evaluator,
  request: FactRequest | undefined,
  /** The general facts' resolver, when the adapter shares one (index.ts); default: made here. */
  paths?: () => { resolver: PathResolver },
): PatternFact[] {
  if (!wantsPythonPatterns(request)) return [];
  const words = new WordIndex(text);
  const byName = jobsByRootType(words, request, "python", compilePythonTemplate);
  // Compiling decodes a template's strings through syntax.ts, which reads one source at a time.
  setSource(text);
  if (byName.size === 0) return [];
  const scopes = new ScopeFinder(index);
  const resolver = paths?.().resolver ?? makePaths(root, index, evaluator, false).resolver;
  const matcher = new PyMatcher(text, (node) => resolver.paths(unwrap(node), scopes.scopeOf(node)).paths);
  const fold = (node: SyntaxNode) => foldValue(node, scopes.scopeOf(node), evaluator, resolver);
  const facts: PatternFact[] = [];
  const cursor = root.cursor();
  do {
    const jobs = byName.get(cursor.name);
    if (jobs) collectMatches(jobs, cursor.node, { start: cursor.from, end: cursor.to }, words, matcher, fold, facts);
  } while (cursor.next());
  return facts;
}
