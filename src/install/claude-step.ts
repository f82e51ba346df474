/**
 * `install --claude` / `uninstall`: the guard's entries in <root>/.claude/settings.json
 * (claude-settings.ts: before and after each call, at the turn end, at session start).
 */
import { join } from "node:path";
import { addEntry, CLAUDE_ENTRIES, removeEntry, type SettingsChange, SettingsShapeError } from "./claude-settings.js";
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
  let next: { settings: unknown; change: SettingsChange; message: string };
  try {
    let settings: unknown = current;
    const changed: string[] = [];
    let replaced = false;
    for (const entry of CLAUDE_ENTRIES) {
      const step = addEntry(settings, hookScriptPath(script), entry);
      settings = step.settings;
      if (step.change !== "unchanged" && !changed.includes(entry.event)) changed.push(entry.event);
      replaced ||= step.change === "replaced";
    }
    const change: SettingsChange = changed.length === 0 ? "unchanged" : replaced ? "replaced" : "added";
    const message =
      (replaced ? "replaced a broken or older registration of the guard (matcher, timeout, npx) and " : "") +
      `registered ${changed.join(", ")}: the check before each write or Bash call, after each call (Bash, file and MCP tools), and before the agent ends its turn (files changed since the session started)`;
    next = { settings, change, message };
  } catch (error) {
    if (error instanceof SettingsShapeError) return refused(error.message);
    throw error;
  }
  if (next.change === "unchanged") {
    return { result: { step: "claude", status: "unchanged", file: SETTINGS_FILE, message: "the guard is already registered" }, changes: [] };
  }
  const text = formatJson(next.settings, file.kind === "ok" ? file.style : DEFAULT_STYLE);
  return { result: { step: "claude", status: next.change, file: SETTINGS_FILE, message: next.message, content: text }, changes: [{ path, text }] };
}

export async function planClaudeUninstall(root: string): Promise<StepPlan> {
  const path = join(root, SETTINGS_FILE);
  const file = await readJsonFile(path);
  if (file.kind === "missing") return absent();
  if (file.kind === "invalid") return refused(file.error);
  let next: { settings: unknown; removed: number };
  try {
    let settings: unknown = file.value;
    let removed = 0;
    // Last added first, so that each event's groups go back to where they were.
    for (const entry of [...CLAUDE_ENTRIES].reverse()) {
      const step = removeEntry(settings, entry);
      settings = step.settings;
      removed += step.removed;
    }
    next = { settings, removed };
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
