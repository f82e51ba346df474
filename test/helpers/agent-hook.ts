/**
 * Spawns the built hook with any agent's payload and reads its answer generically: every agent
 * prints at most one JSON object on stdout. The binary is a snapshot of dist/ (test/install/repo.ts)
 * so a build running elsewhere in the checkout cannot pull it away mid-test. In-process
 * (INTEGRATION_GUARD_DAEMON=0) unless the caller's env says otherwise; test/daemon/ covers the daemon.
 */
import { spawnSync } from "node:child_process";
import { afterAll } from "vitest";
import { BIN, removeRepos } from "../install/repo.js";

// The dist/ snapshot is per test file: remove it when the file is done.
afterAll(removeRepos);

export interface AgentRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The parsed stdout, or undefined when stdout is empty. */
  output: Record<string, unknown> | undefined;
}

export function runAgentHook(stdin: string | object, args: string[] = [], env: Record<string, string> = {}): AgentRun {
  const input = typeof stdin === "string" ? stdin : JSON.stringify(stdin);
  const result = spawnSync(process.execPath, [BIN, "hook", ...args], {
    input,
    encoding: "utf8",
    timeout: 20_000,
    env: { ...process.env, NO_COLOR: "1", CLAUDE_PROJECT_DIR: "", GEMINI_PROJECT_DIR: "", CURSOR_PROJECT_DIR: "", INTEGRATION_GUARD_DAEMON: "0", ...env },
  });
  const stdout = result.stdout ?? "";
  return { status: result.status, stdout, stderr: result.stderr ?? "", output: stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : undefined };
}

/** `file:line  rule-id:` lines of any reason text (deny reason, agent_message, additionalContext). */
export function findingsIn(text: unknown): Array<{ location: string; ruleId: string }> {
  if (typeof text !== "string") return [];
  return [...text.matchAll(/^(\S+:\d+)(?: \([^)]*\))?\s+([a-z0-9-]+):/gm)].map((m) => ({ location: m[1]!, ruleId: m[2]! }));
}

/** The reason text of any agent's answer. */
export function reasonOf(output: Record<string, unknown> | undefined): string {
  if (!output) return "";
  const specific = output.hookSpecificOutput as Record<string, unknown> | undefined;
  const text = output.reason ?? output.agent_message ?? specific?.permissionDecisionReason ?? specific?.additionalContext;
  return typeof text === "string" ? text : "";
}

export const TABLE = "no-cloud-provider-integrations-table";
export const WRITE = "no-integration-status-write";
export const READ = "no-integration-status-read";
export const SAVE = "no-save-integration-status-function";
