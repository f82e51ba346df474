/**
 * The facts of one kind, out of all the facts of a document. The engine hands every matcher the
 * whole list (thousands of facts of a large file, of many shapes); a general or pattern matcher
 * reads one kind, often none of which is there. Grouped once per list, each matcher then walks
 * only its kind, in the list's order.
 *
 * The groups hang on the list itself (a hidden, non-enumerable property), so they die with it in
 * the young generation: a WeakMap beside the list kept ~2-4 MB per bench check through the
 * daemon's young-generation collections (ephemerons outlive them), as parse.ts explains why that matters.
 */
import type { Fact } from "../../core/types.js";

type Kind = Fact["kind"];
type OfKind<K extends Kind> = Extract<Fact, { kind: K }>;

interface Groups {
  /** The list's length when grouped: a list that grew since (a caller pushed facts) is grouped again. */
  length: number;
  byKind: Map<Kind, Fact[]>;
}

const GROUPS = Symbol("facts by kind");
const NONE: readonly Fact[] = [];

export function factsOfKind<K extends Kind>(facts: readonly Fact[], kind: K): readonly OfKind<K>[] {
  const holder = facts as readonly Fact[] & { [GROUPS]?: Groups };
  let groups = holder[GROUPS];
  if (groups?.length !== facts.length) {
    // A frozen list cannot hold them: filtered as it is.
    if (!Object.isExtensible(facts)) return facts.filter((fact): fact is OfKind<K> => fact.kind === kind);
    groups = { length: facts.length, byKind: new Map() };
    for (const fact of facts) {
      const list = groups.byKind.get(fact.kind);
      if (list) list.push(fact);
      else groups.byKind.set(fact.kind, [fact]);
    }
    Object.defineProperty(facts, GROUPS, { value: groups, configurable: true, writable: true, enumerable: false });
  }
  return (groups.byKind.get(kind) ?? NONE) as readonly OfKind<K>[];
}
