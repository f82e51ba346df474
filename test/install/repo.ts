/**
 * Real temp repositories for the install and doctor tests: `git init`, integration-guard linked in
 * as a dependency (node_modules/integration-guard -> this checkout, so hooks run the real built
 * binary), and the built CLI spawned as a process.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const CHECKOUT = fileURLToPath(new URL("../..", import.meta.url));
/** dist/, or a private copy of it (INTEGRATION_GUARD_TEST_DIST) that no other build touches. */
const DIST = process.env.INTEGRATION_GUARD_TEST_DIST || join(CHECKOUT, "dist");

/**
 * A snapshot of the built package (dist/, rules/, package.json; node_modules linked), taken once
 * per test file: other work in the same checkout rebuilds dist/ (rm + write) at any moment, and a
 * test spawning a binary that is being rebuilt would fail for reasons that are not its own.
 */
function snapshotPackage(): string {
  // A build in progress leaves dist/ half written for a moment: try again a few times.
  for (let attempt = 0; attempt < 40; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), "ig-package-"));
    try {
      cpSync(DIST, join(dir, "dist"), { recursive: true });
      for (const part of ["rules", "package.json"]) cpSync(join(CHECKOUT, part), join(dir, part), { recursive: true });
      // dist/build-key is written last.
      if (existsSync(join(dir, "dist", "integration-guard.cjs")) && existsSync(join(dir, "dist", "build-key"))) {
        symlinkSync(join(CHECKOUT, "node_modules"), join(dir, "node_modules"), "dir");
        return dir;
      }
    } catch {
      // A file vanished mid-copy: the build is running.
    }
    rmSync(dir, { recursive: true, force: true });
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
  }
  throw new Error("dist/ is incomplete: run `node scripts/build.mjs` first");
}

export const PACKAGE_ROOT = snapshotPackage();
export const BIN = join(PACKAGE_ROOT, "dist", "integration-guard.cjs");

export interface Repo {
  root: string;
  /** An empty home directory, so the developer's own ~/.claude/settings.json never leaks in. */
  home: string;
  write(path: string, text: string): void;
  read(path: string): string;
  git(...args: string[]): string;
  run(...args: string[]): CliRun;
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

const created: string[] = [PACKAGE_ROOT];

/** Removes every temp folder makeRepo made (call from afterAll). */
export function removeRepos(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** `folder`: the project's own folder name inside the temp dir (paths with spaces, quotes...). */
export function makeRepo(options: { git?: boolean; dependency?: boolean; folder?: string } = {}): Repo {
  const temp = mkdtempSync(join(tmpdir(), "ig-install-"));
  const root = options.folder ? join(temp, options.folder) : temp;
  mkdirSync(root, { recursive: true });
  const home = mkdtempSync(join(tmpdir(), "ig-home-"));
  created.push(temp, home);
  const repo: Repo = {
    root,
    home,
    write(path, text) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    },
    read: (path) => readFileSync(join(root, path), "utf8"),
    git: (...args) => execFileSync("git", args, { cwd: root, encoding: "utf8" }).trim(),
    run(...args) {
      const result = spawnSync(process.execPath, [BIN, ...args], {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, HOME: home, NO_COLOR: "1", CLAUDE_CONFIG_DIR: "" },
      });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    },
  };
  if (options.git !== false) repo.git("init", "--quiet");
  repo.write("package.json", `${JSON.stringify({ name: "app", private: true }, null, 2)}\n`);
  if (options.dependency !== false) {
    mkdirSync(join(root, "node_modules"));
    symlinkSync(PACKAGE_ROOT, join(root, "node_modules", "integration-guard"), "dir");
  }
  return repo;
}

/**
 * The shell program every hook registration runs (src/install/hook-command.ts): the fast client
 * where perl is, else the Node bin. Spelled out: a change to it changes every user's settings.
 */
export const CHOOSER = 'b=$1; shift; [ -f "$b.pl" ] && command -v perl >/dev/null 2>&1 && exec perl "$b.pl" "$@"; exec node "$b.cjs" "$@"';

/** What install --claude adds at SessionStart: the daemon started in the background. */
export const WARMUP_ENTRY = {
  hooks: [
    {
      type: "command",
      command: "node",
      args: ["${CLAUDE_PROJECT_DIR}/node_modules/integration-guard/dist/integration-guard.cjs", "daemon", "--start"],
      timeout: 10,
    },
  ],
};

export const GUARD_ENTRY = {
  matcher: "Write|Edit|MultiEdit|NotebookEdit|Bash",
  hooks: [
    {
      type: "command",
      command: "sh",
      args: ["-c", CHOOSER, "integration-guard", "${CLAUDE_PROJECT_DIR}/node_modules/integration-guard/dist/integration-guard", "hook"],
      timeout: 10,
    },
  ],
};

/** The guard's hook command as install registers it (the payload names the event). */
const HOOK_COMMAND = GUARD_ENTRY.hooks[0];
export const AFTER_CALL_ENTRY = { matcher: "^(Write|Edit|MultiEdit|NotebookEdit|Bash|mcp__.*)$", hooks: [HOOK_COMMAND] };
/** Stop, SubagentStop, and the session-start snapshot: no matcher. */
export const SESSION_ENTRY = { hooks: [HOOK_COMMAND] };
/** Every hook install --claude writes into empty settings. */
export const ALL_CLAUDE_HOOKS = {
  PreToolUse: [GUARD_ENTRY],
  PostToolUse: [AFTER_CALL_ENTRY],
  Stop: [SESSION_ENTRY],
  SubagentStop: [SESSION_ENTRY],
  SessionStart: [SESSION_ENTRY, WARMUP_ENTRY],
};
