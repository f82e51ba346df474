/**
 * The vocabulary every part of integration-guard shares.
 *
 *   sources (what to check) -> Document -> languages (text -> Facts) -> rules (Facts -> Findings) -> reporters
 *
 * A rule never sees an AST: language adapters turn text into language-neutral facts, so one
 * `table` rule covers supabase-js, supabase-py and SQL alike.
 */

/** Languages an adapter can turn into facts. The file extension decides (see languages/registry.ts). */
export type LanguageId = "typescript" | "javascript" | "python" | "sql";

/** One text to check: a file on disk, a file rebuilt from a hook payload, a staged blob. */
export interface Document {
  /** Path as the user knows it (absolute in the hook, relative to cwd in lint). */
  path: string;
  text: string;
  language: LanguageId;
  /**
   * The file's absolute path on disk, when `path` is relative to somewhere else than the process's
   * cwd (the hook: the project dir). Imported constants are read from modules next to it.
   */
  diskPath?: string;
}

/** Half-open range of UTF-16 code unit offsets into Document.text. */
export interface Span {
  start: number;
  end: number;
}

/**
 * A name an adapter resolved (a table, a column): every value the expression can have.
 * Each candidate is a plain string in which NAME_HOLE stands for a part that could not be
 * resolved (a template `integration_${p}_status` with an unknown `p` is `integration_\0_status`).
 * A table pattern matches a name when it matches one of its candidates (rules.md: "every
 * candidate of ??/||/?:" counts); a column pattern only when it matches every candidate ("counts
 * when every possible value matches the pattern"). See rules/patterns.ts matchesResolvedName.
 */
export type ResolvedName = readonly string[];
export const NAME_HOLE = "\u0000";

/** How a query touches a table or a column. `schema` is DDL (CREATE/ALTER/DROP, index, policy...). */
export type Access = "read" | "write" | "schema";

interface FactBase {
  /** Where the fact is in the document; findings are reported here. */
  span: Span;
  /** How its values got there (aliases, constants, imports), for `explain`; optional, adapters add it where cheap. */
  via?: readonly TraceStep[];
}

/**
 * Facts that belong to one database query (one supabase chain, one SQL statement) share `query`,
 * a per-document id, so a rule can report a query once even when several of its parts match.
 * `clients` names the functions whose return value made the query's receiver, after following
 * variables, awaits, destructuring, same-file helpers and parameters (`createServiceRoleClient`).
 */
interface QueryPart {
  query?: number;
  clients?: readonly string[];
}

/**
 * A `clients` entry that names a key the client was made with rather than a factory:
 * `createClient(url, SUPABASE_SERVICE_ROLE_KEY)` has the origins `createClient` and
 * `key:SUPABASE_SERVICE_ROLE_KEY` (rules match these with a client-query's `keys`).
 */
export const KEY_ORIGIN = "key:";

export interface TableFact extends FactBase, QueryPart {
  kind: "table";
  name: ResolvedName;
  access: Access;
}

export interface ColumnFact extends FactBase, QueryPart {
  kind: "column";
  name: ResolvedName;
  access: Access;
}

export interface FunctionDefinitionFact extends FactBase {
  kind: "function-definition";
  name: string;
}

export interface FunctionCallFact extends FactBase {
  kind: "function-call";
  name: string;
}

/**
 * General facts, for team rules beyond tables and columns (rules/schema.ts: import, call, member,
 * jsx-attribute, string, pattern). Adapters emit them only for the kinds a loaded rule asks for
 * (ExtractOptions.request), so the built-in pack pays nothing for them.
 *
 * Dotted paths (`stripe.charges.create`, `process.env.API_KEY`): segments joined by ".", an
 * unknown computed segment is NAME_HOLE. Where a path goes through aliases, every path it may
 * stand for is listed ("every candidate counts"): `const { charges } = stripe; charges.create()`
 * has the callee paths `charges.create` and `stripe.charges.create`.
 */

/**
 * One module import: `import … from "m"`, `export … from "m"`, `require("m")`, `import("m")`,
 * `import x = require("m")`; Python `import m`, `from m import n` (module "m", relative ones as
 * written: ".auth", "..lib.auth"). Reported at the specifier (TS) or the module name (Python).
 */
export interface ImportFact extends FactBase {
  kind: "import";
  /** The specifier, folded (a dynamic `import(\`./${x}\`)` has holes). */
  module: ResolvedName;
  /**
   * Where a relative or aliased specifier points, relative to the project root with "/"
   * separators ("src/lib/legacy-auth/index.ts", "src/lib/legacy-auth"), when it can be worked
   * out (tsconfig paths `@/*`, relative paths; the file need not exist). Python: "pkg/mod.py" or
   * "pkg/mod" for relative imports.
   */
  resolved?: string;
  /** The names imported: "default", "*" (namespace, whole-module require/import, side effect), or named exports. */
  names: readonly string[];
}

/** A value as the adapter folded it: string candidates (ResolvedName) and, for an object literal, its keys. */
export interface FoldedValue {
  /** String candidates; [] when the value is not (or not known to be) a string. */
  value: ResolvedName;
  /** Object literal argument `{ method: "POST", url: u }`: each key's folded value (nested objects flattened "a.b"). */
  keys?: Readonly<Record<string, ResolvedName>>;
  /** Dotted path(s) of an identifier or member expression argument, after aliases (see above). */
  paths?: readonly string[];
  /** Callee paths of the calls whose result makes the value (`sanitize(x)` -> ["sanitize"]), after aliases. */
  calls?: readonly string[];
  /**
   * The same calls one by one, each with its callee paths (`c ? marked(x) : clean(x)` with
   * `const clean = sanitize` -> [["marked"], ["clean", "sanitize"]]): "made by sanitize" needs
   * every call to be one, which the flat `calls` cannot say.
   */
  callGroups?: readonly (readonly string[])[];
  /**
   * Some candidate of the value is not the result of a call: a name or property with no known
   * value, a literal, a template, `a + b`, or one branch of `c ? html : sanitize(html)` / `a ?? b`.
   * Absent (false) when every candidate is a call's result (`calls`), so "made by sanitize" means
   * every group of `callGroups` matches and not `plain`.
   */
  plain?: boolean;
}

/** A call or `new` expression. Reported at the callee. */
export interface CallFact extends FactBase {
  kind: "call";
  /**
   * Callee paths: as written, through local aliases and destructuring, and for a binding that
   * came from an import also by its imported name (`import { OpenAI as O } from "openai"; new O()`
   * -> "O", "OpenAI"). Python `import requests as r; r.get()` -> "r.get", "requests.get";
   * `from requests import get` -> "get", "requests.get".
   */
  callee: readonly string[];
  new: boolean;
  /** Each argument in order (Python keyword arguments by name in `keywords`). */
  args: readonly FoldedValue[];
  keywords?: Readonly<Record<string, FoldedValue>>;
}

/**
 * A property read: the longest member chain (`process.env.API_KEY.trim` is one fact with path
 * candidates like "process.env.API_KEY.trim"), a destructured property (`const { API_KEY } =
 * process.env` -> "process.env.API_KEY" at API_KEY), or Python attribute/subscript chains
 * (`os.environ["X"]` -> "os.environ.X"). Rules match a prefix of the path. Reported at the chain.
 */
export interface MemberFact extends FactBase {
  kind: "member";
  path: readonly string[];
}

/** A JSX attribute `<div dangerouslySetInnerHTML={{ __html: html }} />`. Reported at the attribute. */
export interface JsxAttributeFact extends FactBase {
  kind: "jsx-attribute";
  /** The element's name as written ("div", "Foo.Bar"). */
  element: string;
  name: string;
  /** The attribute's value, folded; for an object value, `calls` lists the calls inside any of its values. */
  value: FoldedValue;
}

/** What code does with a string. */
export type StringRole = "url" | "sql" | "other";

/**
 * A string value: every string literal and template (its own folded value, role "other"), plus
 * each URL argument of an HTTP call (fetch, axios, ky, got, requests, httpx, urllib, aiohttp...:
 * folded through constants, role "url") and each text read as SQL (role "sql"). Reported at the
 * literal or argument.
 */
export interface StringFact extends FactBase {
  kind: "string";
  value: ResolvedName;
  role: StringRole;
}

/** What one metavariable of a `pattern` matched. */
export interface Capture {
  /** The source text the metavariable matched. */
  text: string;
  /** Its value, folded (strings through constants, paths through aliases). */
  value: FoldedValue;
}

/** A `pattern` matcher's template matched here (ExtractOptions.request.patterns). Reported at the matched node. */
export interface PatternFact extends FactBase {
  kind: "pattern";
  /** PatternRequest.id of the template that matched. */
  pattern: string;
  captures: Readonly<Record<string, Capture>>;
}

export type GeneralFact = ImportFact | CallFact | MemberFact | JsxAttributeFact | StringFact | PatternFact;
export type GeneralFactKind = Exclude<GeneralFact["kind"], "pattern">;

export type Fact = TableFact | ColumnFact | FunctionDefinitionFact | FunctionCallFact | GeneralFact;

/** One step of how a value reached a fact (`explain` prints these): an alias, a constant, an import. */
export interface TraceStep {
  span: Span;
  /** What happened there, short: "alias of stripe.charges", "const URL = \"https://...\"", "imported from ./config". */
  note: string;
}

/** A code template of a `pattern` matcher, for the adapter of its language. */
export interface PatternRequest {
  /** Unique per loaded rule set; PatternFact.pattern names it. */
  id: string;
  /** typescript covers javascript too. */
  language: "typescript" | "python";
  /**
   * Code with metavariables: `$NAME` matches one expression/identifier/argument and captures it
   * (the same name twice must match the same text), `$$$` or `$$$NAME` any number of arguments,
   * elements, properties or statements. Whitespace, comments, quotes style and trailing commas
   * do not matter.
   */
  template: string;
}

/** What the loaded rules need beyond the built-in facts (rules/compile.ts computes it). */
export interface FactRequest {
  kinds: ReadonlySet<GeneralFactKind>;
  patterns: readonly PatternRequest[];
  /**
   * Narrows the "string" kind: what the requesting rules' `string` matchers can match. An adapter
   * may leave out a string fact no interest takes (languages/fact-interest.ts), and skip a role
   * no interest names. Absent: every string fact of every role.
   */
  strings?: readonly StringInterest[];
  /**
   * Narrows the "call" kind: whether some matcher reads the arguments of a call with these callee
   * paths (CallFact.callee, every candidate). For a call it says no to, an adapter may leave
   * `args` empty and `keywords` out instead of folding them. Absent: every call's arguments.
   */
  callArguments?: (callee: readonly string[]) => boolean;
}

/** What one `string` matcher looks at (FactRequest.strings). */
export interface StringInterest {
  /** The role it asks for; "any": every role. */
  role: StringRole | "any";
  /**
   * Lower-cased words of which every value it can match contains one, in some candidate (the
   * matcher's pre-check needles, rules/match/needles.ts). Undefined: any value may match.
   */
  needles?: readonly string[];
}

/** A problem found while reading a document that is not a rule finding (it did not parse...). */
export interface DocumentNote {
  message: string;
  span?: Span;
}

export interface ExtractResult {
  facts: Fact[];
  /** Set when the text did not parse cleanly; facts then come from error recovery. */
  parseErrors: DocumentNote[];
  /**
   * Text in another language inside this document, for that language's adapter: SQL handed to a
   * query function (sql`...`, .query("..."), execute("...")). The engine extracts it and shifts
   * the spans by `offset`.
   */
  embedded?: EmbeddedText[];
}

/**
 * Where the facts of an embedded text go in the host: shifted by `offset` (the text is 1:1 with
 * the host range it came from), or all at `anchor` (it is not: constants folded into a template).
 */
export type EmbeddedText = EmbeddedTextContent & ({ offset: number; anchor?: never } | { anchor: Span; offset?: never });

interface EmbeddedTextContent {
  language: LanguageId;
  /**
   * The embedded text. With `offset`, exactly as long as the host range it came from:
   * interpolations (`${expr}`, `{expr}`) are replaced by a run of `_` of the same length.
   */
  text: string;
  /** Client origins of the call that runs the text (`admin.query("...")`): given to its query facts. */
  clients?: readonly string[];
  /**
   * A string found outside any query position (`const LIST_SQL = "SELECT ..."`): only SQL that
   * parses counts, so prose such as "Update the integrations table" is never read as a query.
   */
  requireParse?: boolean;
}

/** Constants a caller knows from outside the document (lint --project resolves imports with them). */
export interface ExtractOptions {
  /**
   * Resolve `import { X } from "source"`: return the constant's value (a string, or an object of
   * strings / nested objects) or undefined when unknown. Used by `lint --project`; the hook never sets it.
   */
  resolveImport?: (source: string, exportedName: string) => ConstantValue | undefined;
  /**
   * Without resolveImport, adapters that can read imported constants from the project's modules on
   * disk do so (the hook and plain `lint`); false turns that off (a text with no file behind it).
   */
  diskImports?: boolean;
  /**
   * The engine's text pre-check for one self-contained part of a document (an SQL statement):
   * false when no rule can match anything in that text, so the adapter may skip parsing it.
   */
  mayMatter?: (text: string) => boolean;
  /** General facts the loaded rules need (none for the built-in pack): see FactRequest. */
  request?: FactRequest;
  /**
   * The project root (absolute): what ImportFact.resolved is relative to and, in the engine, what
   * rules' `files` / `ignore` globs are relative to. Default: the git work tree of the document's
   * file (languages/project-root.ts), else our cwd.
   */
  projectRoot?: string;
}

export type ConstantValue = string | { readonly [key: string]: ConstantValue };

/** Turns one language's text into facts. Each adapter lives in src/languages/<lang>/. */
export interface LanguageAdapter {
  readonly id: LanguageId;
  /** Async set-up (loading a WASM parser), awaited once by languages/registry.ts before the first extract. */
  prepare?(): Promise<void>;
  extract(doc: Document, options?: ExtractOptions): ExtractResult;
  /**
   * Facts of a text too large to parse (over MAX_DOCUMENT_BYTES, core/limits.ts): a linear
   * token-level scan. Without it, such a text is read by `extract` (SQL: already token-based).
   */
  scan?(doc: Document): Fact[];
}

export type Severity = "block" | "warn";

/** A rule violation, shaped like typescript-eslint / oxc diagnostics. Lines and columns are 1-based. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  /** One line, the rule's message. */
  message: string;
  /** What to do instead. */
  help: string;
  file: string;
  span: Span;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /**
   * Identity of the finding that survives line shifts: the rule plus the code it points at.
   * Used to tell introduced findings from existing ones (hook) and for baselines.
   */
  fingerprint: string;
}

export interface CheckResult {
  document: Document;
  findings: Finding[];
  /** Did-not-parse notes and the like: reported, never silently dropped. */
  notes: DocumentNote[];
}
