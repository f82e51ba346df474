/**
 * The text pre-check's words ("needles", rules/compile.ts mayMatch) of the general matcher kinds.
 * A needle is a lower-cased word the source text must contain (case-insensitively) for the
 * matcher to possibly match; a matcher without one (undefined) makes its rule always checked.
 * Why each is safe (the facts' candidates come from the text of the document itself):
 *   - import: a module pattern's literal words are literal characters of the specifier
 *     (value-pattern.ts: a hole is eaten by wildcards only), and the specifier is written in the
 *     file. Without module words (regex, only wildcards, `paths` which `from ".."` reaches without
 *     naming the folder): every import statement holds "import", "require" or "export".
 *   - call / member: every candidate path is made of names written in the document: as written,
 *     through local aliases and destructuring (whose declarations name the aliased path), through
 *     an import alias (`import { OpenAI as O }`, `import requests as r`: the imported name is in the
 *     import). A literal segment never matches an unknown computed segment (path-pattern.ts).
 *   - jsx-attribute: the attribute name is written at the attribute.
 *   - string: as import; a pattern of wildcards has no needle, nor has a regular expression
 *     unless it starts with `^` and literal characters (value-pattern.ts regexLiteralPrefix:
 *     the matcher requires those characters to be known, so they are written in the code).
 *   - pattern: the template's identifiers outside metavariables are matched syntactically.
 * Each pattern of a matcher gives its longest word (patterns.ts needleOf); a matcher matches when
 * one of its patterns does, so it needs one needle per pattern.
 */
import { needleOf } from "../patterns.js";
import type { Matcher } from "../schema.js";
import { isRegexValuePattern, regexLiteralPrefix } from "./value-pattern.js";

/** Every import statement (TS/JS static, require, dynamic, re-export; Python) holds one of these. */
export const IMPORT_WORDS = ["import", "require", "export"] as const;

/** The needles of one matcher of a general kind: one per pattern, or undefined when one has none. */
export function generalNeedles(m: Matcher): string[] | undefined {
  switch (m.kind) {
    case "import": {
      const modules = m.modules ? allOrNothing(m.modules.map(valueNeedle)) : [];
      const paths = m.paths ? pathGlobNeedles(m.paths) : [];
      return modules && paths ? [...new Set([...modules, ...paths])] : [...IMPORT_WORDS];
    }
    case "call":
      return allOrNothing(m.callees.map(pathNeedle));
    case "member":
      return allOrNothing(m.paths.map(pathNeedle));
    case "jsx-attribute":
      return allOrNothing(m.names.map(needleOf));
    case "string":
      return allOrNothing(m.values.map(valueNeedle));
    case "pattern": {
      const word = templateNeedle(m.pattern);
      return word === undefined ? undefined : [word];
    }
    default:
      return undefined;
  }
}

/**
 * Identifier words so common in code that, as a needle, they would send most files to the parser.
 * Every segment of a callee or member path is written in the document (see the file comment), so
 * any segment's word is a sound needle: prefer one that is not on this list.
 */
const COMMON_WORDS = new Set(["import", "export", "require", "document", "window", "globalthis", "process", "console", "create", "client", "value", "this", "self", "data", "request", "response", "default"]);

/** The needle of a callee / member path pattern: its longest uncommon word, else its longest word. */
function pathNeedle(pattern: string): string | undefined {
  const words = pattern
    .split(".")
    .map(needleOf)
    .filter((w): w is string => w !== undefined)
    .sort((a, b) => b.length - a.length);
  return words.find((w) => !COMMON_WORDS.has(w)) ?? words[0];
}

/**
 * Needles of import `paths` globs ("src/lib/legacy-auth/**"). A specifier that resolves into the
 * folder from outside it names the folder's last literal segment ("../lib/legacy-auth/session");
 * from inside, it is relative ("./session", "..", Python "from . import x"). An alias that maps
 * straight into the folder (tsconfig `paths` "@auth/*") names neither: docs/rules.md asks to list
 * such aliases in `modules`.
 */
function pathGlobNeedles(globs: readonly string[]): string[] | undefined {
  const words: string[] = [];
  for (const glob of globs) {
    const literal = glob.split("/").filter((segment) => segment !== "" && !/[*?[\]{}!]/.test(segment)).at(-1);
    const word = literal === undefined ? undefined : needleOf(literal);
    if (word === undefined) return undefined;
    words.push(word);
  }
  return [...words, ...RELATIVE_IMPORT_MARKS];
}

/** What every relative import holds: "./x", "../x", "..", Python "from .x" / "from . import". */
const RELATIVE_IMPORT_MARKS = ["./", "'..'", '".."', "'.'", '"."', "from ."];

function allOrNothing(needles: (string | undefined)[]): string[] | undefined {
  return needles.every((n): n is string => n !== undefined) ? needles : undefined;
}

function valueNeedle(pattern: string): string | undefined {
  if (!isRegexValuePattern(pattern)) return needleOf(pattern);
  const prefix = regexLiteralPrefix(pattern);
  return prefix === undefined ? undefined : needleOf(prefix);
}

/**
 * The longest identifier word of a template outside its metavariables, strings and comments
 * (a string's content may be written with other escapes or quotes than in the template).
 */
export function templateNeedle(template: string): string | undefined {
  const code = template
    .replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|#[^\n]*/g, " ")
    .replace(/`(?:[^`\\]|\\.)*`|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, " ")
    .replace(/\$(?:\$\$)?[A-Z_][A-Z0-9_]*|\$\$\$/g, " ");
  return needleOf(code);
}
