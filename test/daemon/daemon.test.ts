/**
 * The warm daemon answers exactly what the in-process hook answers: same stdout (rule ids,
 * file:line), stderr and exit code, for every agent, with the CLIENT's cwd and env.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { rawTransferSupported } from "oxc-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { project } from "../helpers/hook.js";
import { againstInProcess, BAD_TS, BIN, claude, denials, envFor, hook, inProcess, runningDaemon, runtimeDir, startDaemon, status, TABLE, waitFor } from "./helpers.js";

let dir: string;
let env: Record<string, string>;

beforeAll(() => {
  ({ dir, env } = runningDaemon());
});

/** Runs `stdin` through the daemon and in-process; checks the daemon really answered. */
function both(stdin: object, options: { env?: Record<string, string>; args?: string[]; cwd?: string } = {}) {
  const { answer, answered, reference } = againstInProcess(dir, hook, stdin, { ...env, ...options.env }, options);
  expect(answered).toBe(1);
  return { viaDaemon: answer, reference };
}

describe("daemon answers = in-process answers", () => {
  const repo = () =>
    project({
      "src/legacy.ts": `export const a = 1;\n${BAD_TS}`,
      "jobs/old.py": 'def f(org_id):\n    return 1\n',
    });

  const cases: Array<[string, (p: string) => object]> = [
    ["Claude Write (TS)", (p) => claude("Write", { file_path: join(p, "src/new.ts"), content: `const ok = 1;\n${BAD_TS}` }, p)],
    ["Claude Edit", (p) => claude("Edit", { file_path: join(p, "src/legacy.ts"), old_string: "export const a = 1;", new_string: "export async function saveIntegrationStatus() {}" }, p)],
    ["Claude MultiEdit", (p) => claude("MultiEdit", { file_path: join(p, "src/legacy.ts"), edits: [{ old_string: "export const a = 1;", new_string: `export const a = 1;\n${BAD_TS}` }] }, p)],
    ["Claude Write (Python)", (p) => claude("Write", { file_path: join(p, "jobs/new.py"), content: 'rows = db.table("cloud_provider_integrations").select("*").execute()\n' }, p)],
    ["Claude Write (SQL)", (p) => claude("Write", { file_path: join(p, "db/0042.sql"), content: "ALTER TABLE organizations ADD COLUMN integration_openai_status text;\n" }, p)],
    ["Claude Bash heredoc", (p) => claude("Bash", { command: `cat > x.py <<'EOF'\nclient.table("cloud_provider_integrations").select("*")\nEOF` }, p)],
    ["Claude PostToolUse", (p) => ({ ...claude("Write", { file_path: join(p, "src/legacy.ts"), content: "" }, p), hook_event_name: "PostToolUse", tool_response: {} })],
    ["Codex apply_patch", (p) => ({ session_id: "s", turn_id: "t", cwd: p, hook_event_name: "PreToolUse", tool_name: "apply_patch", tool_input: { command: `*** Begin Patch\n*** Add File: src/p.ts\n+${BAD_TS}*** End Patch\n` } })],
    ["Gemini write_file", (p) => ({ session_id: "s", cwd: p, hook_event_name: "BeforeTool", tool_name: "write_file", tool_input: { file_path: `${p}/src/g.ts`, content: BAD_TS } })],
    ["Cursor preToolUse", (p) => ({ conversation_id: "c", hook_event_name: "preToolUse", workspace_roots: [p], tool_name: "Write", tool_input: { file_path: `${p}/src/c.ts`, content: BAD_TS } })],
    ["a clean file", (p) => claude("Write", { file_path: join(p, "src/ok.ts"), content: "// mentions integration_openai_status only in a comment\nexport const x = 1;\n" }, p)],
  ];

  for (const [name, make] of cases) {
    it(name, () => {
      const { viaDaemon, reference } = both(make(repo()));
      expect(viaDaemon).toEqual(reference);
      // Every case but the clean one has something to say: the comparison is never of two silences.
      expect(viaDaemon.stdout === "").toBe(name === "a clean file");
    });
  }

  it("the Write case denies with the rule id and file:line", () => {
    const p = repo();
    const { viaDaemon } = both(claude("Write", { file_path: join(p, "src/new.ts"), content: `const ok = 1;\n${BAD_TS}` }, p));
    expect(denials(viaDaemon)).toEqual([`src/new.ts:2 ${TABLE}`]);
  });

  it("--fail-closed on an unreadable payload: same deny", () => {
    const { viaDaemon, reference } = both({ tool_name: 42 }, { args: ["--fail-closed"] });
    expect(viaDaemon).toEqual(reference);
  });
});

describe("the client's surroundings, not the daemon's", () => {
  it("a relative file_path without a payload cwd resolves against the client's cwd", () => {
    const p = project({ "src/legacy.ts": `export const a = 1;\n` });
    const call = claude("Edit", { file_path: "src/legacy.ts", old_string: "export const a = 1;", new_string: `export const a = 1;\n${BAD_TS}` });
    const { viaDaemon, reference } = both(call, { cwd: p, env: { CLAUDE_PROJECT_DIR: p } });
    expect(denials(viaDaemon)).toEqual([`src/legacy.ts:2 ${TABLE}`]);
    expect(viaDaemon).toEqual(reference);
  });

  it("a relative file_path resolves against the payload's cwd when there is one", () => {
    const p = project({ "svc/api/legacy.ts": `export const a = 1;\n` });
    const call = claude("Edit", { file_path: "api/legacy.ts", old_string: "export const a = 1;", new_string: `export const a = 1;\n${BAD_TS}` }, join(p, "svc"));
    const { viaDaemon } = both(call, { env: { CLAUDE_PROJECT_DIR: p } });
    expect(denials(viaDaemon)).toEqual([`svc/api/legacy.ts:2 ${TABLE}`]);
  });

  it("a relative payload cwd resolves against the client's cwd", () => {
    const p = project({ "svc/legacy.ts": `export const a = 1;\n` });
    const call = claude("Edit", { file_path: "legacy.ts", old_string: "export const a = 1;", new_string: `export const a = 1;\n${BAD_TS}` }, "svc");
    const { viaDaemon, reference } = both(call, { cwd: p, env: { CLAUDE_PROJECT_DIR: p } });
    expect(denials(viaDaemon)).toEqual([`svc/legacy.ts:2 ${TABLE}`]);
    expect(viaDaemon).toEqual(reference);
  });

  it("CLAUDE_PROJECT_DIR comes from each client's env", () => {
    const p = project();
    mkdirSync(join(p, "pkg/src"), { recursive: true });
    const call = claude("Write", { file_path: join(p, "pkg/src/new.ts"), content: BAD_TS }, p);
    expect(denials(both(call, { env: { CLAUDE_PROJECT_DIR: p } }).viaDaemon)).toEqual([`pkg/src/new.ts:1 ${TABLE}`]);
    expect(denials(both(call, { env: { CLAUDE_PROJECT_DIR: join(p, "pkg") } }).viaDaemon)).toEqual([`src/new.ts:1 ${TABLE}`]);
  });

  it("--rules DIR is relative to the client's cwd", () => {
    const p = project({
      "team-rules/no-foo.yaml": [
        "id: no-foo-table",
        "severity: block",
        "languages: [typescript]",
        'message: "no foo_table"',
        "help: Use the API.",
        "match:",
        "  - kind: table",
        "    tables: [foo_table]",
        "    access: any",
        "examples:",
        "  invalid:",
        "    - code: |",
        '        await supabase.from("foo_table").select("*");',
        "      lines: [1]",
        "  valid:",
        "    - code: |",
        '        await supabase.from("bar_table").select("*");',
        "",
      ].join("\n"),
    });
    const call = claude("Write", { file_path: join(p, "a.ts"), content: 'await supabase.from("foo_table").select("*");\n' }, p);
    const { viaDaemon, reference } = both(call, { cwd: p, args: ["--rules", "team-rules"] });
    expect(denials(viaDaemon)).toEqual(["a.ts:1 no-foo-table"]);
    expect(viaDaemon).toEqual(reference);
  });
});

describe("the daemon log", () => {
  it("has one timing line per request and never a payload, path or env value", () => {
    const secret = "sk-live-DO-NOT-LOG-0123456789abcdef";
    const p = project();
    const run = hook(claude("Write", { file_path: join(p, "src/leak.ts"), content: `const key = "${secret}";\n${BAD_TS}` }, p), { ...env, CLAUDE_PROJECT_DIR: p });
    expect(denials(run)).toEqual([`src/leak.ts:2 ${TABLE}`]);
    const log = readFileSync(join(dir, "daemon.log"), "utf8");
    expect(log).toMatch(/ ms=\d+(\.\d+)? cpu_ms=\d+(\.\d+)? result=exit=0\n/);
    for (const leak of [secret, "leak.ts", p, "cloud_provider_integrations"]) expect(log).not.toContain(leak);
  });
});

describe("robust requests", () => {
  it("a request that is not JSON gets an error answer, and the daemon keeps serving", async () => {
    const { createConnection } = await import("node:net");
    const { socketFiles } = await import("./helpers.js");
    const socket = join(dir, socketFiles(dir)[0]!);
    const answer = await new Promise<string>((resolve) => {
      const conn = createConnection(socket, () => conn.end("{not json"));
      let data = "";
      conn.on("data", (chunk) => (data += chunk));
      conn.on("close", () => resolve(data));
    });
    expect(JSON.parse(answer)).toEqual({ ok: false, error: "bad-request" });
    const p = project();
    writeFileSync(join(p, "x.ts"), "");
    expect(denials(hook(claude("Write", { file_path: join(p, "x.ts"), content: BAD_TS }, p), env))).toEqual([`x.ts:1 ${TABLE}`]);
  });
});

describe("the client stays small", () => {
  /** The module files a hook process loaded (Node's own ESM debug log). */
  function loaded(run: { stderr: string }): string[] {
    return [...new Set([...run.stderr.matchAll(/file:\/\/[^\s'",]+/g)].map((m) => m[0]))];
  }
  const heavy = (urls: string[]) => urls.filter((url) => /oxc-parser|\/chunks\/(run|typescript|python|sql)-/.test(url));

  it("loads neither the full hook nor a parser when the daemon answers (in-process loads both)", () => {
    const p = project();
    const call = claude("Write", { file_path: join(p, "src/new.ts"), content: BAD_TS }, p);
    const before = status(dir)!.requests;
    const viaDaemon = hook(call, { ...env, NODE_DEBUG: "esm" });
    expect(status(dir)!.requests).toBe(before + 1);
    expect(denials(viaDaemon)).toEqual([`src/new.ts:1 ${TABLE}`]);
    expect(heavy(loaded(viaDaemon))).toEqual([]);
    // The contrast, so the check above can fail: the same call in-process loads them.
    expect(heavy(loaded(inProcess(call, { ...env, NODE_DEBUG: "esm" })))).not.toEqual([]);
  });
});

describe("daemon --start (registered at SessionStart by install --claude)", () => {
  const start = (env: Record<string, string>) =>
    spawnSync(process.execPath, [BIN, "daemon", "--start"], { input: JSON.stringify({ hook_event_name: "SessionStart", source: "startup" }), encoding: "utf8", env, timeout: 20_000 });

  it("starts the daemon in the background and prints nothing (SessionStart stdout would reach the model)", () => {
    const own = runtimeDir();
    const first = start(envFor(own));
    expect(first.status).toBe(0);
    expect(first.stdout).toBe("");
    const running = waitFor(() => status(own));
    expect(running).toBeDefined();
    // Again while it runs: nothing new is started.
    expect(start(envFor(own)).stdout).toBe("");
    expect(status(own)!.pid).toBe(running!.pid);
  });

  it("does nothing when the daemon is turned off", () => {
    const own = runtimeDir();
    const run = start(envFor(own, { INTEGRATION_GUARD_DAEMON: "0" }));
    expect(run.status).toBe(0);
    expect(run.stdout).toBe("");
    expect(readdirSync(own)).toEqual([]);
  });
});

describe("the helper thread", () => {
  /** A legacy file no other test of this daemon has used: the daemon's memo cannot know it. */
  const legacyEdit = (n: number) => {
    const p = project({ "src/legacy.ts": `${BAD_TS}export const helper${n} = 1;\n` });
    return claude("Edit", { file_path: join(p, "src/legacy.ts"), old_string: `export const helper${n} = 1;`, new_string: "export async function saveIntegrationStatus() {}" }, p);
  };

  it("checks the file before an edit on its own thread without raw transfer (Node 20), on the main thread with it; the answer is the in-process one", () => {
    // The helper warms up while the daemon already answers: wait until it says it is warm.
    expect(waitFor(() => status(dir)?.warm)).toBe(true);
    if (!rawTransferSupported()) {
      // The helper starts with the first Edit (or the first after a rest); until it is warm the main thread checks "before".
      both(legacyEdit(0));
      expect(waitFor(() => status(dir)?.helper === "ready")).toBe(true);
    }
    const start = status(dir)!;
    const { viaDaemon, reference } = both(legacyEdit(1));
    expect(status(dir)!.helperChecks).toBe(start.helperChecks + (rawTransferSupported() ? 0 : 1));
    expect(denials(viaDaemon)).toEqual(["src/legacy.ts:2 no-save-integration-status-function"]);
    expect(viaDaemon).toEqual(reference);
  });

  it("is released when the daemon rests (no hook call for INTEGRATION_GUARD_DAEMON_REST_MS): the next Edit's 'before' runs in the main thread, a new thread warms up for later ones; answer unchanged", () => {
    const own = runtimeDir();
    const restEnv = { INTEGRATION_GUARD_DAEMON_REST_MS: "1500" };
    expect(startDaemon(own, restEnv).status).toBeDefined();
    // Warm-up counts as activity; polling --status does not, so the daemon rests 1.5 s after it.
    const rested = waitFor(() => {
      const s = status(own);
      return s?.warm && s.rests >= 1 ? s : undefined;
    });
    expect(rested).toMatchObject({ rests: 1, helper: rawTransferSupported() ? "none" : "released", helperChecks: 0 });

    const first = againstInProcess(own, hook, legacyEdit(2), envFor(own, restEnv));
    expect(first.answered).toBe(1);
    expect(denials(first.answer)).toEqual(["src/legacy.ts:2 no-save-integration-status-function"]);
    expect(first.answer).toEqual(first.reference);
    expect(status(own)!.helperChecks).toBe(0); // the restarting thread was not waited for
    if (rawTransferSupported()) return expect(status(own)).toMatchObject({ helper: "none", helperStarts: 0 }); // no helper thread on Node >= 22

    // That Edit started the thread, which warms up (and is released again if the daemon rests meanwhile).
    const after = waitFor(() => {
      const s = status(own);
      return s && s.helper !== "starting" ? s : undefined;
    });
    expect(after).toMatchObject({ helperStarts: 1, helperChecks: 0 });
    expect(["ready", "released"]).toContain(after!.helper);
  });
});

describe("resting", () => {
  it("rests at the first pause of a second after warm-up and its first calls (--status polls do not count); a later call re-arms the long rest (INTEGRATION_GUARD_DAEMON_REST_MS)", () => {
    const own = runtimeDir();
    const restEnv = { INTEGRATION_GUARD_DAEMON_REST_MS: "600000" }; // ten minutes: only the first-pause rule can make it rest here
    expect(startDaemon(own, restEnv).status).toBeDefined();
    expect(waitFor(() => status(own)?.warm)).toBe(true);
    const p = project({ "src/ok.ts": "export const ok = 1;\n" });
    const call = claude("Write", { file_path: join(p, "src/new.ts"), content: BAD_TS }, p);
    for (let i = 0; i < 3; i++) expect(denials(hook(call, envFor(own, restEnv)))).toEqual([`src/new.ts:1 ${TABLE}`]);
    expect(waitFor(() => (status(own)?.rests ?? 0) >= 1)).toBe(true);
    hook(call, envFor(own, restEnv));
    // A call after the first rest re-arms the long one: no second rest within the test.
    expect(waitFor(() => status(own)?.requests === 4)).toBe(true);
    expect(status(own)!.rests).toBe(1);
  });
});

describe("consecutive edits of one file", () => {
  it("an edit retried after a deny starts from the same file: its 'before' is recalled, the answer unchanged", () => {
    const p = project({ "src/legacy.ts": `${BAD_TS}export const retried = 1;\n` });
    const denied = claude("Edit", { file_path: join(p, "src/legacy.ts"), old_string: "export const retried = 1;", new_string: "export async function saveIntegrationStatus() {}" }, p);
    expect(denials(both(denied).viaDaemon)).toEqual(["src/legacy.ts:2 no-save-integration-status-function"]);
    const start = status(dir)!;
    const retry = claude("Edit", { file_path: join(p, "src/legacy.ts"), old_string: "export const retried = 1;", new_string: "export const retried = 2;" }, p);
    const { viaDaemon, reference } = both(retry);
    expect(status(dir)!.memoHits).toBe(start.memoHits + 1);
    expect(viaDaemon).toMatchObject({ status: 0, stdout: "" }); // the old violation is not new
    expect(viaDaemon).toEqual(reference);
  });

  it("the next edit's 'before' is the last edit's 'after': recalled, and the answer is unchanged", () => {
    const legacy = `${BAD_TS}export const n = 1;\n`;
    const p = project({ "src/legacy.ts": legacy });
    const file = join(p, "src/legacy.ts");
    const first = claude("Edit", { file_path: file, old_string: "export const n = 1;", new_string: "export const n = 2;" }, p);
    const start = status(dir)!;
    expect(both(first).viaDaemon).toMatchObject({ status: 0, stdout: "" }); // the old violation is not new
    writeFileSync(file, legacy.replace("n = 1", "n = 2")); // the agent applies the allowed edit

    const second = claude("Edit", { file_path: file, old_string: "export const n = 2;", new_string: "export async function saveIntegrationStatus() {}" }, p);
    const { viaDaemon, reference } = both(second);
    expect(status(dir)!.memoHits).toBe(start.memoHits + 1);
    expect(denials(viaDaemon)).toEqual(["src/legacy.ts:2 no-save-integration-status-function"]);
    expect(viaDaemon).toEqual(reference);
  });
});
