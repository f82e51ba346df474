/**
 * Problems a rule has that the schema cannot see (a regular expression that does not compile, a
 * glob picomatch rejects, a `where` naming no metavariable), each with the field it is in. Rule
 * loaders prefix the file: "rules/x.yaml: match.1.values.0: not a valid regular expression: ...".
 */
export class RuleProblems {
  readonly list: string[] = [];
  add(field: string, message: string): void {
    this.list.push(`${field}: ${message}`);
  }
}

export class RuleCompileError extends Error {
  constructor(
    readonly ruleId: string,
    /** "field: message", without the file (the loader knows it). */
    readonly problems: readonly string[],
  ) {
    super(`rule ${ruleId}: ${problems.join("; ")}`);
    this.name = "RuleCompileError";
  }
}
