/**
 * The hook's fast path: decide "nothing to check" before loading zod, parsers or the engine.
 *
 * Most edits never mention anything a rule cares about. For the Claude Code file tools, the file
 * after the call is made of the file on disk and the strings of the call, so when none of them
 * holds a rule's needle (rules/compile.ts: mayMatch) no finding is possible and the hook can stay
 * silent. This is a pre-check only: it never denies, and anything it does not recognise goes
 * down the full path (validation, rebuild, parse).
 */
import { readFileSync, statSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { MAX_DOCUMENT_BYTES } from "../core/limits.js";
import { importsMayMatter } from "../languages/imports.js";
import { languageOfPath } from "../languages/registry.js";
import { mayMatch, type RuleNeedles } from "../rules/compile.js";
import { decodeUtf16WithBom } from "../sources/files/decode.js";
import { mayWriteOrRunSql } from "../sources/shell/precheck.js";
import { loadBuiltinNeedles } from "../rules/builtin.js";
import { payloadNeedles } from "./project-needles.js";
import { isReadOnlyCommand, isReadOnlyMcpTool } from "./read-only-call.js";

/** The string fields each file tool must have for the fast path to speak for it. */
const FILE_TOOLS: ReadonlyMap<string, (input: Record<string, unknown>) => boolean> = new Map([
  ["Write", (i) => typeof i.file_path === "string" && typeof i.content === "string"],
  ["Edit", (i) => typeof i.file_path === "string" && typeof i.old_string === "string" && typeof i.new_string === "string"],
  ["MultiEdit", (i) => typeof i.file_path === "string" && Array.isArray(i.edits) && i.edits.every(isTextEdit)],
  ["NotebookEdit", (i) => typeof i.notebook_path === "string" && (typeof i.new_source === "string" || i.edit_mode === "delete")],
]);

/**
 * The fast path for a raw payload (the hook process's stdin, or the fast client's through the
 * daemon): true when it surely holds nothing to check. The project's own rules count too
 * (project-needles.ts); unknown words, malformed JSON or missing rules: false, the full path decides.
 */
export function payloadNeedsNoCheck(raw: string, env: NodeJS.ProcessEnv, cwd: string): boolean {
  try {
    const payload: unknown = JSON.parse(raw);
    const needles = payloadNeedles(payload, loadBuiltinNeedles(), env, cwd);
    return needles !== null && nothingToCheck(payload, needles);
  } catch {
    return false;
  }
}

export function nothingToCheck(payload: unknown, rules: readonly RuleNeedles[]): boolean {
  if (!isRecord(payload) || !isRecord(payload.tool_input)) return false;
  const { tool_name: tool, hook_event_name: event, tool_input: input, cwd } = payload;
  // After the call: a command or MCP tool that only reads changed nothing (read-only-call.ts).
  if (event === "PostToolUse" || event === "AfterTool") {
    if ((tool === "Bash" || tool === "run_shell_command") && typeof input.command === "string" && isReadOnlyCommand(input.command)) return true;
    if (typeof tool === "string" && isReadOnlyMcpTool(tool)) return true;
  }
  // Shell commands (Claude Code / Codex Bash, Gemini run_shell_command): most only read; the shell
  // source's own text pre-check rules them out before the shell parser loads.
  if ((tool === "Bash" || tool === "run_shell_command") && typeof input.command === "string") {
    return (event === "PreToolUse" || event === "BeforeTool") && !mayWriteOrRunSql(input.command, rules);
  }
  const wellFormed = typeof tool === "string" ? FILE_TOOLS.get(tool) : undefined;
  if (!wellFormed?.(input)) return false;
  if (event !== undefined && event !== "PreToolUse") return false;

  const texts: string[] = [];
  collectStrings(input, texts);
  const path = (input.file_path ?? input.notebook_path) as string;
  const onDisk = readIfSmall(isAbsolute(path) || typeof cwd !== "string" ? path : resolve(cwd, path));
  if (onDisk === null) return false;
  texts.push(onDisk);
  // Binary content is the full path's to report.
  if (texts.some((text) => text.includes("\u0000") || mayMatch(text, rules))) return false;
  // A TS/JS or Python file may name a table through a constant it imports: read the imported
  // modules' texts (only when the file has a query sink; languages/imports.ts).
  const absolute = isAbsolute(path) || typeof cwd !== "string" ? path : resolve(cwd, path);
  const language = languageOfPath(absolute);
  return language === undefined || !importsMayMatter(language, absolute, texts.join("\n"), (text) => mayMatch(text, rules));
}

function isTextEdit(edit: unknown): boolean {
  return isRecord(edit) && typeof edit.old_string === "string" && typeof edit.new_string === "string";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function collectStrings(value: unknown, into: string[]): void {
  if (typeof value === "string") into.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, into);
  else if (isRecord(value)) for (const item of Object.values(value)) collectStrings(item, into);
}

/** The file's text, "" when it does not exist, null when it cannot be judged here. */
function readIfSmall(path: string): string | null {
  try {
    // Too big to judge: the full path reports it.
    if (statSync(path).size > MAX_DOCUMENT_BYTES) return null;
    // Needles are ASCII: latin1 is the cheapest faithful decoding, except for UTF-16 (NUL bytes).
    const bytes = readFileSync(path);
    return decodeUtf16WithBom(bytes) ?? bytes.toString("latin1");
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? "" : null;
  }
}
