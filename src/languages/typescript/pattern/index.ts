/**
 * `pattern` matchers for TS/JS (ExtractOptions.request.patterns with language "typescript"):
 * each template is compiled once (compile.ts), candidate nodes are found in one walk by the
 * template root's node type and its key word (not every template against every node), matched
 * structurally (match.ts), and each match becomes a PatternFact whose captures are folded
 * (captures.ts). Nothing runs when no rule asks for a TS pattern.
 */
import type { Capture, FactRequest, PatternFact, PatternRequest } from "../../../core/types.js";
import type { Node } from "../ast.js";
import type { Constants } from "../constants.js";
import type { Model } from "../model.js";
import { WordIndex } from "../../pattern-template.js";
import { foldCapture } from "./captures.js";
import { type CompiledTemplate, compileTypescriptTemplate } from "./compile.js";
import { Matcher } from "./match.js";

interface Job {
  request: PatternRequest;
  template: CompiledTemplate;
}

/** PatternFacts of the document for the TS templates the loaded rules ask for ([] when none). */
export function extractPatterns(text: string, model: Model, constants: Constants, request: FactRequest | undefined): PatternFact[] {
  const jobs = jobsFor(text, request);
  if (jobs.length === 0) return [];
  const byType = new Map<string, Job[]>();
  for (const job of jobs) for (const type of job.template.rootTypes) byType.set(type, [...(byType.get(type) ?? []), job]);
  const words = new WordIndex(text);
  const matcher = new Matcher(text);
  const facts: PatternFact[] = [];
  walk(model.program, (node) => {
    const candidates = byType.get(node.type);
    if (!candidates) return;
    for (const { request, template } of candidates) {
      if (template.keyWord && !words.within(template.keyWord, node.start, node.end)) continue;
      if (!matcher.matches(template.root, node)) continue;
      const captures: Record<string, Capture> = {};
      for (const bound of matcher.bindings.all()) {
        const single = template.multiNames.has(bound.name) ? undefined : bound.nodes[0];
        captures[bound.name] = { text: bound.text, value: single ? foldCapture(model, constants, single) : { value: [] } };
      }
      facts.push({ kind: "pattern", pattern: request.id, captures, span: { start: node.start, end: node.end } });
    }
  });
  return facts.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

/** The TS templates to run on this text: well-formed ones whose literal words all occur in it. */
function jobsFor(text: string, request: FactRequest | undefined): Job[] {
  const jobs: Job[] = [];
  let words: WordIndex | undefined;
  for (const pattern of request?.patterns ?? []) {
    if (pattern.language !== "typescript") continue;
    let template: CompiledTemplate;
    try {
      template = compileTypescriptTemplate(pattern.template);
    } catch {
      continue; // the rules compiler reports bad templates at load time (validatePatternTemplate)
    }
    words ??= new WordIndex(text);
    if (words.hasAll(template.words)) jobs.push({ request: pattern, template });
  }
  return jobs;
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
