/**
 * The fast client (dist/integration-guard.pl, src/daemon/fast-client.pl) answers exactly what the
 * Node hook command answers (stdout, stderr, exit code), through the warm daemon when it runs and
 * by handing the call to the Node command in every other case; and the chooser every registration
 * runs (src/install/hook-command.ts) picks it where perl is, node where it is not.
 */
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_DAEMON_PAYLOAD } from "../../src/core/limits.js";
import { RAW_PREFIX } from "../../src/daemon/protocol.js";
import { HOOK_ENV_KEYS } from "../../src/hook/io.js";
import { CHOOSER } from "../../src/install/hook-command.js";
import { project } from "../helpers/hook.js";
import { againstInProcess, BAD_TS, BIN, claude, denials, envFor, type Run, runningDaemon, runtimeDir, status, TABLE, waitFor } from "./helpers.js";

const FAST = BIN.replace(/\.cjs$/, ".pl");
const hasPerl = spawnSync("perl", ["-e", "exit 0"]).status === 0;
/** The fallback runs `node` from PATH: this Node, as the registration's `node` would be the user's. */
const PATH = `${dirname(process.execPath)}:${process.env.PATH ?? ""}`;

function fast(stdin: string | object, env: Record<string, string>, options: { args?: string[]; cwd?: string } = {}): Run {
  const result = spawnSync("perl", [FAST, "hook", ...(options.args ?? [])], {
    input: typeof stdin === "string" ? stdin : JSON.stringify(stdin),
    encoding: "utf8",
    timeout: 30_000,
    env: { ...env, PATH },
    cwd: options.cwd,
  });
  return { status: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}

describe("the fast client's constants are the TypeScript side's", () => {
  const source = readFileSync(join(import.meta.dirname, "..", "..", "src", "daemon", "fast-client.pl"), "utf8");
  it("hook env keys, daemon payload cap, raw prefix", () => {
    expect(/my @HOOK_ENV_KEYS = qw\(([^)]*)\);/.exec(source)?.[1]?.split(/\s+/)).toEqual([...HOOK_ENV_KEYS]);
    expect(Number(/my \$MAX_DAEMON_PAYLOAD = (\d+);/.exec(source)?.[1])).toBe(MAX_DAEMON_PAYLOAD);
    expect(/my \$RAW_PREFIX = "([^"]*)";/.exec(source)?.[1]?.replace("\\n", "\n")).toBe(RAW_PREFIX);
  });
  it("the build ships it, executable, beside the bin", () => {
    expect(readFileSync(FAST, "utf8")).toBe(source);
  });
});

describe.skipIf(!hasPerl)("fast client", () => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(() => {
    ({ dir, env } = runningDaemon());
  });

  /** The fast client's answer, the reference (Node, daemon off), and whether the daemon took the call. */
  function both(stdin: string | object, options: { env?: Record<string, string>; args?: string[]; cwd?: string } = {}) {
    const { answer, answered, reference } = againstInProcess(dir, fast, stdin, { ...env, ...options.env }, options);
    return { viaFast: answer, answered, reference };
  }

  const repo = () =>
    project({
      "src/legacy.ts": `export const a = 1;\n${BAD_TS}`,
      "jobs/old.py": "def f(org_id):\n    return 1\n",
    });

  describe("through the daemon: the Node command's answers", () => {
    const cases: Array<[string, (p: string) => object]> = [
      ["Claude Write (TS)", (p) => claude("Write", { file_path: join(p, "src/new.ts"), content: `const ok = 1;\n${BAD_TS}` }, p)],
      ["Claude Edit", (p) => claude("Edit", { file_path: join(p, "src/legacy.ts"), old_string: "export const a = 1;", new_string: "export async function saveIntegrationStatus() {}" }, p)],
      ["Claude Write (Python)", (p) => claude("Write", { file_path: join(p, "jobs/new.py"), content: 'rows = db.table("cloud_provider_integrations").select("*").execute()\n' }, p)],
      ["Claude Write (SQL)", (p) => claude("Write", { file_path: join(p, "db/0042.sql"), content: "ALTER TABLE organizations ADD COLUMN integration_openai_status text;\n" }, p)],
      ["Claude Bash heredoc", (p) => claude("Bash", { command: `cat > x.py <<'EOF'\nclient.table("cloud_provider_integrations").select("*")\nEOF` }, p)],
      ["Codex apply_patch", (p) => ({ session_id: "s", turn_id: "t", cwd: p, hook_event_name: "PreToolUse", tool_name: "apply_patch", tool_input: { command: `*** Begin Patch\n*** Add File: src/p.ts\n+${BAD_TS}*** End Patch\n` } })],
      ["Gemini write_file", (p) => ({ session_id: "s", cwd: p, hook_event_name: "BeforeTool", tool_name: "write_file", tool_input: { file_path: `${p}/src/g.ts`, content: BAD_TS } })],
      ["a file that only mentions a rule word", (p) => claude("Write", { file_path: join(p, "src/ok.ts"), content: "// integration_openai_status only in a comment\nexport const x = 1;\n" }, p)],
      ["an everyday clean file (the daemon's fast path)", (p) => claude("Write", { file_path: join(p, "src/list.tsx"), content: "export const List = () => null;\n" }, p)],
    ];
    for (const [name, make] of cases) {
      it(name, () => {
        const { viaFast, answered, reference } = both(make(repo()));
        expect(answered).toBe(1);
        expect(viaFast).toEqual(reference);
        expect(viaFast.stdout === "").toBe(name.includes("clean") || name.includes("mentions"));
      });
    }

    it("denies with the rule id and file:line", () => {
      const p = repo();
      const { viaFast } = both(claude("Write", { file_path: join(p, "src/new.ts"), content: `const ok = 1;\n${BAD_TS}` }, p));
      expect(denials(viaFast)).toEqual([`src/new.ts:2 ${TABLE}`]);
    });

    it("flags are read as the Node command reads them: --agent, --fail-closed, a usage error, --help", () => {
      const p = repo();
      const codex = { session_id: "s", turn_id: "t", cwd: p, hook_event_name: "PreToolUse", tool_name: "apply_patch", tool_input: { command: `*** Begin Patch\n*** Add File: src/q.ts\n+${BAD_TS}*** End Patch\n` } };
      for (const args of [["--agent", "codex"], ["--fail-closed"], ["--agent", "nobody"], ["--help"]]) {
        const { viaFast, answered, reference } = both(args[0] === "--fail-closed" ? "{not json" : codex, { args });
        expect(answered).toBe(1);
        expect(viaFast).toEqual(reference);
      }
    });

    it("a relative file_path without a payload cwd resolves against the client's cwd, in a path with a space and non-ASCII", () => {
      const p = join(repo(), "dossier été");
      mkdirSync(join(p, "src"), { recursive: true });
      const call = claude("Write", { file_path: "src/new.ts", content: BAD_TS });
      delete (call as { cwd?: string }).cwd;
      const { viaFast, answered, reference } = both(call, { cwd: p, env: { CLAUDE_PROJECT_DIR: p } });
      expect(answered).toBe(1);
      expect(denials(viaFast).length).toBeGreaterThan(0);
      expect(viaFast).toEqual(reference);
    });

    it("binary junk and malformed JSON get the Node command's answer", () => {
      for (const stdin of ["\u0000\u0001\u00ff garbage", "", "[1,2]"]) {
        const { viaFast, reference } = both(stdin);
        expect(viaFast).toEqual(reference);
      }
    });
  });

  describe("hands the call to the Node command", () => {
    const call = (p: string) => claude("Write", { file_path: join(p, "src/new.ts"), content: BAD_TS }, p);

    it("when the daemon is turned off (INTEGRATION_GUARD_DAEMON=0, --no-daemon)", () => {
      const p = repo();
      for (const options of [{ env: { INTEGRATION_GUARD_DAEMON: "0" } }, { args: ["--no-daemon"] }]) {
        const { viaFast, answered, reference } = both(call(p), options);
        expect(answered).toBe(0);
        expect(denials(viaFast)).toEqual([`src/new.ts:1 ${TABLE}`]);
        expect(viaFast).toEqual(reference);
      }
    });

    it("when no daemon runs: the Node command answers and starts one", () => {
      const empty = runtimeDir();
      const p = repo();
      const viaFast = fast(call(p), envFor(empty));
      expect(denials(viaFast)).toEqual([`src/new.ts:1 ${TABLE}`]);
      expect(waitFor(() => status(empty))).toBeDefined();
    });

    it("when the runtime dir is not private (group or others may enter it)", () => {
      const open = mkdtempSync(join(tmpdir(), "ig-rt-open-"));
      chmodSync(open, 0o755);
      const p = repo();
      const viaFast = fast(call(p), envFor(open));
      expect(denials(viaFast)).toEqual([`src/new.ts:1 ${TABLE}`]);
    });

    it("when the payload is larger than the daemon takes", () => {
      const p = repo();
      const padding = `// ${"x".repeat(100)}\n`.repeat(Math.ceil(MAX_DAEMON_PAYLOAD / 100));
      const { viaFast, answered, reference } = both(claude("Write", { file_path: join(p, "src/big.ts"), content: `${padding}${BAD_TS}` }, p));
      expect(answered).toBe(0);
      expect(viaFast.stdout).toContain('"deny"');
      expect(viaFast).toEqual(reference);
    });

    it("when what answers on the socket refuses (another build: ERR stale) or sends a garbled answer", async () => {
      for (const reply of ["ERR stale\n", "12 nonsense", ""]) {
        const fake = runtimeDir();
        const key = readFileSync(join(dirname(BIN), "build-key"), "utf8").trim();
        const server = createServer((conn) => {
          conn.on("data", () => {});
          conn.on("end", () => conn.end(reply));
        });
        await new Promise<void>((resolve) => server.listen(join(fake, `${key}.sock`), resolve));
        try {
          const p = repo();
          const result = await new Promise<Run>((resolve) => {
            // Not spawnSync: this process serves the fake socket meanwhile.
            const child = spawn("perl", [FAST, "hook"], { env: { ...envFor(fake), INTEGRATION_GUARD_DAEMON: "1", PATH } });
            let stdout = "";
            let stderr = "";
            child.stdout.on("data", (d: Buffer) => (stdout += d));
            child.stderr.on("data", (d: Buffer) => (stderr += d));
            child.on("close", (code) => resolve({ status: code, stdout, stderr }));
            child.stdin.end(JSON.stringify(call(p)));
          });
          expect(result.status).toBe(0);
          expect(denials(result)).toEqual([`src/new.ts:1 ${TABLE}`]);
        } finally {
          await new Promise((resolve) => server.close(resolve));
        }
      }
    });
  });

  describe("the registered chooser (install/hook-command.ts)", () => {
    const chooser = (base: string, pathDirs: string[]) => {
      const p = repo();
      return spawnSync("/bin/sh", ["-c", CHOOSER, "integration-guard", base, "hook"], {
        input: JSON.stringify(claude("Write", { file_path: join(p, "src/new.ts"), content: BAD_TS }, p)),
        encoding: "utf8",
        env: { ...env, PATH: pathDirs.join(":") },
        timeout: 30_000,
      });
    };
    /** How the daemon's last request came: the fast client's raw framing, or the Node client's JSON. */
    const lastRequestWasRaw = () => / raw$/.test(readFileSync(join(dir, "daemon.log"), "utf8").split("\n").findLast((line) => line.includes(" result=exit=")) ?? "");
    const BASE = BIN.replace(/\.cjs$/, "");
    const USER_PATH = [dirname(process.execPath), ...(process.env.PATH ?? "").split(":")];

    it("runs the fast client where perl is (the daemon answers its raw request)", () => {
      const before = status(dir)!.requests;
      const run = chooser(BASE, USER_PATH);
      expect(denials({ status: run.status, stdout: run.stdout, stderr: run.stderr })).toEqual([`src/new.ts:1 ${TABLE}`]);
      expect(status(dir)!.requests - before).toBe(1);
      expect(lastRequestWasRaw()).toBe(true);
    });

    it("runs node where perl is missing", () => {
      const onlyNode = mkdtempSync(join(tmpdir(), "ig-path-"));
      symlinkSync(process.execPath, join(onlyNode, "node"));
      const before = status(dir)!.requests;
      const run = chooser(BASE, [onlyNode]);
      expect(run.status).toBe(0);
      expect(denials({ status: run.status, stdout: run.stdout, stderr: run.stderr })).toEqual([`src/new.ts:1 ${TABLE}`]);
      expect(status(dir)!.requests - before).toBe(1);
      expect(lastRequestWasRaw()).toBe(false);
    });

    it("runs node where the fast client's file is missing (an older build under newer settings), never perl on nothing", () => {
      const old = mkdtempSync(join(tmpdir(), "ig-old-build-"));
      symlinkSync(BIN, join(old, "integration-guard.cjs"));
      const run = chooser(join(old, "integration-guard"), USER_PATH);
      expect(run.status).toBe(0);
      expect(denials({ status: run.status, stdout: run.stdout, stderr: run.stderr })).toEqual([`src/new.ts:1 ${TABLE}`]);
      expect(lastRequestWasRaw()).toBe(false);
    });
  });
});

describe("the registration installed from Windows", () => {
  it("runs the Node bin itself (no sh to count on, no daemon there)", async () => {
    const { hookExecForm, hookShellForm } = await import("../../src/install/hook-command.js");
    expect(hookExecForm("${CLAUDE_PROJECT_DIR}/node_modules/integration-guard/dist/integration-guard.cjs", ["hook"], "win32")).toEqual({
      command: "node",
      args: ["${CLAUDE_PROJECT_DIR}/node_modules/integration-guard/dist/integration-guard.cjs", "hook"],
    });
    expect(hookShellForm("${GEMINI_PROJECT_DIR}/node_modules/integration-guard/dist/integration-guard.cjs", "hook --agent gemini", "win32")).toBe(
      'node "${GEMINI_PROJECT_DIR}/node_modules/integration-guard/dist/integration-guard.cjs" hook --agent gemini',
    );
  });
});
