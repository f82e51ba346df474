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


/** The reason text of any agent's answer. */
export function reasonOf(output: Record<string, unknown> | undefined): string {
  if (!output) return "";
  const specific = output.hookSpecificOutput as Record<string, unknown> | undefined;
  const text = output.reason ?? output.agent_message ?? specific?.permissionDecisionReason ?? specific?.additionalContext;
  return typeof text === "string" ? text : "";
}

// Shared with the real-client suite (test-agents/), which must not snapshot dist/ as this file does.
export { findingsIn, READ, SAVE, TABLE, WRITE } from "./findings.js";
