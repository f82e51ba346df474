/**
 * The turn-end backstop's source: the files a session changed, whatever route wrote them (a file
 * tool, a shell command the pre-call check could not follow, `python -c`, an MCP server), each as
 * a ProposedWrite whose "before" is the file when the session started and whose "after" is the
 * file now. So only what the session introduced blocks.
 *
 *   SessionStart       startSession: record the snapshot (git tree object, or a folder copy)
 *   after a call       sessionChanges(..., "unseen"): changed files not judged since their last change
 *   Stop / AfterAgent  sessionChanges(..., "all"): every changed file
 *
 * Without a snapshot (no SessionStart hook ran, no session id) a git repository falls back to
 * HEAD; outside git nothing is known and the caller says so.
 */
import { tmpdir } from "node:os";
import { isAbsolute, join, relative, resolve } from "node:path";
import type { ProposedWrite } from "../../core/hook-types.js";
import { languageOfPath } from "../../languages/registry.js";
import type { SourceContext } from "../agent.js";
import { displayPath, readTargetFile, unjudgeableText } from "../claude-code/files.js";
import { changedInFolder, folderSnapshot, tooWideToSnapshot } from "./folder.js";
import { changedSince, gitRoot, headTree, snapshotTree, textsAt } from "./git.js";
import { type SessionState, SessionStore, type StopRecord, textHash } from "./state.js";

export interface SessionContext extends SourceContext {
  /** The agent's session id (payload `session_id`); undefined when it sent none. */
  sessionId: string | undefined;
  /** The user's private runtime dir (0700); undefined when none is safe to use. */
  stateDir: string | undefined;
}

/** Records the working tree as the session starts; a session already recorded keeps its start. */
export async function startSession(context: SessionContext): Promise<string[]> {
  const store = storeOf(context);
  if (!store) return [context.sessionId === undefined ? "no session_id in the payload: nothing recorded" : "no private runtime directory: nothing recorded"];
  store.pruneStale();
  const kept = stateFor(store, context);
  if (kept) return [`session already recorded (${kept.snapshot.kind} snapshot)`];
  const root = gitRoot(context.projectDir);
  const base = { version: 1 as const, seen: {}, stops: {}, startedAt: Date.now() };
  if (root) {
    let tree: string;
    try {
      tree = snapshotTree(root, store.scratchIndex);
    } catch (error) {
      // A read-only object store, a broken index...: the turn end falls back to HEAD.
      return [`no snapshot of the git working tree (${(error as Error).message.split("\n")[0]}): the turn end will compare with HEAD`];
    }
    store.write({ ...base, root, snapshot: { kind: "git", tree } });
    return [];
  }
  if (tooWideToSnapshot(context.projectDir)) return [`${context.projectDir} is not a project folder: no snapshot taken (the turn-end check needs git or a project folder)`];
  const snapshot = await folderSnapshot(context.projectDir);
  store.writeTexts(snapshot.texts);
  store.write({ ...base, root: context.projectDir, snapshot: { kind: "folder", stamps: snapshot.stamps, partial: snapshot.partial } });
  return snapshot.partial ? ["the folder snapshot is partial (too many or too large files): files beyond it are judged whole"] : [];
}

export interface SessionChanges {
  writes: ProposedWrite[];
  /** A session-start record exists (else: HEAD, and nothing is remembered between calls). */
  recorded: boolean;
  notes: string[];
  /** Marks these texts as judged, so the next after-the-call check does not repeat them. */
  markSeen(): void;
  /** The turn-end loop guard: how often the same findings blocked in a row (see hook/turn-end.ts). */
  stops: { read(agent: string): StopRecord | undefined; write(agent: string, record: StopRecord | undefined): void };
}

/**
 * The files changed since the session started: "all" of them (turn end), or those not judged
 * since they last changed ("unseen": after a call). undefined when nothing is known: outside git
 * without a snapshot.
 */
export async function sessionChanges(context: SessionContext, which: "all" | "unseen"): Promise<SessionChanges | undefined> {
  const store = storeOf(context);
  const recorded = store && stateFor(store, context);
  const root = recorded?.root ?? gitRoot(context.projectDir);
  if (!root) return undefined;
  const state: SessionState = recorded ?? { version: 1, root, snapshot: { kind: "git", tree: "" }, seen: {}, stops: {}, startedAt: Date.now() };
  const notes: string[] = [];
  if (!recorded) notes.push("no session-start snapshot: changes are judged against HEAD");

  let candidates: Array<{ rel: string; before: string | undefined }>;
  if (state.snapshot.kind === "git") {
    const tree = state.snapshot.tree || headTree(root, store?.scratchIndex ?? join(tmpdir(), `integration-guard-empty-index-${process.pid}`));
    const { paths, truncated } = changedSince(root, tree);
    if (truncated) notes.push(`more than ${paths.length} changed files: the rest is not judged`);
    const texts = textsAt(root, tree, paths);
    candidates = paths.map((rel) => ({ rel, before: texts.get(rel) }));
  } else {
    const changed = await changedInFolder(root, state.snapshot.stamps);
    const texts = changed.length > 0 && store ? store.readTexts() : {};
    candidates = changed.map((rel) => ({ rel, before: texts[rel] }));
  }

  const writes: ProposedWrite[] = [];
  const judged: Array<[string, string]> = [];
  for (const { rel, before } of candidates) {
    const language = languageOfPath(rel);
    if (!language) continue;
    const absolute = resolve(root, rel);
    const file = readTargetFile(absolute);
    if (file.kind === "missing") continue; // deleted: introduces nothing
    const shown = displayPath(absolute, context.projectDir);
    if (file.kind === "unreadable") {
      notes.push(`${shown}: not judged (${file.reason})`);
      continue;
    }
    if (file.text === before) continue;
    const odd = unjudgeableText(file.text);
    if (odd) {
      notes.push(`${shown}: not judged (${odd})`);
      continue;
    }
    const hash = textHash(file.text);
    if (which === "unseen" && state.seen[rel] === hash) continue;
    judged.push([rel, hash]);
    writes.push({ displayPath: shown, language, before: before ?? "", after: file.text });
  }

  const save = () => {
    if (recorded && store) store.write(state);
  };
  return {
    writes,
    recorded: recorded !== undefined,
    notes,
    markSeen: () => {
      if (judged.length === 0) return;
      for (const [rel, hash] of judged) state.seen[rel] = hash;
      save();
    },
    stops: {
      read: (agent) => state.stops[agent],
      write: (agent, record) => {
        if (record) state.stops[agent] = record;
        else delete state.stops[agent];
        save();
      },
    },
  };
}

function storeOf(context: SessionContext): SessionStore | undefined {
  return context.sessionId && context.stateDir ? new SessionStore(context.stateDir, context.sessionId) : undefined;
}

/** The recorded state, if it covers where this call happens (a session id reused elsewhere does not count). */
function stateFor(store: SessionStore, context: SessionContext): SessionState | undefined {
  const state = store.read();
  return state && isInside(state.root, context.projectDir) ? state : undefined;
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}
