/**
 * `explain FILE:LINE[:COL]` output: for each finding on the line, the rule, the matcher (its kind,
 * its data, the patterns that matched), the fact (what the adapter saw: values, callee, clients,
 * access) and the `via` chain of aliases and constants, each step at file:line:col.
 *
 *   src/admin/list.ts:5:24  block  no-cloud-provider-integrations-table
 *     message  ❌ BLOCKED: Don't use cloud_provider_integrations table. ...
 *     code     "cloud_provider_integrations"
 *     matcher  #1 table  tables: [cloud_provider_integrations]  access: any
 *     matched  tables: cloud_provider_integrations
 *     fact     table  name: "cloud_provider_integrations"  access: read  clients: createServiceRoleClient
 *     via      src/admin/list.ts:2:7  const T = "cloud_provider_integrations"
 *
 * With --json the same as data (the fact as the adapter made it, plus 1-based positions).
 */
import { type DocumentNote, type Fact, type FoldedValue, NAME_HOLE, KEY_ORIGIN, type ResolvedName, type Span } from "../core/types.js";
import type { ExplainedFinding } from "../engine/explain.js";
import { LineIndex } from "../engine/positions.js";
import { paint } from "./text.js";

export interface ExplainReport {
  file: string;
  text: string;
  line: number;
  column?: number;
  /** The findings at the asked position (suppressed ones included, marked). */
  findings: ExplainedFinding[];
  /** When none: the closest findings elsewhere in the file. */
  nearest: ExplainedFinding[];
  notes: DocumentNote[];
  /** Rules that were loaded, and the problems of rule files that were not. */
  rules: number;
  problems: string[];
}

export function explainJson(report: ExplainReport): string {
  const lines = new LineIndex(report.text);
  const at = (span: Span) => ({ span, ...lines.range(span) });
  const finding = (e: ExplainedFinding) => ({
    ruleId: e.finding.ruleId,
    severity: e.finding.severity,
    message: e.finding.message,
    line: e.finding.line,
    column: e.finding.column,
    endLine: e.finding.endLine,
    endColumn: e.finding.endColumn,
    code: report.text.slice(e.finding.span.start, e.finding.span.end),
    suppressed: e.suppressed,
    matcher: e.matcher ? { kind: e.matcher.definition.kind, ...e.matcher } : null,
    fact: e.fact ? { ...e.fact, ...at(e.fact.span), via: (e.fact.via ?? []).map((step) => ({ note: step.note, ...at(step.span) })) } : null,
  });
  return `${JSON.stringify(
    {
      file: report.file,
      line: report.line,
      column: report.column ?? null,
      findings: report.findings.map(finding),
      nearest: report.nearest.map((e) => ({ ruleId: e.finding.ruleId, severity: e.finding.severity, line: e.finding.line, column: e.finding.column })),
      notes: report.notes.map((n) => n.message),
      rules: report.rules,
      problems: report.problems,
    },
    null,
    2,
  )}\n`;
}

export function explainText(report: ExplainReport, color: boolean): string {
  const p = paint(color);
  const lines = new LineIndex(report.text);
  const where = (span: Span) => {
    const { line, column } = lines.position(span.start);
    return `${report.file}:${line}:${column}`;
  };
  const out: string[] = [];
  const asked = `${report.file}:${report.line}${report.column === undefined ? "" : `:${report.column}`}`;
  if (report.findings.length === 0) {
    out.push(`${asked}: no finding on this line${report.rules === 0 ? " (no rules loaded)" : ""}`);
    if (report.nearest.length > 0) {
      out.push("nearest findings:");
      for (const e of report.nearest) out.push(`  ${report.file}:${e.finding.line}:${e.finding.column}  ${e.finding.ruleId}`);
    }
    return `${out.join("\n")}\n`;
  }
  for (const e of report.findings) {
    const f = e.finding;
    const severity = f.severity === "block" ? p.red("block") : p.yellow("warn");
    out.push(`${p.bold(`${report.file}:${f.line}:${f.column}`)}  ${severity}  ${f.ruleId}${e.suppressed ? p.dim("  (suppressed by a comment: not reported)") : ""}`);
    out.push(`  message  ${f.message}`);
    out.push(`  code     ${oneLine(report.text.slice(f.span.start, f.span.end))}`);
    if (!e.matcher || !e.fact) {
      out.push(`  matcher  none: a finding of the suppression comment itself`, "");
      continue;
    }
    const { kind, ...data } = e.matcher.definition;
    out.push(`  matcher  #${e.matcher.index + 1} ${kind}  ${fields(data)}`);
    const matched = Object.entries(e.matcher.matched);
    if (matched.length > 0) out.push(`  matched  ${matched.map(([field, patterns]) => `${field}: ${patterns.join(", ")}`).join("  ")}`);
    out.push(`  fact     ${describeFact(e.fact)}`);
    const via = e.fact.via ?? [];
    if (via.length === 0) out.push(`  via      ${p.dim("(no steps: the value is written here, or the adapter records none for this fact)")}`);
    via.forEach((step, i) => out.push(`  ${i === 0 ? "via     " : "        "} ${where(step.span)}  ${step.note}`));
    out.push("");
  }
  return `${out.join("\n")}`;
}

/** One line: the fact's kind and what the adapter found, values folded. */
function describeFact(fact: Fact): string {
  const parts: string[] = [fact.kind];
  switch (fact.kind) {
    case "table":
    case "column":
      parts.push(`name: ${names(fact.name)}`, `access: ${fact.access}`);
      if (fact.query !== undefined) parts.push(`query: #${fact.query}`);
      if (fact.clients?.length) parts.push(`clients: ${fact.clients.map(origin).join(", ")}`);
      break;
    case "function-definition":
    case "function-call":
      parts.push(`name: ${fact.name}`);
      break;
    case "import":
      parts.push(`module: ${names(fact.module)}`, `names: ${fact.names.join(", ")}`);
      if (fact.resolved) parts.push(`resolved: ${fact.resolved}`);
      break;
    case "call":
      parts.push(`callee: ${fact.callee.join(" | ")}`);
      if (fact.new) parts.push("new");
      fact.args.forEach((arg, i) => parts.push(`arg ${i}: ${folded(arg)}`));
      for (const [name, arg] of Object.entries(fact.keywords ?? {})) parts.push(`${name}=: ${folded(arg)}`);
      break;
    case "member":
      parts.push(`path: ${fact.path.map(hole).join(" | ")}`);
      break;
    case "jsx-attribute":
      parts.push(`<${fact.element} ${fact.name}>`, `value: ${folded(fact.value)}`);
      break;
    case "string":
      parts.push(`value: ${names(fact.value)}`, `role: ${fact.role}`);
      break;
    case "pattern":
      parts.push(`template: ${fact.pattern}`);
      for (const [name, capture] of Object.entries(fact.captures)) parts.push(`$${name}: ${oneLine(capture.text)} -> ${folded(capture.value)}`);
      break;
  }
  return parts.join("  ");
}

function folded(value: FoldedValue): string {
  const parts: string[] = [];
  if (value.value.length > 0) parts.push(names(value.value));
  if (value.paths?.length) parts.push(`paths ${value.paths.join(" | ")}`);
  if (value.calls?.length) parts.push(`from ${value.calls.map((c) => `${c}()`).join(" | ")}`);
  for (const [key, names_] of Object.entries(value.keys ?? {})) parts.push(`{${key}: ${names(names_)}}`);
  return parts.length > 0 ? parts.join(" ") : "(unknown)";
}

/** Candidates, quoted, a part that could not be resolved shown as ${?}. */
function names(candidates: ResolvedName): string {
  return candidates.length === 0 ? "(unknown)" : candidates.map((c) => JSON.stringify(c).replaceAll("\\u0000", "${?}")).join(" | ");
}

function hole(path: string): string {
  return path.replaceAll(NAME_HOLE, "?");
}

function origin(o: string): string {
  return o.startsWith(KEY_ORIGIN) ? `key ${o.slice(KEY_ORIGIN.length)}` : o;
}

function fields(data: Record<string, unknown>): string {
  return Object.entries(data)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}: ${Array.isArray(value) && value.every((v) => typeof v === "string") ? `[${value.join(", ")}]` : typeof value === "object" ? JSON.stringify(value) : String(value)}`)
    .join("  ");
}

function oneLine(text: string): string {
  const line = text.replace(/\s*\n\s*/g, " ");
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}
