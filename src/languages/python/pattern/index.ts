/**
 * `pattern` matchers for Python (ExtractOptions.request.patterns with language "python"): each
 * template is compiled once (compile.ts), candidate nodes are found in one walk by the template
 * root's node name and its key word, matched structurally (match.ts), and each match becomes a
 * PatternFact whose captures are folded by the adapter's Evaluator (captures.ts). Nothing runs
 * when no rule asks for a Python pattern.
 */
import type { SyntaxNode } from "@lezer/common";
import type { Capture, FactRequest, PatternFact, PatternRequest } from "../../../core/types.js";
import type { ModuleIndex } from "../scope.js";
import { setSource } from "../syntax.js";
import type { Evaluator } from "../values.js";
import { WordIndex } from "../../pattern-template.js";
import { PyCaptures } from "./captures.js";
import { type CompiledPyTemplate, compilePythonTemplate } from "./compile.js";
import { PyMatcher } from "./match.js";

interface Job {
  request: PatternRequest;
  template: CompiledPyTemplate;
}

/** Whether the loaded rules ask for Python patterns (then no block of the file may be pruned). */
export function wantsPythonPatterns(request: FactRequest | undefined): boolean {
  return request?.patterns.some((pattern) => pattern.language === "python") ?? false;
}

/** PatternFacts of the module for the Python templates the loaded rules ask for ([] when none). */
export function extractPythonPatterns(root: SyntaxNode, text: string, index: ModuleIndex, evaluator: Evaluator, request: FactRequest | undefined): PatternFact[] {
  if (!wantsPythonPatterns(request)) return [];
  const jobs = jobsFor(text, request!);
  // Compiling reads a template's strings through syntax.ts, which holds one source at a time.
  setSource(text);
  if (jobs.length === 0) return [];
  const byName = new Map<string, Job[]>();
  for (const job of jobs) for (const name of job.template.rootTypes) byName.set(name, [...(byName.get(name) ?? []), job]);
  const words = new WordIndex(text);
  const matcher = new PyMatcher(text);
  const captures = new PyCaptures(root, index, evaluator, text);
  const facts: PatternFact[] = [];
  const cursor = root.cursor();
  do {
    const candidates = byName.get(cursor.name);
    if (!candidates) continue;
    const node = cursor.node;
    for (const { request: pattern, template } of candidates) {
      if (template.keyWord && !words.within(template.keyWord, node.from, node.to)) continue;
      if (!matcher.matches(template.root, node)) continue;
      const captured: Record<string, Capture> = {};
      for (const bound of matcher.bindings.all()) {
        const single = template.multiNames.has(bound.name) ? undefined : bound.nodes[0];
        captured[bound.name] = { text: bound.text, value: single ? captures.fold(single) : { value: [] } };
      }
      facts.push({ kind: "pattern", pattern: pattern.id, captures: captured, span: { start: node.from, end: node.to } });
    }
  } while (cursor.next());
  return facts;
}

function jobsFor(text: string, request: FactRequest): Job[] {
  const jobs: Job[] = [];
  const words = new WordIndex(text);
  for (const pattern of request.patterns) {
    if (pattern.language !== "python") continue;
    let template: CompiledPyTemplate;
    try {
      template = compilePythonTemplate(pattern.template);
    } catch {
      continue; // the rules compiler reports bad templates at load time (validatePatternTemplate)
    }
    if (words.hasAll(template.words)) jobs.push({ request: pattern, template });
  }
  return jobs;
}
