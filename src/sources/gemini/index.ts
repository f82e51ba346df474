/**
 * Gemini CLI BeforeTool: write_file {file_path, content} and replace {file_path, old_string,
 * new_string, allow_multiple? (0.61), expected_replacements? (older)} are Claude Code's Write and Edit under other names, so they
 * are rebuilt by the same code; run_shell_command {command, dir_path?} goes through the shell
 * extractor. Anything else is a Skip.
 */
import type { SourceContext, SourceResult } from "../agent.js";
import { asResult } from "../agent.js";
import { absolutePath } from "../claude-code/files.js";
import { proposedWrites } from "../claude-code/index.js";
import type { HookPayload } from "../claude-code/payload.js";
import { shellWrites } from "../shell/index.js";

export async function geminiWrites(payload: HookPayload, context: SourceContext): Promise<SourceResult> {
  const input = (payload.tool_input ?? {}) as Record<string, unknown>;
  switch (payload.tool_name) {
    case "write_file":
      return asResult(proposedWrites({ ...payload, tool_name: "Write", tool_input: input }, context));
    case "replace":
    case "edit": {
      // Gemini replaces every occurrence when allowed to (0.61's allow_multiple), or when told to
      // expect more than one (older versions' expected_replacements: all of them, or none).
      const replaceAll = input.allow_multiple === true || (typeof input.expected_replacements === "number" && input.expected_replacements > 1);
      return asResult(proposedWrites({ ...payload, tool_name: "Edit", tool_input: { ...input, replace_all: replaceAll } }, context));
    }
    case "run_shell_command": {
      if (typeof input.command !== "string") return { skip: "run_shell_command input has no command" };
      const dir = [input.dir_path, input.directory].find((d): d is string => typeof d === "string" && d !== "");
      return shellWrites(input.command, dir ? { ...context, cwd: absolutePath(dir, context.cwd) } : context);
    }
    default:
      return { skip: `tool ${JSON.stringify(payload.tool_name).slice(0, 80)} is not a file edit this hook checks` };
  }
}
