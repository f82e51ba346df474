/** `install --claude` / `uninstall`: the guard's PreToolUse entry in <root>/.claude/settings.json. */
import { join } from "node:path";
import { addGuard, removeGuard, SettingsShapeError } from "./claude-settings.js";
import { DEFAULT_STYLE, formatJson, readJsonFile } from "./files.js";
import type { StepPlan } from "./plan.js";

export const SETTINGS_FILE = ".claude/settings.json";

/** `${CLAUDE_PROJECT_DIR}` keeps the committed file valid on every machine and in every worktree. */
export function hookScriptPath(script: string): string {
  return `\${CLAUDE_PROJECT_DIR}/${script}`;
}

export async function planClaudeInstall(root: string, script: string): Promise<StepPlan> {
  const path = join(root, SETTINGS_FILE);
  const file = await readJsonFile(path);
  if (file.kind === "invalid") return refused(file.error);
  const current = file.kind === "ok" ? file.value : {};
  let next;
  try {
    next = addGuard(current, hookScriptPath(script));
  } catch (error) {
    if (error instanceof SettingsShapeError) return refused(error.message);
    throw error;
  }
  if (next.change === "unchanged") {
    return { result: { step: "claude", status: "unchanged", file: SETTINGS_FILE, message: "the guard is already registered" }, changes: [] };
  }
  const text = formatJson(next.settings, file.kind === "ok" ? file.style : DEFAULT_STYLE);
  const message =
    next.change === "replaced"
      ? "replaced a broken registration of the guard (matcher, timeout or npx) with a working one"
      : "registered the PreToolUse hook for Write|Edit|MultiEdit|NotebookEdit";
  return { result: { step: "claude", status: next.change, file: SETTINGS_FILE, message, content: text }, changes: [{ path, text }] };
}

export async function planClaudeUninstall(root: string): Promise<StepPlan> {
  const path = join(root, SETTINGS_FILE);
  const file = await readJsonFile(path);
  if (file.kind === "missing") return absent();
  if (file.kind === "invalid") return refused(file.error);
  let next;
  try {
    next = removeGuard(file.value);
  } catch (error) {
    if (error instanceof SettingsShapeError) return refused(error.message);
    throw error;
  }
  if (next.removed === 0) return absent();
  const empty = Object.keys(next.settings as object).length === 0;
  const text = formatJson(next.settings, file.style);
  return {
    result: {
      step: "claude",
      status: "removed",
      file: SETTINGS_FILE,
      message: empty ? "removed the guard's hook; the file held nothing else and was deleted" : "removed the guard's hook",
      ...(empty ? {} : { content: text }),
    },
    // A settings file that only ever held our hook was created by install: take it away again.
    changes: [empty ? { path, delete: true, removeEmptyParent: true } : { path, text }],
  };
}

function refused(reason: string): StepPlan {
  return {
    result: {
      step: "claude",
      status: "refused",
      file: SETTINGS_FILE,
      message: `not changed: ${reason}. Fix the file by hand (it was left exactly as it is), then run again`,
    },
    changes: [],
  };
}

function absent(): StepPlan {
  return { result: { step: "claude", status: "unchanged", file: SETTINGS_FILE, message: "no guard hook registered" }, changes: [] };
}
