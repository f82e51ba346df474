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

export const MatcherSchema = z.discriminatedUnion("kind", [
  TableMatcher,
  ColumnMatcher,
  ClientQueryMatcher,
  FunctionDefinitionMatcher,
  FunctionCallMatcher,
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
