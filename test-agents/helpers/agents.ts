/**
 * Runs each real client headless in a user project against the stand-in model, the way
 * docs/agents.md ("Trying it with the real clients") tells a user to set each one up.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { client } from "./clients.js";
import type { ModelServer } from "./model-server.js";
import type { UserProject } from "./project.js";
import { type ClientRun, runClient } from "./run.js";

const RUN_TIMEOUT_MS = 180_000;

/** Only what a client needs: no developer settings, keys or proxies from the test's environment. */
function baseEnv(project: UserProject): Record<string, string> {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: project.home, LANG: "C.UTF-8", NO_COLOR: "1", INTEGRATION_GUARD_DAEMON: process.env.INTEGRATION_GUARD_DAEMON ?? "0" };
}

/** Claude Code: `claude -p` with edits accepted; hooks from the project's .claude/settings.json. */
export function runClaude(project: UserProject, model: ModelServer, prompt: string): Promise<ClientRun> {
  return runClient(
    client("claude").bin,
    ["-p", prompt, "--output-format", "stream-json", "--verbose", "--permission-mode", "acceptEdits", "--allowedTools", "Bash Write Edit MultiEdit NotebookEdit", "--max-turns", "12"],
    {
      cwd: project.root,
      timeoutMs: RUN_TIMEOUT_MS,
      env: { ...baseEnv(project), ANTHROPIC_BASE_URL: model.url, ANTHROPIC_API_KEY: "sk-ant-test", DISABLE_TELEMETRY: "1", CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1", DISABLE_AUTOUPDATER: "1" },
    },
  );
}

/**
 * Gemini CLI: API-key auth selected in the user's settings (a base URL alone selects the gateway
 * auth, refused headless), the project trusted at start-up so its hooks load, tools auto-approved.
 */
export function runGemini(project: UserProject, model: ModelServer, prompt: string): Promise<ClientRun> {
  mkdirSync(join(project.home, ".gemini"), { recursive: true });
  writeFileSync(join(project.home, ".gemini", "settings.json"), `${JSON.stringify({ security: { auth: { selectedType: "gemini-api-key" } } }, null, 2)}\n`);
  writeFileSync(join(project.home, ".gemini", "trustedFolders.json"), `${JSON.stringify({ [project.root]: "TRUST_FOLDER" }, null, 2)}\n`);
  return runClient(client("gemini").bin, ["-p", prompt, "--approval-mode", "yolo", "-m", "gemini-2.5-flash", "--output-format", "stream-json"], {
    cwd: project.root,
    timeoutMs: RUN_TIMEOUT_MS,
    env: { ...baseEnv(project), GOOGLE_GEMINI_BASE_URL: model.url, GEMINI_API_KEY: "test-key" },
  });
}

/** The native Codex binary (the npm package's `codex` is a launcher for it). */
function codexBinary(): string {
  return join(client("codex").dir, "node_modules/@openai/codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin/codex");
}

const CODEX_KEY_ENV = "STAND_IN_OPENAI_KEY";

/** $CODEX_HOME/config.toml: the stand-in provider, and the project trusted (what Codex's trust prompt writes). */
export function writeCodexConfig(project: UserProject): void {
  mkdirSync(join(project.home, ".codex"), { recursive: true });
  const config = [
    'model = "gpt-5.5"',
    'model_provider = "stand-in"',
    'approval_policy = "never"',
    'sandbox_mode = "workspace-write"',
    "",
    "[model_providers.stand-in]",
    'name = "stand-in"',
    // The port is only known inside the client's network namespace: set per run (-c).
    'base_url = "http://127.0.0.1:1/v1"',
    `env_key = "${CODEX_KEY_ENV}"`,
    'wire_api = "responses"',
    "",
    `[projects.${JSON.stringify(project.root)}]`,
    'trust_level = "trusted"',
    "",
  ].join("\n");
  writeFileSync(join(project.home, ".codex", "config.toml"), config);
}

function codexEnv(project: UserProject): Record<string, string> {
  return { ...baseEnv(project), CODEX_HOME: join(project.home, ".codex"), [CODEX_KEY_ENV]: "test-key" };
}

/**
 * Codex runs hooks only once the user trusted them (the TUI's /hooks). Headless, the same is done
 * through `codex app-server` (JSON-RPC on stdio): `hooks/list` gives each hook's key and current
 * hash, `config/batchWrite` records `hooks.state."<key>".trusted_hash` in the user's config.toml.
 * Every hook that calls integration-guard is trusted; returns the hooks as listed after.
 */
export async function trustCodexHooks(project: UserProject): Promise<CodexHook[]> {
  const rpc = await codexAppServer(project);
  try {
    await rpc.request("initialize", { clientInfo: { name: "integration-guard-test", title: "integration-guard test", version: "0.0.0" } });
    rpc.notify("initialized");
    const listed = (await rpc.request("hooks/list", { cwds: [project.root] })) as { data: Array<{ hooks: CodexHook[] }> };
    const ours = listed.data.flatMap((entry) => entry.hooks).filter((hook) => hook.command.includes("integration-guard"));
    const state = Object.fromEntries(ours.map((hook) => [hook.key, { trusted_hash: hook.currentHash }]));
    await rpc.request("config/batchWrite", { edits: [{ keyPath: "hooks.state", value: state, mergeStrategy: "upsert" }] });
    const after = (await rpc.request("hooks/list", { cwds: [project.root] })) as { data: Array<{ hooks: CodexHook[] }> };
    return after.data.flatMap((entry) => entry.hooks).filter((hook) => hook.command.includes("integration-guard"));
  } finally {
    rpc.close();
  }
}

export interface CodexHook {
  key: string;
  eventName: string;
  command: string;
  matcher: string | null;
  currentHash: string;
  trustStatus: string;
}

async function codexAppServer(project: UserProject) {
  // Loopback only, as for `codex exec`: the app server also tries other hosts at start.
  const child = spawn("unshare", ["-rn", "sh", "-c", 'ip link set lo up && exec "$0" app-server', codexBinary()], { cwd: project.root, env: codexEnv(project), stdio: ["pipe", "pipe", "pipe"] });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let buffer = "";
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  child.stdout.on("data", (chunk: Buffer) => {
    buffer += chunk.toString("utf8");
    for (let end = buffer.indexOf("\n"); end >= 0; end = buffer.indexOf("\n")) {
      const message = JSON.parse(buffer.slice(0, end)) as { id?: number; result?: unknown; error?: { message: string } };
      buffer = buffer.slice(end + 1);
      const waiting = message.id === undefined ? undefined : pending.get(message.id);
      if (!waiting) continue;
      pending.delete(message.id!);
      if (message.error) waiting.reject(new Error(`codex app-server: ${message.error.message}`));
      else waiting.resolve(message.result);
    }
  });
  child.on("exit", () => {
    for (const waiting of pending.values()) waiting.reject(new Error(`codex app-server exited:\n${stderr}`));
    pending.clear();
  });
  let nextId = 1;
  return {
    request(method: string, params: unknown): Promise<unknown> {
      const id = nextId++;
      child.stdin.write(`${JSON.stringify({ id, method, params })}\n`);
      return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
    },
    notify(method: string) {
      child.stdin.write(`${JSON.stringify({ method })}\n`);
    },
    close() {
      child.stdin.end();
      child.kill();
    },
  };
}

/**
 * `codex exec` in a network namespace with loopback only (`unshare -rn`). The stand-in model
 * listens on a Unix socket outside; netns-forward.mjs forwards 127.0.0.1:<port 0> inside to it and
 * puts that port into the provider's base URL.
 */
export function runCodex(project: UserProject, model: ModelServer, prompt: string): Promise<ClientRun> {
  if (!model.socket) throw new Error("Codex runs in its own network namespace: start the model on a Unix socket");
  const forward = join(import.meta.dirname, "netns-forward.mjs");
  return runClient(
    "unshare",
    ["-rn", process.execPath, forward, model.socket, "--", codexBinary(), "exec", "--json", "-c", 'model_providers.stand-in.base_url="http://127.0.0.1:__PORT__/v1"', prompt],
    { cwd: project.root, timeoutMs: RUN_TIMEOUT_MS, env: codexEnv(project) },
  );
}
