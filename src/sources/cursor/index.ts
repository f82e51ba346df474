/**
 * Cursor hooks: `preToolUse` {tool_name, tool_input} and `beforeShellExecution` {command, cwd}.
 * Cursor's tool names and field names have changed between releases, so this adapter is tolerant:
 * write-like, edit-like and shell-like tools are recognised by several names and fields, mapped to
 * Claude Code's Write / Edit / MultiEdit (rebuilt by the same code) or to the shell extractor.
 * `edit_file`'s `code_edit` (a sketch with "... existing code ..." markers) cannot be applied: it
 * is judged as a fragment against the file on disk.
 */
import type { SourceContext, SourceResult } from "../agent.js";
import { asResult } from "../agent.js";
import { absolutePath, displayPath, readTargetFile, unjudgeableText } from "../claude-code/files.js";
import { proposedWrites } from "../claude-code/index.js";
import { languageOfPath } from "../../languages/registry.js";
import { shellWrites } from "../shell/index.js";

const SHELL = /^(shell|bash|terminal|run_terminal_cmd|run_terminal_command)$/i;
const WRITE = /^(write|write_file|create_file|createfile)$/i;
const EDIT = /^(edit|strreplace|str_replace|search_replace|replace|edit_file)$/i;
const MULTI_EDIT = /^multi_?edit$/i;

type Input = Record<string, unknown>;

export async function cursorWrites(payload: Input, context: SourceContext): Promise<SourceResult> {
  const tool = typeof payload.tool_name === "string" ? payload.tool_name : undefined;
  const input = toolInput(payload.tool_input);
  if (tool === undefined) {
    // beforeShellExecution: the command is at the top level.
    if (typeof payload.command === "string") return shellWrites(payload.command, context);
    return { skip: "the payload names no tool and no command" };
  }
  const path = firstString(input, "file_path", "path", "target_file", "filePath", "file");
  if (SHELL.test(tool)) {
    const command = firstString(input, "command", "cmd");
    return command === undefined ? { skip: `${tool} input has no command` } : shellWrites(command, context);
  }
  if (path === undefined) return { skip: `tool ${JSON.stringify(tool).slice(0, 80)} is not a file edit this hook checks` };
  const content = firstString(input, "content", "contents", "file_text", "text");
  const oldString = firstString(input, "old_string", "old_str", "oldString");
  const newString = firstString(input, "new_string", "new_str", "newString");
  if (WRITE.test(tool) && content !== undefined) {
    return asResult(proposedWrites({ tool_name: "Write", tool_input: { file_path: path, content } }, context));
  }
  if (EDIT.test(tool) && oldString !== undefined && newString !== undefined) {
    const replaceAll = input.replace_all === true || input.replaceAll === true;
    return asResult(proposedWrites({ tool_name: "Edit", tool_input: { file_path: path, old_string: oldString, new_string: newString, replace_all: replaceAll } }, context));
  }
  if (MULTI_EDIT.test(tool) && Array.isArray(input.edits)) {
    return asResult(proposedWrites({ tool_name: "MultiEdit", tool_input: { file_path: path, edits: input.edits } }, context));
  }
  const sketch = firstString(input, "code_edit") ?? (WRITE.test(tool) || EDIT.test(tool) ? content : undefined);
  if (sketch !== undefined) return sketchWrite(path, sketch, context);
  return { skip: `tool ${JSON.stringify(tool).slice(0, 80)} input has no content this hook reads` };
}

/** Cursor may send tool_input as a JSON string. */
function toolInput(raw: unknown): Input {
  if (typeof raw === "string") {
    try {
      const parsed: unknown = JSON.parse(raw);
      return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Input) : {};
    } catch {
      return {};
    }
  }
  return raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Input) : {};
}

function firstString(input: Input, ...keys: string[]): string | undefined {
  for (const key of keys) if (typeof input[key] === "string") return input[key] as string;
  return undefined;
}

/** A sketch of the edit: what it shows that the file does not already hold counts as introduced. */
function sketchWrite(path: string, sketch: string, context: SourceContext): SourceResult {
  const language = languageOfPath(path);
  if (!language) return { skip: `${path}: not a code file this hook checks` };
  const absolute = absolutePath(path, context.cwd);
  const file = readTargetFile(absolute);
  if (file.kind === "unreadable") return { skip: `${path}: cannot be read (${file.reason})` };
  // Like every other source's proposed text: binary or oversized content is not parsed.
  const odd = unjudgeableText(sketch);
  if (odd) return { skip: `${path}: ${odd}` };
  const shown = displayPath(absolute, context.projectDir);
  return {
    writes: [{ displayPath: shown, language, before: file.kind === "text" ? file.text : "", after: sketch, note: "an edit sketch: checked its text against the file on disk" }],
    notes: [],
  };
}
