/** How findings are identified and ordered, shared by the engine, its suppressions and the hook. */

/** The rule and the code a finding points at, whitespace-insensitive: stable across line shifts. */
export function fingerprintOf(ruleId: string, code: string): string {
  // Most spans hold no whitespace: skip the regex for them (the hook fingerprints every finding).
  return `${ruleId}\u0001${/\s/.test(code) ? code.replace(/\s+/g, " ").trim() : code}`;
}

/**
 * Plain code-unit order. Not localeCompare: its first call loads ICU collation data (~10 ms),
 * which the hook would pay on every blocked edit.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
