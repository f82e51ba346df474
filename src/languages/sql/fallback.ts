/**
 * Facts of a statement the PostgreSQL parser rejected: a token-level scan (never a regex over the
 * raw text, so comments and string literals cannot produce facts).
 *   tables:  the name after FROM / JOIN / INTO / UPDATE / TABLE, and after ON in DDL
 *            (CREATE INDEX / POLICY / TRIGGER ... ON t)
 *   columns: written by `SET col =` (UPDATE), `INSERT INTO t (col, ...)`, `ADD [COLUMN] col`;
 *            read when named in a SELECT or in a WHERE clause.
 */
import type { Access, Fact } from "../../core/types.js";
import { readQualifiedName, type SqlToken } from "./tokens.js";

/** Words that may sit between the keyword and the table name. */
const NOISE = new Set(["only", "if", "not", "exists", "lateral", "table", "unlogged", "temporary", "temp", "concurrently"]);
/** Words that end the SET clause of an UPDATE. */
const SET_END = new Set(["where", "from", "returning"]);
/** What may follow ADD in ALTER TABLE other than a column. */
const NOT_COLUMNS = new Set(["constraint", "primary", "unique", "foreign", "check", "exclude", "index", "value", "partition"]);
const DDL_STARTS = new Set(["create", "alter", "drop", "comment", "grant", "revoke", "truncate"]);
/** Words that are never a table or column name here (a scan must not report `FROM (SELECT`...). */
const NOT_NAMES = new Set(["select", "values", "set", "where", "default", "null", "true", "false", "and", "or", "as", "on", "using", "returning"]);

export function scanStatement(tokens: readonly SqlToken[], query: number): Fact[] {
  const facts: Fact[] = [];
  const first = tokens[0]?.value ?? "";
  const ddl = DDL_STARTS.has(first);
  const named = new Set<number>(); // token indexes already reported as a table or a written column
  const addTable = (index: number, access: Access) => {
    const name = readNameAfterNoise(tokens, index);
    if (!name) return index;
    const parts = name.parts;
    const last = parts[parts.length - 1]!;
    if (NOT_NAMES.has(last.value) && last.kind === "word") return index;
    parts.forEach((_, k) => named.add(name.first + k * 2));
    facts.push({ kind: "table", name: [last.value], access, span: { start: parts[0]!.start, end: last.end }, query });
    return name.next;
  };
  const addColumn = (token: SqlToken, index: number, access: Access) => {
    named.add(index);
    facts.push({ kind: "column", name: [token.value], access, span: { start: token.start, end: token.end }, query });
  };

  let inSet = false;
  let inWhere = false;
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === "punct") {
      if (token.value === "(") depth++;
      if (token.value === ")") depth = Math.max(0, depth - 1);
      continue;
    }
    if (token.kind !== "word") continue;
    switch (token.value) {
      case "from":
      case "join":
        inSet = false;
        addTable(i + 1, first === "delete" ? "write" : "read");
        break;
      case "update":
        // `ON CONFLICT DO UPDATE SET` and `FOR UPDATE` are not a table.
        if (tokens[i - 1]?.value !== "do" && tokens[i - 1]?.value !== "for") addTable(i + 1, "write");
        break;
      case "into": {
        const after = addTable(i + 1, first === "insert" ? "write" : "read");
        if (first === "insert" && tokens[after]?.value === "(") insertColumns(tokens, after + 1, addColumn);
        break;
      }
      case "table":
        if (ddl || first === "lock") addTable(i + 1, first === "truncate" ? "write" : "schema");
        break;
      case "on":
        if (ddl) addTable(i + 1, "schema");
        break;
      case "set":
        inSet = depth === 0 && (first === "update" || tokens.some((t) => t.value === "update"));
        break;
      case "add": {
        // ADD [COLUMN] [IF NOT EXISTS] col type: COLUMN is optional; ADD CONSTRAINT / PRIMARY KEY... are not columns.
        const at = tokens[i + 1]?.value === "column" ? i + 2 : i + 1;
        const name = first === "alter" && !NOT_COLUMNS.has(tokens[at]?.value ?? "") ? readNameAfterNoise(tokens, at) : undefined;
        if (name) addColumn(name.parts[name.parts.length - 1]!, name.first, "write");
        break;
      }
      case "where":
        inSet = false;
        inWhere = true;
        break;
      default:
        if (SET_END.has(token.value)) inSet = false;
    }
    if (inSet && depth === 0 && tokens[i + 1]?.value === "=" && tokens[i - 1]?.value !== "=") {
      addColumn(token, i, "write");
      continue;
    }
    // Reads: a name in a SELECT or a WHERE clause that is not followed by `(` (a function) or `.` (a qualifier).
    if ((first === "select" || first === "with" || inWhere) && !named.has(i) && !isKeywordLike(token, tokens[i + 1])) {
      addColumn(token, i, "read");
    }
  }
  return facts;
}

function isKeywordLike(token: SqlToken, next: SqlToken | undefined): boolean {
  if (next?.value === "(" || next?.value === ".") return true;
  // Only names that look like columns: the rules care about snake_case column names; SQL keywords have no `_`
  // except a handful (current_timestamp...), which no rule pattern matches.
  return !token.value.includes("_");
}

/** The dotted name at `index`, skipping IF NOT EXISTS / ONLY / ...; `first` is the index of its first part. */
function readNameAfterNoise(tokens: readonly SqlToken[], index: number): { parts: SqlToken[]; next: number; first: number } | undefined {
  let i = index;
  while (tokens[i]?.kind === "word" && NOISE.has(tokens[i]!.value)) i++;
  const name = readQualifiedName(tokens, i);
  return name ? { ...name, first: i } : undefined;
}

/** `(a, b, "C")` after INSERT INTO t: each name is a written column. */
function insertColumns(
  tokens: readonly SqlToken[],
  index: number,
  addColumn: (token: SqlToken, index: number, access: Access) => void,
): void {
  for (let i = index; i < tokens.length && tokens[i]!.value !== ")"; i++) {
    const token = tokens[i]!;
    if (token.kind === "word" || token.kind === "quoted") addColumn(token, i, "write");
    else if (token.value !== ",") return;
  }
}
