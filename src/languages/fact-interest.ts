/**
 * What both adapters read of a FactRequest's narrowing (core/types.ts FactRequest.strings and
 * callArguments): which string facts and which calls' arguments the requesting rules can match,
 * so that the general facts skip the rest. Without the narrowing (a request with kinds only, as
 * the tests and `explain` give), everything is wanted.
 */
import type { FactRequest, StringInterest, StringRole } from "../core/types.js";

export interface StringFilter {
  /** Some `string` matcher looks at this role: worth extracting at all. */
  wants(role: StringRole): boolean;
  /** Some matcher of the role may match one of these candidates (one holds one of its needles). */
  keeps(role: StringRole, value: readonly string[]): boolean;
}

const ROLES: readonly StringRole[] = ["url", "sql", "other"];

const EVERY_STRING: StringFilter = { wants: () => true, keeps: () => true };

export function stringFilter(request: FactRequest | undefined): StringFilter {
  const interests = request?.strings;
  if (!interests) return EVERY_STRING;
  // Per role: the needles of its matchers, null when one has none (any value), absent when none looks at it.
  const needlesByRole = new Map<StringRole, readonly string[] | null>();
  for (const role of ROLES) {
    const ofRole = interests.filter((interest) => interest.role === "any" || interest.role === role);
    if (ofRole.length > 0) needlesByRole.set(role, needlesOf(ofRole));
  }
  return {
    wants: (role) => needlesByRole.has(role),
    keeps: (role, value) => {
      const needles = needlesByRole.get(role);
      if (needles === undefined) return false;
      return needles === null || value.some((candidate) => holdsNeedle(candidate, needles));
    },
  };
}

function needlesOf(interests: readonly StringInterest[]): readonly string[] | null {
  const needles = new Set<string>();
  for (const interest of interests) {
    if (!interest.needles) return null;
    for (const needle of interest.needles) needles.add(needle);
  }
  return [...needles];
}

/** Needles are lower-cased; the pre-check compares them with the lower-cased text, and so do we. */
function holdsNeedle(candidate: string, needles: readonly string[]): boolean {
  const lower = candidate.toLowerCase();
  return needles.some((needle) => lower.includes(needle));
}

/** Whether a call's arguments are worth folding (FactRequest.callArguments; absent: every call's). */
export function wantsArguments(request: FactRequest | undefined, callee: readonly string[]): boolean {
  return request?.callArguments?.(callee) ?? true;
}
