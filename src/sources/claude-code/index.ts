/**
 * Claude Code PreToolUse: payload -> the files the call would write, before and after.
 * Write, Edit, MultiEdit and NotebookEdit are rebuilt from disk plus the call; Bash goes through
 * the shell extractor (src/sources/shell); anything else is a Skip with a one-line reason.
 */
import type { LanguageId } from "../../core/types.js";
import type { ProposedWrite, Skip } from "../../core/hook-types.js";
import { languageOfPath } from "../../languages/registry.js";
import { applyEdits, type TextEdit } from "./edits.js";
import { absolutePath, displayPath, readTargetFile, unjudgeableText } from "./files.js";
import { applyNotebookEdit, codeText, NotebookFormatError, readNotebook } from "./notebook.js";
import { asResult, type SourceContext, type SourceResult } from "../agent.js";
import { shellWrites } from "../shell/index.js";
import { BashInput, describeIssues, EditInput, type HookPayload, MultiEditInput, NotebookEditInput, WriteInput } from "./payload.js";

export interface Context {
  /** Where relative paths start (payload cwd, else the process cwd). */
  cwd: string;
  /** Paths are shown relative to this ($CLAUDE_PROJECT_DIR, else cwd). */
  projectDir: string;
}

/** Every tool this source judges: the file tools, and Bash (the files a command writes, the SQL it runs). */
export async function claudeCodeWrites(payload: HookPayload, context: SourceContext): Promise<SourceResult> {
  if (payload.tool_name !== "Bash") return asResult(proposedWrites(payload, context));
  const input = BashInput.safeParse(payload.tool_input);
  if (!input.success) return { skip: `Bash input is malformed (${describeIssues(input.error)})` };
  return shellWrites(input.data.command, context);
}

export function proposedWrites(payload: HookPayload, context: Context): ProposedWrite[] | Skip {
  switch (payload.tool_name) {
    case "Write": {
      const input = WriteInput.safeParse(payload.tool_input);
      if (!input.success) return { skip: `Write input is malformed (${describeIssues(input.error)})` };
      return fileWrite(input.data.file_path, context, (current) => ({ before: current ?? "", after: input.data.content }));
    }
    case "Edit": {
      const input = EditInput.safeParse(payload.tool_input);
      if (!input.success) return { skip: `Edit input is malformed (${describeIssues(input.error)})` };
      return editedFile(input.data.file_path, [input.data], context);
    }
    case "MultiEdit": {
      const input = MultiEditInput.safeParse(payload.tool_input);
      if (!input.success) return { skip: `MultiEdit input is malformed (${describeIssues(input.error)})` };
      return editedFile(input.data.file_path, input.data.edits, context);
    }
    case "NotebookEdit": {
      const input = NotebookEditInput.safeParse(payload.tool_input);
      if (!input.success) return { skip: `NotebookEdit input is malformed (${describeIssues(input.error)})` };
      return notebookWrite(input.data, context);
    }
    default:
      return { skip: `tool ${JSON.stringify(payload.tool_name).slice(0, 80)} is not a file edit this hook checks` };
  }
}

/**
 * Edit/MultiEdit: the file rebuilt with the edits; when the file is missing or an old_string is not
 * found, the fragments alone (old strings as "before", new strings as "after").
 */
function editedFile(path: string, edits: readonly TextEdit[], context: Context): ProposedWrite[] | Skip {
  return fileWrite(path, context, (current) => {
    const rebuilt = current === undefined ? undefined : applyEdits(current, edits);
    if (current !== undefined && rebuilt !== undefined) return { before: current, after: rebuilt };
    return {
      before: edits.map((e) => e.old_string).join("\n"),
      after: edits.map((e) => e.new_string).join("\n"),
      note: current === undefined ? "the file does not exist: checked the new text alone" : "old_string not found: checked the new text alone",
    };
  });
}

interface Rebuilt {
  before: string;
  after: string;
  note?: string;
}

function fileWrite(path: string, context: Context, rebuild: (current: string | undefined) => Rebuilt): ProposedWrite[] | Skip {
  const language = languageOfPath(path);
  if (!language) return { skip: `${path}: not a code file this hook checks` };
  const absolute = absolutePath(path, context.cwd);
  const file = readTargetFile(absolute);
  if (file.kind === "unreadable") return { skip: `${path}: cannot be read (${file.reason})` };
  const { before, after, note } = rebuild(file.kind === "text" ? file.text : undefined);
  const tooOdd = unjudgeableText(after);
  if (tooOdd) return { skip: `${path}: ${tooOdd}` };
  const write: ProposedWrite = { displayPath: displayPath(absolute, context.projectDir), language, before, after };
  if (note) write.note = note;
  return [write];
}

function notebookWrite(input: NotebookEditInput, context: Context): ProposedWrite[] | Skip {
  const absolute = absolutePath(input.notebook_path, context.cwd);
  const shown = displayPath(absolute, context.projectDir);
  if (input.cell_type === "markdown") return { skip: `${shown}: markdown cell, never blocked` };
  const file = readTargetFile(absolute);
  if (file.kind === "unreadable") return { skip: `${shown}: cannot be read (${file.reason})` };
  let cells: ReturnType<typeof readNotebook>["cells"] = [];
  let language: LanguageId | undefined = "python";
  if (file.kind === "text") {
    try {
      ({ cells, language } = readNotebook(file.text));
    } catch (error) {
      if (!(error instanceof NotebookFormatError)) throw error;
      return { skip: `${shown}: ${error.message}` };
    }
  }
  if (!language) return { skip: `${shown}: notebook language is not one this hook checks` };
  const edited = applyNotebookEdit(cells, input);
  const before = codeText(cells, language);
  // A missing notebook or an unknown cell: judge the new source alone.
  const after = edited ? codeText(edited, language) : codeText([{ cell_type: "code", source: input.new_source ?? "" }], language);
  const tooOdd = unjudgeableText(after.text);
  if (tooOdd) return { skip: `${shown}: ${tooOdd}` };
  return [{ displayPath: shown, language, before: edited ? before.text : "", after: after.text, describeLine: after.describeLine }];
}
type NotebookEditInput = import("zod/mini").infer<typeof NotebookEditInput>;
