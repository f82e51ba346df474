/**
 * Spawns the built hook (dist/integration-guard.cjs hook) as Claude Code would, in-process
 * (INTEGRATION_GUARD_DAEMON=0: these tests test the hook itself, deterministically; test/daemon/
 * covers the daemon). INTEGRATION_GUARD_TEST_DIST points the tests at a private copy of dist/.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const BIN = process.env.INTEGRATION_GUARD_TEST_DIST
  ? join(process.env.INTEGRATION_GUARD_TEST_DIST, "integration-guard.cjs")
  : fileURLToPath(new URL("../../dist/integration-guard.cjs", import.meta.url));

export interface HookRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The parsed stdout JSON, or undefined when stdout is empty. */
  output: HookOutput | undefined;
}

export interface HookOutput {
  hookSpecificOutput: {
    hookEventName: string;
    permissionDecision?: string;
    permissionDecisionReason?: string;
    additionalContext?: string;
  };
}

export function runHook(stdin: string | object, options: { args?: string[]; env?: Record<string, string> } = {}): HookRun {
  const input = typeof stdin === "string" ? stdin : JSON.stringify(stdin);
  const result = spawnSync(process.execPath, [BIN, "hook", ...(options.args ?? [])], {
    input,
    encoding: "utf8",
    timeout: 20_000,
    env: { ...process.env, NO_COLOR: "1", INTEGRATION_GUARD_DAEMON: "0", ...options.env },
  });
  const stdout = result.stdout ?? "";
  return { status: result.status, stdout, stderr: result.stderr ?? "", output: stdout.trim() ? (JSON.parse(stdout) as HookOutput) : undefined };
}

export function isDeny(run: HookRun): boolean {
  return run.output?.hookSpecificOutput.permissionDecision === "deny";
}

/** A temp project folder with the given files; returns its path. */
export function project(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "ig-hook-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

export function payload(tool_name: string, tool_input: unknown, cwd: string): object {
  return { session_id: "s", transcript_path: "/dev/null", cwd, permission_mode: "default", hook_event_name: "PreToolUse", tool_name, tool_input, tool_use_id: "t1" };
}

/** The findings a hook answer lists: `file:line[ (cell ...)]  rule-id: message` lines. */
export function reasonFindings(run: HookRun): Array<{ location: string; ruleId: string }> {
  const text = run.output?.hookSpecificOutput.permissionDecisionReason ?? run.output?.hookSpecificOutput.additionalContext ?? "";
  return [...text.matchAll(/^(\S+:\d+)(?: \([^)]*\))?\s+([a-z0-9-]+):/gm)].map((m) => ({ location: m[1]!, ruleId: m[2]! }));
}
