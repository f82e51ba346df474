/**
 * OpenAI Codex CLI PreToolUse (Claude Code's field names): `apply_patch` carries the raw patch in
 * tool_input.command; each patched file is rebuilt from disk plus its hunks. `Bash` goes through
 * the shell extractor. Anything else is a Skip.
 */
import type { ProposedWrite } from "../../core/hook-types.js";
import { languageOfPath } from "../../languages/registry.js";
import type { SourceContext, SourceResult } from "../agent.js";
import { absolutePath, displayPath, readTargetFile, unjudgeableText } from "../claude-code/files.js";
import type { HookPayload } from "../claude-code/payload.js";
import { shellWrites } from "../shell/index.js";
import { applyHunks, type PatchOperation, PatchFormatError, parsePatch } from "./patch.js";

export async function codexWrites(payload: HookPayload, context: SourceContext): Promise<SourceResult> {
  const input = (payload.tool_input ?? {}) as Record<string, unknown>;
  if (payload.tool_name === "apply_patch") {
    const patch = [input.command, input.patch, input.input].find((v): v is string => typeof v === "string");
    if (patch === undefined) return { skip: "apply_patch input has no patch text (tool_input.command)" };
    return patchWrites(patch, context);
  }
  if (payload.tool_name === "Bash" || payload.tool_name === "shell" || payload.tool_name === "exec_command") {
    const argv = input.command ?? input.cmd;
    // `["apply_patch", "<patch>"]`: the argv form Codex also applies as a patch.
    if (Array.isArray(argv) && argv.length === 2 && PATCH_COMMAND.test(String(argv[0])) && typeof argv[1] === "string") return patchWrites(argv[1], context);
    const command = shellText(argv);
    if (command === undefined) return { skip: "shell input has no command" };
    const wrapped = patchInShell(command);
    if (wrapped) return patchWrites(wrapped.patch, wrapped.dir === undefined ? context : { ...context, cwd: absolutePath(wrapped.dir, context.cwd) });
    return shellWrites(command, context);
  }
  return { skip: `tool ${JSON.stringify(payload.tool_name).slice(0, 80)} is not a file edit this hook checks` };
}

const PATCH_COMMAND = /^(?:apply_patch|applypatch)$/;
/**
 * `apply_patch <<'EOF' ... EOF`, optionally after `cd DIR &&`: Codex takes this shell command for
 * its own apply_patch and applies the heredoc as a patch (real-clients.md), so it is judged as one.
 */
const PATCH_HEREDOC = /^\s*(?:cd[ \t]+('[^']*'|"[^"]*"|[^\s;&|'"]+)[ \t]*&&[ \t]*)?(?:apply_patch|applypatch)[ \t]*<<-?[ \t]*(['"]?)([A-Za-z_][\w.-]*)\2[ \t]*\n([\s\S]*?)\n[ \t]*\3[ \t]*(?:\n\s*)?$/;

function patchInShell(command: string): { patch: string; dir: string | undefined } | undefined {
  const match = PATCH_HEREDOC.exec(command);
  if (!match) return undefined;
  const dir = match[1]?.replace(/^(['"])(.*)\1$/, "$2");
  return { patch: match[4]!, dir };
}

/** Codex's shell tool may give an argv (`["bash", "-lc", "script"]`) instead of a string. */
function shellText(command: unknown): string | undefined {
  if (typeof command === "string") return command;
  if (!Array.isArray(command) || !command.every((a) => typeof a === "string")) return undefined;
  const argv = command as string[];
  if (argv.length >= 3 && /(^|\/)(ba|z|da|k)?sh$/.test(argv[0]!) && /^-\w*c$/.test(argv[1]!)) return argv[2];
  return argv.join(" ");
}

export function patchWrites(patch: string, context: SourceContext): SourceResult {
  let ops: PatchOperation[];
  try {
    ops = parsePatch(patch);
  } catch (error) {
    if (!(error instanceof PatchFormatError)) throw error;
    return { skip: `the patch could not be read (${error.message})` };
  }
  const writes: ProposedWrite[] = [];
  const notes: string[] = [];
  for (const op of ops) {
    // A deleted file introduces nothing.
    if (op.kind === "delete") continue;
    const target = op.kind === "update" && op.moveTo ? op.moveTo : op.path;
    const language = languageOfPath(target);
    const shown = displayPath(absolutePath(target, context.cwd), context.projectDir);
    if (!language) continue;
    const file = readTargetFile(absolutePath(op.path, context.cwd));
    if (file.kind === "unreadable") {
      notes.push(`${shown}: cannot be read (${file.reason}); not checked`);
      continue;
    }
    const current = file.kind === "text" ? file.text : undefined;
    let write: ProposedWrite;
    if (op.kind === "add") write = { displayPath: shown, language, before: current ?? "", after: op.content };
    else {
      const rebuilt = current === undefined ? undefined : applyHunks(current, op.hunks);
      write =
        current !== undefined && rebuilt !== undefined
          ? { displayPath: shown, language, before: current, after: rebuilt }
          : {
              displayPath: shown,
              language,
              before: op.hunks.map((h) => h.oldLines.join("\n")).join("\n"),
              after: op.hunks.map((h) => h.newLines.join("\n")).join("\n"),
              note: current === undefined ? "the file does not exist: checked the patch lines alone" : "a hunk does not match the file: checked the patch lines alone",
            };
    }
    const odd = unjudgeableText(write.after);
    if (odd) notes.push(`${shown}: ${odd}; not checked`);
    else writes.push(write);
  }
  if (writes.length === 0) return { skip: notes.length > 0 ? notes.join("; ") : "the patch writes no code file this hook checks" };
  return { writes, notes };
}
