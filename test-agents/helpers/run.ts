/** Runs a client to the end without blocking the event loop (the stand-in model answers in this process). */
import { spawn } from "node:child_process";

export interface ClientRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runClient(command: string, args: string[], options: { cwd: string; env: Record<string, string | undefined>; timeoutMs: number }): Promise<ClientRun> {
  return new Promise((resolve, reject) => {
    // stdin closed: `claude -p` and `gemini -p` read stdin when it is not a TTY and would wait for it.
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    // A client that hangs is killed with its whole process group (its hooks and shells too).
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // Already gone.
      }
    }, options.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
  });
}
