/**
 * What the `pattern` matchers of both languages share (typescript/pattern, python/pattern): the
 * metavariable syntax, captures that can be undone while a list match backtracks, list matching
 * (in order, or in any order for object properties and keyword arguments), the compile cache, and
 * the literal-word pre-filter, and turning matches into PatternFacts. Pure: no parser here.
 *
 *   $NAME    one node, captured; the same name twice must match the same text (whitespace aside)
 *   $_       one node, not captured
 *   $$$      any number of list items (arguments, elements, properties, statements, parameters)
 *   $$$NAME  the same, captured
 */
import type { Capture, FactRequest, FoldedValue, PatternFact, PatternRequest, Span } from "../core/types.js";

export const SINGLE_METAVARIABLE = /^\$([A-Z_][A-Z0-9_]*)$/;
export const MULTI_METAVARIABLE = /^\$\$\$([A-Z_][A-Z0-9_]*)?$/;
/** Metavariables anywhere in a template's text (multi first, so `$$$A` is not read as `$$` + `$A`). */
export const METAVARIABLES_IN_TEXT = /\$\$\$([A-Z_][A-Z0-9_]*)?|\$([A-Z_][A-Z0-9_]*)/g;

export type Metavariable = { multi: false; name: string | undefined } | { multi: true; name: string | undefined };

/** The metavariable an identifier spells, if any (`$_` and `$$$` capture nothing: name undefined). */
export function metavariableOf(identifier: string): Metavariable | undefined {
  const single = SINGLE_METAVARIABLE.exec(identifier);
  if (single) return { multi: false, name: single[1] === "_" ? undefined : single[1] };
  const multi = MULTI_METAVARIABLE.exec(identifier);
  if (multi) return { multi: true, name: multi[1] };
  return undefined;
}

/** A template that cannot be compiled; the message names the template. */
export class PatternTemplateError extends Error {
  constructor(language: string, template: string, problem: string) {
    super(`bad ${language} pattern \`${oneLine(template)}\`: ${problem}`);
    this.name = "PatternTemplateError";
  }
}

function oneLine(template: string): string {
  const flat = template.trim().replace(/\s+/g, " ");
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}

/** What a metavariable matched: the nodes (one, or a run of list items) and their source text. */
export interface Bound<N> {
  readonly name: string;
  readonly nodes: readonly N[];
  readonly text: string;
}

/**
 * The captures of one match attempt. Bindings form a trail: a list match that backtracks cuts it
 * back to a mark, so no capture of a failed alternative survives.
 */
export class Bindings<N> implements Trail {
  private readonly trail: Bound<N>[] = [];

  mark(): number {
    return this.trail.length;
  }

  restore(mark: number): void {
    this.trail.length = mark;
  }

  /** Binds a name, or checks it against its earlier binding: the same text, whitespace aside. */
  bind(name: string | undefined, nodes: readonly N[], text: string): boolean {
    if (name === undefined) return true;
    const earlier = this.get(name);
    if (earlier) return squeeze(earlier.text) === squeeze(text);
    this.trail.push({ name, nodes, text });
    return true;
  }

  get(name: string): Bound<N> | undefined {
    for (let i = this.trail.length - 1; i >= 0; i--) if (this.trail[i]!.name === name) return this.trail[i];
    return undefined;
  }

  all(): readonly Bound<N>[] {
    return this.trail;
  }
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, "");
}

/** What a list match needs of the captures: undoing those of a failed alternative. */
export interface Trail {
  mark(): number;
  restore(mark: number): void;
}

/** How one language's list items are matched (T: a template item, N: a target item). */
export interface ListOps<T, N> {
  /** The multi metavariable an item is (`$$$`, `$$$ARGS`), or undefined for any other item. */
  multi(item: T): Metavariable | undefined;
  /** Does one template item match one target item? (May bind; the caller undoes it on failure.) */
  one(item: T, node: N): boolean;
  /** Binds `$$$NAME` to a run of target items; `inOrder` false when they came from an unordered list. */
  many(name: string | undefined, nodes: readonly N[], inOrder: boolean): boolean;
}

/** Template items against target items in order; each `$$$` takes any run (backtracking, shortest first). */
export function matchInOrder<T, N>(template: readonly T[], nodes: readonly N[], bindings: Trail, ops: ListOps<T, N>): boolean {
  let fixed = 0;
  for (const item of template) if (!ops.multi(item)) fixed++;
  if (fixed > nodes.length) return false;
  if (fixed === template.length && fixed !== nodes.length) return false;
  const step = (ti: number, ni: number): boolean => {
    if (ti === template.length) return ni === nodes.length;
    const item = template[ti]!;
    const multi = ops.multi(item);
    const mark = bindings.mark();
    if (multi) {
      // The last template item takes everything left: no search needed.
      const first = ti === template.length - 1 ? nodes.length : ni;
      for (let end = first; end <= nodes.length; end++) {
        if (ops.many(multi.name, nodes.slice(ni, end), true) && step(ti + 1, end)) return true;
        bindings.restore(mark);
      }
      return false;
    }
    if (ni < nodes.length && ops.one(item, nodes[ni]!) && step(ti + 1, ni + 1)) return true;
    bindings.restore(mark);
    return false;
  };
  return step(0, 0);
}

/**
 * Template items against target items in any order (object properties, JSX attributes, keyword
 * arguments): each item needs its own target item; with a `$$$` more target items may remain
 * (a named one captures them), without one there must be exactly as many.
 */
export function matchAnyOrder<T, N>(template: readonly T[], nodes: readonly N[], bindings: Trail, ops: ListOps<T, N>): boolean {
  const items = template.filter((item) => !ops.multi(item));
  const rest = template.find((item) => ops.multi(item));
  if (items.length > nodes.length || (!rest && items.length !== nodes.length)) return false;
  const used = new Array<boolean>(nodes.length).fill(false);
  const step = (ti: number): boolean => {
    if (ti === items.length) {
      if (!rest) return true;
      return ops.many(ops.multi(rest)!.name, nodes.filter((_, i) => !used[i]), false);
    }
    const mark = bindings.mark();
    for (let ni = 0; ni < nodes.length; ni++) {
      if (used[ni]) continue;
      used[ni] = true;
      if (ops.one(items[ti]!, nodes[ni]!) && step(ti + 1)) return true;
      used[ni] = false;
      bindings.restore(mark);
    }
    return false;
  };
  return step(0);
}

/**
 * Compiled templates by language and text, kept across documents (the daemon checks many files
 * with one rule set). A failure is kept too, so a bad template costs one parse.
 */
const compiled = new Map<string, { value: unknown } | { error: Error }>();
const MAX_COMPILED = 2_000;

export function compileOnce<T>(language: string, template: string, compile: (template: string) => T): T {
  const key = `${language}\u0000${template}`;
  let entry = compiled.get(key);
  if (!entry) {
    try {
      entry = { value: compile(template) };
    } catch (error) {
      entry = { error: error instanceof Error ? error : new Error(String(error)) };
    }
    // Rule sets are small; a process that sees ever new templates starts over rather than grow.
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(key, entry);
  }
  if ("error" in entry) throw entry.error;
  return entry.value as T;
}

const WORD_CHAR = /[A-Za-z0-9_$]/;

/**
 * Where literal words occur in a document, for the pre-filter: a template's identifiers (and its
 * plain strings) are written in any text it matches, so a file without them is skipped whole, and
 * a candidate node is tried only when its range holds the template's key word.
 */
export class WordIndex {
  private readonly positions = new Map<string, number[]>();

  constructor(private readonly text: string) {}

  /** Start offsets of `word` where it is not part of a longer identifier. */
  occurrences(word: string): readonly number[] {
    let found = this.positions.get(word);
    if (found) return found;
    found = [];
    const checkBefore = WORD_CHAR.test(word[0]!);
    const checkAfter = WORD_CHAR.test(word[word.length - 1]!);
    for (let at = this.text.indexOf(word); at >= 0; at = this.text.indexOf(word, at + 1)) {
      if (checkBefore && at > 0 && WORD_CHAR.test(this.text[at - 1]!)) continue;
      const after = at + word.length;
      if (checkAfter && after < this.text.length && WORD_CHAR.test(this.text[after]!)) continue;
      found.push(at);
    }
    this.positions.set(word, found);
    return found;
  }

  hasAll(words: readonly string[]): boolean {
    return words.every((word) => this.occurrences(word).length > 0);
  }

  /** Whether `word` occurs inside [start, end). */
  within(word: string, start: number, end: number): boolean {
    const list = this.occurrences(word);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! < start) lo = mid + 1;
      else hi = mid;
    }
    return lo < list.length && list[lo]! + word.length <= end;
  }
}

/** Plain strings of a template that are also pre-filter words: no escapes, no spaces, something to look for. */
export function isLiteralWord(value: string): boolean {
  return value.length >= 2 && /^[A-Za-z0-9_$@/.:-]+$/.test(value);
}

/**
 * The words of a template as its compiler finds them. A name the template uses as a path
 * (`fetch`, `stripe.charges.create`, `requests.get`) also matches code that reaches it through an
 * alias (`const f = fetch`, `from requests import get as g`): such words are in the file (the
 * alias names them) but maybe not in the matched node, so only the other words (strings,
 * property keys, a method after a metavariable) may be the per-node key word.
 */
export class TemplateWords {
  private readonly all = new Set<string>();
  private readonly inNode = new Set<string>();
  readonly multiNames = new Set<string>();

  add(word: string, inEveryMatchedNode: boolean): void {
    this.all.add(word);
    if (inEveryMatchedNode) this.inNode.add(word);
  }

  /** The parts of a CompiledPattern the words decide. */
  finish(): Pick<CompiledPattern<unknown>, "words" | "keyWord" | "multiNames"> {
    let key: string | undefined;
    // The longest is the rarest, roughly.
    for (const word of this.inNode) if (!key || word.length > key.length) key = word;
    return { words: [...this.all], keyWord: key, multiNames: this.multiNames };
  }
}

/** A template compiled by one language's matcher; R is its root node. */
export interface CompiledPattern<R> {
  readonly root: R;
  /** Target node types the root can match (a string literal also matches a plain template literal). */
  readonly rootTypes: readonly string[];
  /** Identifiers and plain strings of the template: every match holds them all. */
  readonly words: readonly string[];
  readonly keyWord: string | undefined;
  /** Names of `$$$NAME` metavariables: their captures are runs of items, not one value. */
  readonly multiNames: ReadonlySet<string>;
}

export interface PatternJob<R> {
  readonly request: PatternRequest;
  readonly template: CompiledPattern<R>;
}

/**
 * The requested templates of one language that can match this text (all their words occur in
 * it), by the node type their root matches. Empty when there are none: the caller walks nothing.
 * A template that does not compile is left out: the rules compiler reports it at load time.
 */
export function jobsByRootType<R>(
  words: WordIndex,
  request: FactRequest | undefined,
  language: PatternRequest["language"],
  compile: (template: string) => CompiledPattern<R>,
): Map<string, PatternJob<R>[]> {
  const byType = new Map<string, PatternJob<R>[]>();
  for (const pattern of request?.patterns ?? []) {
    if (pattern.language !== language) continue;
    let template: CompiledPattern<R>;
    try {
      template = compile(pattern.template);
    } catch {
      continue;
    }
    if (!words.hasAll(template.words)) continue;
    for (const type of template.rootTypes) byType.set(type, [...(byType.get(type) ?? []), { request: pattern, template }]);
  }
  return byType;
}

/** Tries each job on one candidate node and records a PatternFact per match, captures folded by `fold`. */
export function collectMatches<R, N>(
  jobs: readonly PatternJob<R>[],
  node: N,
  span: Span,
  words: WordIndex,
  matcher: { matches(root: R, node: N): boolean; readonly bindings: Bindings<N> },
  fold: (node: N) => FoldedValue,
  out: PatternFact[],
): void {
  for (const { request, template } of jobs) {
    if (template.keyWord && !words.within(template.keyWord, span.start, span.end)) continue;
    if (!matcher.matches(template.root, node)) continue;
    const captures: Record<string, Capture> = {};
    for (const bound of matcher.bindings.all()) {
      const single = template.multiNames.has(bound.name) ? undefined : bound.nodes[0];
      captures[bound.name] = { text: bound.text, value: single === undefined ? { value: [] } : fold(single) };
    }
    out.push({ kind: "pattern", pattern: request.id, captures, span });
  }
}
