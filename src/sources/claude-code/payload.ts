/**
 * The Claude Code PreToolUse payload (../shared/spec/claude-code-hooks.md), validated with zod/mini
 * (bundled: a few ms at start, unlike full zod). `tool_input` is untyped upstream: each tool's
 * shape is checked here before anything reads it.
 */
import * as z from "zod/mini";

export const HookPayload = z.looseObject({
  hook_event_name: z.optional(z.string()),
  tool_name: z.string(),
  tool_input: z.unknown(),
  cwd: z.optional(z.string()),
});
export type HookPayload = z.infer<typeof HookPayload>;

export const WriteInput = z.looseObject({
  file_path: z.string().check(z.minLength(1)),
  content: z.string(),
});

const EditFields = {
  old_string: z.string(),
  new_string: z.string(),
  replace_all: z.optional(z.boolean()),
};

export const EditInput = z.looseObject({
  file_path: z.string().check(z.minLength(1)),
  ...EditFields,
});

export const MultiEditInput = z.looseObject({
  file_path: z.string().check(z.minLength(1)),
  edits: z.array(z.looseObject(EditFields)).check(z.minLength(1)),
});

export const NotebookEditInput = z.looseObject({
  notebook_path: z.string().check(z.minLength(1)),
  new_source: z.optional(z.string()),
  cell_id: z.optional(z.string()),
  cell_type: z.optional(z.enum(["code", "markdown"])),
  edit_mode: z.optional(z.enum(["replace", "insert", "delete"])),
});

export const BashInput = z.looseObject({
  command: z.string(),
});

export type EditInput = z.infer<typeof EditInput>;

/** "tool_input.file_path: expected string" — one line for stderr. */
export function describeIssues(error: z.core.$ZodError): string {
  const first = error.issues[0];
  if (!first) return "invalid input";
  const path = first.path.map(String).join(".");
  return `${path || "(root)"}: ${first.message}`;
}
