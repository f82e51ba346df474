/**
 * FileGlob (rules/schema.ts): picomatch globs over project-root-relative paths with "/"
 * separators, used by a rule's `files` / `ignore` and an import matcher's `paths`.
 *
 * picomatch is required on first use, not imported: the hook's entry bundles this module's
 * neighbours, and the built-in pack (no globs) should not pay for loading it.
 */
import { createRequire } from "node:module";
import type { RuleProblems } from "./problems.js";

export type FileMatcher = (projectPath: string) => boolean;

type Picomatch = typeof import("picomatch");
let picomatch: Picomatch | undefined;
function loadPicomatch(): Picomatch {
  picomatch ??= createRequire(import.meta.url)("picomatch") as Picomatch;
  return picomatch;
}

/** `dot: true`: `src/**` covers `src/.config/x.ts` too, as a reader of the glob expects. */
export function compileFileGlobs(globs: readonly string[], problems: RuleProblems, field: string): FileMatcher {
  const pm = loadPicomatch();
  const matchers: FileMatcher[] = [];
  for (const [i, glob] of globs.entries()) {
    if (glob.startsWith("/") || /^[A-Za-z]:[\\/]/.test(glob)) {
      problems.add(`${field}.${i}`, `"${glob}" is absolute: globs are relative to the project root`);
      continue;
    }
    try {
      pm.makeRe(glob, { dot: true }); // throws on a glob it cannot read
      matchers.push(pm(glob.replace(/^\.\//, ""), { dot: true }));
    } catch (error) {
      problems.add(`${field}.${i}`, `not a valid glob: ${(error as Error).message}`);
    }
  }
  return (path) => matchers.some((m) => m(path));
}

/** A rule's `files` / `ignore`: which project files the rule checks. */
export interface RuleScope {
  files?: FileMatcher;
  ignore?: FileMatcher;
}

export function compileScope(rule: { files?: readonly string[]; ignore?: readonly string[] }, problems: RuleProblems): RuleScope | undefined {
  if (!rule.files && !rule.ignore) return undefined;
  return {
    ...(rule.files ? { files: compileFileGlobs(rule.files, problems, "files") } : {}),
    ...(rule.ignore ? { ignore: compileFileGlobs(rule.ignore, problems, "ignore") } : {}),
  };
}

export function inScope(scope: RuleScope | undefined, projectPath: string): boolean {
  if (!scope) return true;
  if (scope.files && !scope.files(projectPath)) return false;
  return !scope.ignore?.(projectPath);
}
