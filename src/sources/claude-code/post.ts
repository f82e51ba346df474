/**
 * Claude Code PostToolUse: the backstop after the call ran. The file on disk is now the "after";
 * the "before" is rebuilt where the call allows it:
 *   - tool_response.originalFile (Edit/MultiEdit/Write results carry it) when present;
 *   - Edit / MultiEdit: the edits undone on the current file (new_string back to old_string);
 *   - otherwise "" — every finding in the text the call wrote counts (Write of a whole file,
 *     a notebook cell, what a Bash command wrote; an Edit whose new_string is gone since: its fragments).
 */
import { languageOfPath } from "../../languages/registry.js";
import type { SourceContext, SourceResult } from "../agent.js";
import { shellWrites } from "../shell/index.js";
import { type TextEdit, applyEdits } from "./edits.js";
import { absolutePath, displayPath, readTargetFile, unjudgeableText } from "./files.js";
import { codeText, NotebookFormatError, readNotebook } from "./notebook.js";
import { BashInput, describeIssues, EditInput, type HookPayload, MultiEditInput, NotebookEditInput, WriteInput } from "./payload.js";

export async function claudeCodePostWrites(payload: HookPayload, context: SourceContext): Promise<SourceResult> {
  const originalFile = originalOf(payload);
  switch (payload.tool_name) {
    case "Write": {
      const input = WriteInput.safeParse(payload.tool_input);
      if (!input.success) return { skip: `Write input is malformed (${describeIssues(input.error)})` };
      return writtenFile(input.data.file_path, context, () => originalFile ?? "");
    }
    case "Edit":
    case "MultiEdit": {
      const parsed = payload.tool_name === "Edit" ? EditInput.safeParse(payload.tool_input) : MultiEditInput.safeParse(payload.tool_input);
      if (!parsed.success) return { skip: `${payload.tool_name} input is malformed (${describeIssues(parsed.error)})` };
      const data = parsed.data as { file_path: string; edits?: TextEdit[] } & Partial<TextEdit>;
      const edits: readonly TextEdit[] = data.edits ?? [data as TextEdit];
      const fragments = { before: edits.map((e) => e.old_string).join("\n"), after: edits.map((e) => e.new_string).join("\n") };
      return writtenFile(data.file_path, context, (now) => originalFile ?? undoEdits(now, edits), fragments);
    }
    case "NotebookEdit": {
      const input = NotebookEditInput.safeParse(payload.tool_input);
      if (!input.success) return { skip: `NotebookEdit input is malformed (${describeIssues(input.error)})` };
      return notebookNow(input.data.notebook_path, input.data.new_source ?? "", context);
    }
    case "Bash": {
      const input = BashInput.safeParse(payload.tool_input);
      if (!input.success) return { skip: `Bash input is malformed (${describeIssues(input.error)})` };
      return shellWrites(input.data.command, context, { ran: true });
    }
    default:
      return { skip: `tool ${JSON.stringify(payload.tool_name).slice(0, 80)} is not a file edit this hook checks` };
  }
}

function originalOf(payload: HookPayload): string | undefined {
  const response = (payload as { tool_response?: unknown }).tool_response;
  const original = response && typeof response === "object" ? (response as { originalFile?: unknown }).originalFile : undefined;
  return typeof original === "string" ? original : undefined;
}

/** The edits undone, last first (each new_string back to its old_string); undefined when one is gone. */
function undoEdits(now: string, edits: readonly TextEdit[]): string | undefined {
  const reversed = [...edits].reverse().map((e) => ({ old_string: e.new_string, new_string: e.old_string, replace_all: e.replace_all }));
  if (reversed.some((e) => e.old_string === "")) return undefined;
  return applyEdits(now, reversed);
}

/**
 * The file on disk against its rebuilt "before"; when that cannot be rebuilt (the file changed
 * since), only the lines the call wrote are judged (`fragments`).
 */
function writtenFile(
  path: string,
  context: SourceContext,
  before: (now: string) => string | undefined,
  fragments?: { before: string; after: string },
): SourceResult {
  const language = languageOfPath(path);
  if (!language) return { skip: `${path}: not a code file this hook checks` };
  const absolute = absolutePath(path, context.cwd);
  const file = readTargetFile(absolute);
  if (file.kind === "missing") return { skip: `${path}: not on disk after the call` };
  if (file.kind === "unreadable") return { skip: `${path}: cannot be read (${file.reason})` };
  const odd = unjudgeableText(file.text);
  if (odd) return { skip: `${path}: ${odd}` };
  const shown = displayPath(absolute, context.projectDir);
  const rebuilt = before(file.text);
  if (rebuilt !== undefined) return { writes: [{ displayPath: shown, language, before: rebuilt, after: file.text }], notes: [] };
  const note = "the file changed since the call: checked the text the call wrote";
  return { writes: [{ displayPath: shown, language, before: fragments?.before ?? "", after: fragments?.after ?? file.text, note }], notes: [] };
}

/** The notebook's code now; "before" is the same code without the cell the call wrote. */
function notebookNow(path: string, newSource: string, context: SourceContext): SourceResult {
  const absolute = absolutePath(path, context.cwd);
  const shown = displayPath(absolute, context.projectDir);
  const file = readTargetFile(absolute);
  if (file.kind !== "text") return { skip: `${shown}: ${file.kind === "missing" ? "not on disk after the call" : `cannot be read (${file.reason})`}` };
  try {
    const { cells, language } = readNotebook(file.text);
    if (!language) return { skip: `${shown}: notebook language is not one this hook checks` };
    const after = codeText(cells, language);
    const written = cells.findIndex((c) => c.source === newSource);
    const before = codeText(cells.filter((_, i) => i !== written), language);
    return { writes: [{ displayPath: shown, language, before: before.text, after: after.text, describeLine: after.describeLine }], notes: [] };
  } catch (error) {
    if (!(error instanceof NotebookFormatError)) throw error;
    return { skip: `${shown}: ${error.message}` };
  }
}
