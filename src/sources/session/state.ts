/**
 * The per-session state of the turn-end backstop: what the working tree was when the session
 * started (a git tree object, or outside git a copy of the source files), which changed files the
 * after-the-call check already judged, and how often the turn end was blocked on the same
 * findings. One JSON file per session, in the user's 0700 runtime directory (never in the
 * repository): `sessions/<hash of session_id>.json`, written atomically.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { privateDir } from "../../core/private-dir.js";

/**
 * Where session state lives: INTEGRATION_GUARD_STATE_DIR (tests), else
 * $XDG_STATE_HOME/integration-guard, else ~/.local/state/integration-guard; undefined when that
 * directory is not private to this user.
 */
export function sessionStateDir(env: NodeJS.ProcessEnv): string | undefined {
  return privateDir(env.INTEGRATION_GUARD_STATE_DIR || join(env.XDG_STATE_HOME || join(homedir(), ".local", "state"), "integration-guard"));
}

/** Size and mtime of a file, to tell quickly that it did not change (folder snapshots). */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

export type Snapshot =
  /** A tree object in the repository's object store: tracked files and untracked, not ignored ones. */
  | { kind: "git"; tree: string }
  /** Outside git: stamps of every source file; texts in a side file (loaded only when a file changed). */
  | { kind: "folder"; stamps: Record<string, FileStamp>; partial: boolean };

/** Turn-end blocks in a row with the same findings (per agent: the main one, or a subagent). */
export interface StopRecord {
  key: string;
  count: number;
  streak: number;
}

export interface SessionState {
  version: 1;
  /** The folder the snapshot covers (the git top level, or the project folder). */
  root: string;
  snapshot: Snapshot;
  /** Project-relative path -> hash of the text the after-the-call check last judged. */
  seen: Record<string, string>;
  stops: Record<string, StopRecord>;
  startedAt: number;
}

/** A session file not touched for a week belongs to a session long over. */
const STALE_MS = 7 * 24 * 60 * 60 * 1000;

export class SessionStore {
  private readonly dir: string;
  private readonly base: string;

  constructor(stateDir: string, sessionId: string) {
    this.dir = join(stateDir, "sessions");
    // Hashed: a session id is the agent's string, never a path.
    this.base = join(this.dir, createHash("sha256").update(sessionId).digest("hex").slice(0, 32));
  }

  /** Where a temporary git index may be written during a snapshot. */
  get scratchIndex(): string {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    return `${this.base}.index`;
  }

  read(): SessionState | undefined {
    try {
      const state = JSON.parse(readFileSync(`${this.base}.json`, "utf8")) as SessionState;
      return state?.version === 1 && typeof state.root === "string" && state.snapshot ? state : undefined;
    } catch {
      return undefined;
    }
  }

  write(state: SessionState): void {
    this.writeAtomic(`${this.base}.json`, JSON.stringify(state));
  }

  /** The texts of a folder snapshot (written once at session start). */
  readTexts(): Record<string, string> {
    try {
      return JSON.parse(readFileSync(`${this.base}.texts.json`, "utf8")) as Record<string, string>;
    } catch {
      return {};
    }
  }

  writeTexts(texts: Record<string, string>): void {
    this.writeAtomic(`${this.base}.texts.json`, JSON.stringify(texts));
  }

  /** Removes the state of sessions not touched for a week. */
  pruneStale(now = Date.now()): void {
    try {
      for (const name of readdirSync(this.dir)) {
        const path = join(this.dir, name);
        if (now - statSync(path).mtimeMs > STALE_MS) rmSync(path, { force: true });
      }
    } catch {
      // Nothing to prune.
    }
  }

  private writeAtomic(path: string, text: string): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, text, { mode: 0o600 });
    renameSync(temp, path);
  }
}

/** A short content hash (the after-the-call check's "already judged" mark). */
export function textHash(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}
