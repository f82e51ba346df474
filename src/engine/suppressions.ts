/**
 * Suppression comments, a pass over (document text, findings) that runs after the rules, so the
 * hook and lint honour the same comments:
 *
 *   // integration-guard-ignore-next-line <rule-id>[, <rule-id>...] -- <reason>
 *   /* integration-guard-ignore-next-line <rule-id> -- <reason> *\/
 *   # integration-guard-ignore-next-line <rule-id> -- <reason>        (Python)
 *   -- integration-guard-ignore-next-line <rule-id> -- <reason>       (SQL)
 *
 * Only real comments count (found with a tokenizer, never a regex over the text), and the marker
 * must open the comment, so prose that mentions it does not suppress anything.
 *
 * - `invalid-suppression` (block): no rule id, no reason, or an unknown rule id. An invalid
 *   directive suppresses nothing: a bare "ignore" must not silence the guard.
 * - `unused-suppression` (warn): a valid directive naming a rule with no finding on the next line.
 *   Stale after a fix, harmless, so it only warns.
 */
import type { Document, Finding, Severity, Span } from "../core/types.js";
import { compareText, fingerprintOf } from "./fingerprint.js";
import { LineIndex } from "./positions.js";

const SUPPRESSION_MARKER = "integration-guard-ignore-next-line";

/** Rule metadata of the findings this pass makes (reporters list them beside the real rules). */
export const SUPPRESSION_RULES = [
  {
    id: "invalid-suppression",
    severity: "block" as Severity,
    message: "Invalid integration-guard suppression comment",
    help: `Write: // ${SUPPRESSION_MARKER} <rule-id> -- <reason>. The rule id must be a known rule and the reason must not be empty; an invalid directive suppresses nothing.`,
  },
  {
    id: "unused-suppression",
    severity: "warn" as Severity,
    message: "Unused integration-guard suppression comment",
    help: "The next line has no finding of this rule: remove the comment.",
  },
] as const;

interface Comment {
  span: Span;
  /** The text inside the comment delimiters. */
  body: string;
}

interface Directive {
  span: Span;
  /** 1-based line whose findings the directive suppresses. */
  targetLine: number;
  ruleIds: string[];
  problem?: string;
}

/**
 * Drops the findings a valid directive suppresses and adds invalid/unused-suppression findings.
 * `knownRuleIds`: every rule the caller checks with (not only those for this language).
 */
export async function applySuppressions(doc: Document, findings: Finding[], knownRuleIds: ReadonlySet<string>): Promise<Finding[]> {
  // Cheap exit for almost every document, before the tokenizer is even loaded.
  if (!doc.text.includes(SUPPRESSION_MARKER)) return findings;
  const lines = new LineIndex(doc.text);
  const directives = (await commentsOf(doc))
    .map((c) => parseDirective(c, lines, knownRuleIds))
    .filter((d): d is Directive => d !== undefined);
  if (directives.length === 0) return findings;

  const used = new Set<string>();
  const kept = findings.filter((f) => {
    for (const [i, d] of directives.entries()) {
      if (d.problem === undefined && d.targetLine === f.line && d.ruleIds.includes(f.ruleId)) {
        used.add(`${i}:${f.ruleId}`);
        return false;
      }
    }
    return true;
  });

  const extra: Finding[] = [];
  for (const [i, d] of directives.entries()) {
    if (d.problem !== undefined) {
      extra.push(suppressionFinding(doc, lines, d.span, "invalid-suppression", `${SUPPRESSION_RULES[0].message}: ${d.problem}`));
      continue;
    }
    for (const id of d.ruleIds) {
      if (!used.has(`${i}:${id}`)) {
        extra.push(
          suppressionFinding(doc, lines, d.span, "unused-suppression", `${SUPPRESSION_RULES[1].message}: no ${id} finding on line ${d.targetLine}`),
        );
      }
    }
  }
  return [...kept, ...extra].sort((a, b) => a.span.start - b.span.start || compareText(a.ruleId, b.ruleId));
}

function suppressionFinding(doc: Document, lines: LineIndex, span: Span, ruleId: "invalid-suppression" | "unused-suppression", message: string): Finding {
  const rule = SUPPRESSION_RULES.find((r) => r.id === ruleId)!;
  return {
    ruleId,
    severity: rule.severity,
    message,
    help: rule.help,
    file: doc.path,
    span,
    ...lines.range(span),
    fingerprint: fingerprintOf(ruleId, doc.text.slice(span.start, span.end)),
  };
}

function parseDirective(comment: Comment, lines: LineIndex, known: ReadonlySet<string>): Directive | undefined {
  // Block comments may carry a leading `*` on each line (JSDoc style).
  const body = comment.body.replace(/^[\s*]*/, "");
  if (!body.startsWith(SUPPRESSION_MARKER)) return undefined;
  const rest = body.slice(SUPPRESSION_MARKER.length);
  if (rest.length > 0 && !/^\s/.test(rest)) return undefined; // another word that starts with the marker
  const separator = /(?:^|\s)--(?:\s|$)/.exec(rest);
  const idsText = separator ? rest.slice(0, separator.index) : rest;
  const reason = separator ? rest.slice(separator.index + separator[0].length).trim() : "";
  const ruleIds = idsText.split(/[\s,]+/).filter((s) => s.length > 0);
  const targetLine = lines.position(comment.span.end).line + 1;
  const unknown = ruleIds.filter((id) => !known.has(id));
  const problem =
    ruleIds.length === 0
      ? "no rule id"
      : unknown.length > 0
        ? `unknown rule id ${unknown.map((u) => `"${u}"`).join(", ")}`
        : reason.length === 0
          ? `no reason (add " -- <why this is fine>")`
          : undefined;
  return { span: comment.span, targetLine, ruleIds, ...(problem === undefined ? {} : { problem }) };
}

/** The comments of a document, by language. */
async function commentsOf(doc: Document): Promise<Comment[]> {
  switch (doc.language) {
    case "typescript":
    case "javascript":
      // Loaded on demand: compiling js-tokens' regexes costs ~10 ms, which the hook must not pay per edit.
      return jsComments((await import("js-tokens")).default, doc.text, /x$/i.test(doc.path));
    case "python":
      return scanComments(doc.text, PYTHON);
    case "sql":
      return scanComments(doc.text, SQL);
  }
}

function jsComments(jsTokens: typeof import("js-tokens").default, text: string, jsx: boolean): Comment[] {
  const comments: Comment[] = [];
  let offset = 0;
  for (const token of jsTokens(text, { jsx })) {
    const start = offset;
    offset += token.value.length;
    if (token.type === "SingleLineComment") comments.push({ span: { start, end: offset }, body: token.value.slice(2) });
    else if (token.type === "MultiLineComment") {
      comments.push({ span: { start, end: offset }, body: token.value.slice(2, token.value.endsWith("*/") ? -2 : undefined) });
    }
  }
  return comments;
}

/** A small lexer for languages js-tokens does not read: strings are skipped so their text is never a comment. */
interface LexSpec {
  line: string;
  block?: [string, string];
  /** Quote characters; a quote written three times opens a triple-quoted string (Python). */
  quotes: string[];
  triple: boolean;
  backslashEscapes: boolean;
  /** PostgreSQL $tag$...$tag$ strings. */
  dollarQuotes: boolean;
}

const PYTHON: LexSpec = { line: "#", quotes: ['"', "'"], triple: true, backslashEscapes: true, dollarQuotes: false };
const SQL: LexSpec = { line: "--", block: ["/*", "*/"], quotes: ["'", '"', "`"], triple: false, backslashEscapes: false, dollarQuotes: true };

function scanComments(text: string, spec: LexSpec): Comment[] {
  const comments: Comment[] = [];
  let i = 0;
  while (i < text.length) {
    if (text.startsWith(spec.line, i)) {
      const newline = text.indexOf("\n", i);
      const end = newline < 0 ? text.length : text[newline - 1] === "\r" ? newline - 1 : newline;
      comments.push({ span: { start: i, end }, body: text.slice(i + spec.line.length, end) });
      i = end;
    } else if (spec.block && text.startsWith(spec.block[0], i)) {
      const close = text.indexOf(spec.block[1], i + spec.block[0].length);
      const end = close < 0 ? text.length : close + spec.block[1].length;
      comments.push({ span: { start: i, end }, body: text.slice(i + spec.block[0].length, close < 0 ? end : close) });
      i = end;
    } else if (spec.quotes.includes(text[i]!)) {
      i = skipString(text, i, spec);
    } else if (spec.dollarQuotes && text[i] === "$") {
      const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i, i + 64));
      if (tag && !/[A-Za-z0-9_]/.test(text[i - 1] ?? "")) {
        const close = text.indexOf(tag[0], i + tag[0].length);
        i = close < 0 ? text.length : close + tag[0].length;
      } else i++;
    } else i++;
  }
  return comments;
}

/** Index just past the string that starts at `start`. */
function skipString(text: string, start: number, spec: LexSpec): number {
  const quote = text[start]!;
  const triple = spec.triple && text.startsWith(quote.repeat(3), start);
  const closing = triple ? quote.repeat(3) : quote;
  let i = start + closing.length;
  while (i < text.length) {
    if (spec.backslashEscapes && text[i] === "\\") i += 2;
    else if (text.startsWith(closing, i)) return i + closing.length;
    // A one-line string left open ends at the line end (error recovery, as Python's tokenizer does).
    else if (!triple && spec.backslashEscapes && text[i] === "\n") return i;
    else i++;
  }
  return text.length;
}
