/**
 * General facts for team rules (core/types.ts: import, call, member, string; Python has no JSX),
 * only of the kinds the loaded rules request (ExtractOptions.request): without a request the
 * adapter does none of this work.
 *
 *   walk.ts          imports, `with … as` targets, member chains (what scope.ts does not keep)
 *   paths.ts         dotted paths through aliases, imports, `self.attr`, call results
 *   fold.ts          arguments as FoldedValues
 *   imports.ts calls.ts members.ts strings.ts   one kind each
 *   sinks.ts         HTTP URL arguments and environment reads, as data
 *   module-paths.ts  ImportFact.resolved
 */
import type { SyntaxNode } from "@lezer/common";
import type { Fact, FactRequest, GeneralFactKind } from "../../../core/types.js";
import { stringFilter } from "../../fact-interest.js";
import type { ModuleIndex } from "../scope.js";
import type { Evaluator } from "../values.js";
import { callFacts } from "./calls.js";
import { importFacts } from "./imports.js";
import { memberFacts } from "./members.js";
import { PathResolver } from "./paths.js";
import { projectRootOf } from "../../project-root.js";
import { ScopeFinder } from "./scopes.js";
import { type SqlSource, stringFacts } from "./strings.js";
import { type GeneralIndex, indexGeneral } from "./walk.js";

export type { SqlSource } from "./strings.js";

export interface GeneralInput {
  root: SyntaxNode;
  index: ModuleIndex;
  evaluator: Evaluator;
  kinds: ReadonlySet<GeneralFactKind>;
  /** The whole request: its narrowing says which strings and calls' arguments rules can match (fact-interest.ts). */
  request?: FactRequest;
  /** The document's path on disk (absolute, or relative to the cwd), for ImportFact.resolved. */
  file?: string;
  /** The project root ImportFact.resolved is relative to (ExtractOptions.projectRoot); default: project-root.ts's for `file`. */
  projectRoot?: string;
  /** The expressions embedded.ts read as SQL (StringFact role "sql"). */
  sql: readonly SqlSource[];
  /** The general walk's index and a resolver over it, shared with the patterns (index.ts); default: made here. */
  paths?: () => SharedPaths;
}

export interface SharedPaths {
  general: GeneralIndex;
  resolver: PathResolver;
}

/** Whether any general kind Python can emit is requested. */
export function wantsGeneralFacts(kinds: ReadonlySet<GeneralFactKind> | undefined): kinds is ReadonlySet<GeneralFactKind> {
  return !!kinds && (kinds.has("import") || kinds.has("call") || kinds.has("member") || kinds.has("string"));
}

export function generalFacts({ root, index, evaluator, kinds, request, file, projectRoot, sql, paths }: GeneralInput): Fact[] {
  const { general, resolver } = paths?.() ?? makePaths(root, index, evaluator, kinds.has("member"));
  const facts: Fact[] = [];
  if (kinds.has("import")) facts.push(...importFacts(general, index.calls, resolver, evaluator, file ? { file, root: projectRoot ?? projectRootOf(file) } : undefined));
  if (kinds.has("call")) facts.push(...callFacts(index.calls, resolver, evaluator, request));
  if (kinds.has("member")) facts.push(...memberFacts(general, index.calls, resolver, evaluator, new ScopeFinder(index)));
  if (kinds.has("string")) facts.push(...stringFacts(index, resolver, evaluator, sql, stringFilter(request)));
  return facts;
}

/** The general walk (walk.ts; `chains` for member facts) and a path resolver over it. */
export function makePaths(root: SyntaxNode, index: ModuleIndex, evaluator: Evaluator, chains: boolean): SharedPaths {
  const general = indexGeneral(root, { chains });
  return { general, resolver: new PathResolver(index, general, evaluator) };
}
