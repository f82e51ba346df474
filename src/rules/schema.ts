/**
 * The rule file format (rules/<id>.yaml), validated strictly: an unknown key or a bad value is an
 * error that names the file and the field. zod/mini keeps this cheap enough for the hook path.
 *
 * Name patterns: `*` stands for one or more identifier characters [A-Za-z0-9_]; everything else
 * is literal and case-sensitive. List `saveIntegrationStatus` beside `save*IntegrationStatus` when
 * the part may be empty.
 */
import * as z from "zod/mini";

const LANGUAGES = ["typescript", "javascript", "python", "sql"] as const;
const Language = z.enum(LANGUAGES);
const Severity = z.enum(["block", "warn"]);

const NamePattern = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_*.$-]+$/, "a name pattern holds identifier characters, '.', '-' and '*' only"));
const NamePatterns = z.array(NamePattern).check(z.minLength(1));

/** Any access to a table: supabase `.from(T)`, supabase-py `.table(T)`, a SQL statement naming it. */
const TableMatcher = z.strictObject({
  kind: z.literal("table"),
  tables: NamePatterns,
  access: z.optional(z.enum(["any", "read", "write", "schema"])),
  severity: z.optional(Severity),
});

/** Reads or writes of columns: keys reaching `.update/.insert/.upsert`, `.select("...")` text, SQL. */
const ColumnMatcher = z.strictObject({
  kind: z.literal("column"),
  columns: NamePatterns,
  access: z.enum(["any", "read", "write", "schema"]),
  severity: z.optional(Severity),
});

/** A query made with a client that came from one of `clients` and touching the tables or columns. */
const ClientQueryMatcher = z.strictObject({
  kind: z.literal("client-query"),
  clients: NamePatterns,
  /** A client made by any factory with a key named like these (`createClient(url, SUPABASE_SERVICE_ROLE_KEY)`). */
  keys: z.optional(NamePatterns),
  tables: z.optional(NamePatterns),
  columns: z.optional(NamePatterns),
  severity: z.optional(Severity),
});

const FunctionDefinitionMatcher = z.strictObject({
  kind: z.literal("function-definition"),
  names: NamePatterns,
  severity: z.optional(Severity),
});

const FunctionCallMatcher = z.strictObject({
  kind: z.literal("function-call"),
  names: NamePatterns,
  severity: z.optional(Severity),
});

/*
 * General matcher kinds (docs/rules.md): for any retired architecture, not only tables.
 *
 * Three small pattern languages, each a string:
 *   - PathPattern, over dotted paths (callees, member chains, imported names): segments split at
 *     "."; `*` inside a segment is any run of identifier characters, a segment `*` is exactly one
 *     segment, a segment `**` is any number of segments (zero included).
 *       "stripe.charges.create", "axios.*", "requests.**", "process.env.*", "OpenAI"
 *   - ValuePattern, over folded string values (URLs, SQL, module specifiers): a glob where `*` is
 *     any run of characters except "/", `**` any run of characters, `?` one character; or a
 *     regular expression written `/source/flags`. Glob matching is case-sensitive.
 *       "https://api.openai.com/**", "http://**", "@/lib/legacy-auth/**", "/^\s*select\b/i"
 *     A part the adapter could not resolve (NAME_HOLE) matches any run of characters; a value
 *     that is only unknown never matches. "Every candidate counts": a value matches when one of
 *     its candidates does.
 *   - FileGlob (rule `files` / `ignore`): picomatch globs relative to the project root.
 */
/** A path's first segment may be a scoped package (`@anthropic-ai/sdk.Anthropic`): its default import's path starts with it. */
const PathPattern = z.string().check(
  z.minLength(1),
  z.regex(
    /^(@[A-Za-z0-9_*-]+\/[A-Za-z0-9_*-]+|[A-Za-z0-9_$*-]+)(\.[A-Za-z0-9_$*-]+)*$/,
    "a path pattern is dotted segments of identifier characters and '*' (the first may be a scoped package, @scope/name)",
  ),
);
const PathPatterns = z.array(PathPattern).check(z.minLength(1));
const ValuePattern = z.string().check(z.minLength(1));
const ValuePatterns = z.array(ValuePattern).check(z.minLength(1));
const FileGlobs = z.array(z.string().check(z.minLength(1))).check(z.minLength(1));

/** Imports of modules: `import`, `require`, `import()`, re-exports; Python `import` / `from … import`. */
const ImportMatcher = z.strictObject({
  kind: z.literal("import"),
  /** ValuePatterns over the specifier as written ("@/lib/legacy-auth", "@/lib/legacy-auth/**"; Python: "legacy.auth", "legacy.auth.*"). */
  modules: z.optional(ValuePatterns),
  /** FileGlobs over where a relative/aliased specifier resolves, relative to the project root ("src/lib/legacy-auth/**"). */
  paths: z.optional(FileGlobs),
  /** Only these imported names (PathPatterns over "default", "*", or the named export). */
  names: z.optional(PathPatterns),
  severity: z.optional(Severity),
});

/** A constraint on one argument of a call, by position (0-based) or, for Python, keyword name. */
const ArgumentConstraint = z.strictObject({
  index: z.optional(z.number().check(z.int(), z.nonnegative())),
  keyword: z.optional(z.string().check(z.minLength(1))),
  /** Of an object-literal argument, this key's value ("method", "headers.Authorization"). */
  key: z.optional(z.string().check(z.minLength(1))),
  /** The argument's folded string value matches one of these. */
  values: z.optional(ValuePatterns),
  /** The argument is (an alias of) one of these paths. */
  paths: z.optional(PathPatterns),
});

/** Calls and `new` expressions by callee path, through aliases, destructuring and imports. */
const CallMatcher = z.strictObject({
  kind: z.literal("call"),
  callees: PathPatterns,
  /** true: only `new X()`; false: only plain calls; absent: both. */
  new: z.optional(z.boolean()),
  /** Every constraint must hold (for the argument it names). */
  arguments: z.optional(z.array(ArgumentConstraint).check(z.minLength(1))),
  severity: z.optional(Severity),
});

/** Property reads by path (`process.env.*`), destructuring from them included. Matches a prefix of the chain. */
const MemberMatcher = z.strictObject({
  kind: z.literal("member"),
  paths: PathPatterns,
  severity: z.optional(Severity),
});

/** JSX attributes by name, optionally on given elements, allowed when the value comes from one of `unlessFrom`. */
const JsxAttributeMatcher = z.strictObject({
  kind: z.literal("jsx-attribute"),
  names: PathPatterns,
  elements: z.optional(PathPatterns),
  /** String value constraint (`target="_blank"`-style rules). */
  values: z.optional(ValuePatterns),
  /** Allowed when the value is the result of a call to one of these (`sanitize`, `DOMPurify.sanitize`). */
  unlessFrom: z.optional(PathPatterns),
  severity: z.optional(Severity),
});

/** Folded string values in a role: "url" (an HTTP call's URL), "sql" (text read as SQL), "any" (every string; default). */
const StringMatcher = z.strictObject({
  kind: z.literal("string"),
  values: ValuePatterns,
  /** Exceptions: a candidate matching `values` counts only when it matches none of these ("http://**" but not "http://localhost/**"). */
  not: z.optional(ValuePatterns),
  role: z.optional(z.enum(["url", "sql", "any"])),
  severity: z.optional(Severity),
});

/** A code template with metavariables, for what the kinds above cannot say. */
const PatternMatcher = z.strictObject({
  kind: z.literal("pattern"),
  /** core/types.ts PatternRequest.template: `$NAME` one node, `$$$` any number of them. */
  pattern: z.string().check(z.minLength(1)),
  /** The template's language; default: the rule's only language family (typescript for typescript/javascript). */
  language: z.optional(z.enum(["typescript", "python"])),
  /** Constraints on what metavariables folded to (all must hold): `{ URL: { values: [...] } }`. */
  where: z.optional(
    z.record(
      z.string().check(z.regex(/^[A-Z_][A-Z0-9_]*$/, "a metavariable is written in capitals: URL, CLIENT")),
      z.strictObject({
        values: z.optional(ValuePatterns),
        paths: z.optional(PathPatterns),
        /** The captured text does NOT fold to / alias these (values or paths): "unless". */
        not: z.optional(z.strictObject({ values: z.optional(ValuePatterns), paths: z.optional(PathPatterns) })),
      }),
    ),
  ),
  severity: z.optional(Severity),
});

export const MatcherSchema = z.discriminatedUnion("kind", [
  TableMatcher,
  ColumnMatcher,
  ClientQueryMatcher,
  FunctionDefinitionMatcher,
  FunctionCallMatcher,
  ImportMatcher,
  CallMatcher,
  MemberMatcher,
  JsxAttributeMatcher,
  StringMatcher,
  PatternMatcher,
]);

const Example = z.strictObject({
  code: z.string(),
  /** File name the example is checked as; its extension picks the language. Default: example.ts */
  file: z.optional(z.string().check(z.minLength(1))),
  /** Invalid examples only: the 1-based lines where this rule must report, exactly. */
  lines: z.optional(z.array(z.number().check(z.int(), z.positive()))),
});

export const RuleSchema = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "a rule id is kebab-case")),
  severity: Severity,
  languages: z.array(Language).check(z.minLength(1)),
  message: z.string().check(
    z.minLength(1),
    z.refine((s) => !s.includes("\n"), "the message is one line (put the rest in help)"),
  ),
  help: z.string().check(z.minLength(1)),
  match: z.array(MatcherSchema).check(z.minLength(1)),
  /** Only files matching one of these FileGlobs (relative to the project root) are checked by this rule. */
  files: z.optional(FileGlobs),
  /** Files matching one of these are never checked by this rule (`src/config/**` may read process.env). */
  ignore: z.optional(FileGlobs),
  examples: z.strictObject({
    valid: z.array(Example).check(z.minLength(1)),
    invalid: z.array(Example).check(z.minLength(1)),
  }),
});

export type Rule = z.infer<typeof RuleSchema>;
export type Matcher = z.infer<typeof MatcherSchema>;
export type RuleExample = z.infer<typeof Example>;
/** A rule as the engine uses it (dist/rules.json holds these: examples stripped). */
export type RuleDefinition = Omit<Rule, "examples">;

/** "rules/x.yaml: match.0.tables: expected array" — one line per problem. */
export function formatSchemaIssues(file: string, error: z.core.$ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    const keys = issue.code === "unrecognized_keys" ? ` (${issue.keys.join(", ")})` : "";
    return `${file}: ${path || "(root)"}: ${issue.message}${keys}`;
  });
}
