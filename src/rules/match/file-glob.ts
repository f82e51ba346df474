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

/**
 * `dot: true`: `src/**` covers `src/.config/x.ts` too, as a reader of the glob expects.
 * Compiled on first use: a hook call that the text pre-check decides never loads picomatch
 * (a CommonJS module: ~20 ms to load on a clean edit). Globs picomatch rejects are reported when
 * the rule file is loaded (fileGlobProblems), not here.
 */
export function compileFileGlobs(globs: readonly string[], problems: RuleProblems, field: string): FileMatcher {
  const relative: string[] = [];
  for (const [i, glob] of globs.entries()) {
    if (glob.startsWith("/") || /^[A-Za-z]:[\\/]/.test(glob)) problems.add(`${field}.${i}`, `"${glob}" is absolute: globs are relative to the project root`);
    else relative.push(glob.replace(/^\.\//, ""));
  }
  let matchers: FileMatcher[] | undefined;
  const compiled = (): FileMatcher[] => {
    const pm = loadPicomatch();
    matchers ??= relative.flatMap((glob) => {
      try {
        return [pm(glob, { dot: true })];
      } catch {
        return []; // reported at load (fileGlobProblems)
      }
    });
    return matchers;
  };
  return (path) => compiled().some((m) => m(path));
}

/** Globs of a rule (files, ignore, import paths) that picomatch cannot read: "field: message" each. */
export function fileGlobProblems(rule: { files?: readonly string[]; ignore?: readonly string[]; match: readonly { kind: string; paths?: readonly string[] }[] }): string[] {
  const fields: [string, readonly string[] | undefined][] = [
    ["files", rule.files],
    ["ignore", rule.ignore],
    ...rule.match.map((m, i): [string, readonly string[] | undefined] => [`match.${i}.paths`, m.kind === "import" ? m.paths : undefined]),
  ];
  const problems: string[] = [];
  for (const [field, globs] of fields) {
    for (const [i, glob] of (globs ?? []).entries()) {
      try {
        loadPicomatch().makeRe(glob, { dot: true });
      } catch (error) {
        problems.push(`${field}.${i}: not a valid glob: ${(error as Error).message}`);
      }
    }
  }
  return problems;
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
