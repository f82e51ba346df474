/**
 * Runs a registered hook the way Claude Code does: exec form (`args` present) spawns `command`
 * directly with `${CLAUDE_PROJECT_DIR}` substituted into each part; shell form hands `command` to
 * `sh -c` with CLAUDE_PROJECT_DIR in the environment. The payload goes to stdin.
 */
import { spawn } from "node:child_process";
import type { RegisteredHook } from "./settings.js";

export interface HookRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** The process could not start (ENOENT -> 127, EACCES -> 126, as a shell would report). */
  spawnError?: string;
}

export function expandPlaceholders(text: string, projectDir: string): string {
  return text.replaceAll("${CLAUDE_PROJECT_DIR}", projectDir).replaceAll("$CLAUDE_PROJECT_DIR", projectDir);
}

export function runHook(hook: RegisteredHook, payload: unknown, projectDir: string, timeoutMs: number): Promise<HookRun> {
  const [file, argv] = hook.args
    ? [expandPlaceholders(hook.command, projectDir), hook.args.map((arg) => expandPlaceholders(arg, projectDir))]
    : ["sh", ["-c", hook.command]];
  return new Promise((resolve) => {
    const child = spawn(file, argv, {
      cwd: projectDir,
      env: { ...process.env, CLAUDE_PROJECT_DIR: projectDir },
      stdio: ["pipe", "pipe", "pipe"],
      // Its own process group, so a timeout also ends whatever a shell-form hook started.
      detached: true,
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }, timeoutMs);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const exitCode = error.code === "ENOENT" ? 127 : error.code === "EACCES" ? 126 : null;
      resolve({ exitCode, stdout, stderr, timedOut, spawnError: `${error.code ?? "error"}: ${error.message}` });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ exitCode: code, stdout, stderr, timedOut });
    });
    // A hook that exits without reading stdin closes the pipe: not an error for us.
    child.stdin.on("error", () => undefined);
    child.stdin.end(JSON.stringify(payload));
  });
}
