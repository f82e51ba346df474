/**
 * The session events through the warm daemon: the daemon a hook client starts inherits its state
 * dir, so a session recorded by one call (in-process, before any daemon) is the one the turn end
 * compares with when the daemon answers.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { findingsIn } from "../helpers/agent-hook.js";
import { envFor, hook, runtimeDir, status, TABLE, waitFor } from "./helpers.js";

const temps: string[] = [];
afterAll(() => {
  for (const temp of temps) rmSync(temp, { recursive: true, force: true });
});

it("SessionStart in-process, then the turn end answered by the daemon: the new file blocks, the old one does not", () => {
  const repo = mkdtempSync(join(tmpdir(), "ig-daemon-backstop-"));
  const state = mkdtempSync(join(tmpdir(), "ig-daemon-state-"));
  temps.push(repo, state);
  writeFileSync(join(repo, "old.ts"), 'export const f = () => supabase.from("cloud_provider_integrations");\n');
  execFileSync("git", ["init", "--quiet"], { cwd: repo });
  const dir = runtimeDir();
  const env = envFor(dir, { INTEGRATION_GUARD_STATE_DIR: state });
  const base = { session_id: "daemon-session", transcript_path: "/dev/null", cwd: repo, permission_mode: "default" };

  // No daemon yet: this call runs in-process and starts one for the next.
  expect(hook({ ...base, hook_event_name: "SessionStart", source: "startup" }, env)).toMatchObject({ status: 0, stdout: "" });
  expect(waitFor(() => status(dir)?.warm)).toBe(true);
  writeFileSync(join(repo, "new.ts"), 'export const g = () => supabase.from("cloud_provider_integrations").select("*");\n');

  // Under load a status call can go unanswered for a moment: poll for the answer.
  const before = waitFor(() => status(dir))!.requests;
  const stop = hook({ ...base, hook_event_name: "Stop", stop_hook_active: false }, env);
  expect(waitFor(() => status(dir))!.requests).toBe(before + 1);
  const output = JSON.parse(stop.stdout) as { decision: string; reason: string };
  expect(output.decision).toBe("block");
  expect(findingsIn(output.reason)).toEqual([{ location: "new.ts:1", ruleId: TABLE }]);
});
