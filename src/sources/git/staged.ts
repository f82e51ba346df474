/**
 * `lint --staged`: the content about to be committed, read from the git index (not the working
 * tree, which may differ after partial staging). One `git diff --cached` lists the Added,
 * Modified, Renamed and Copied files (deletions have nothing to check); one `git cat-file --batch`
 * stream reads every blob. NUL-separated output throughout, so spaces, quotes and unicode in
 * paths need no unquoting. Works before the first commit (git compares with the empty tree) and
 * in linked worktrees (every command runs in the user's directory).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { languageOfPath } from "../../languages/registry.js";
import { toPosix } from "../files/paths.js";
import type { LintJob } from "../files/check-job.js";

export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GitError";
  }
}

/** A staged file: its path from the repository root and the blob id of its staged content. */
export interface StagedEntry {
  path: string;
  blob: string;
  status: "A" | "M" | "R" | "C";
}

/** Regular files only: symbolic links (120000) and submodules (160000) hold no code. */
const REGULAR_FILE = /^100(644|755)$/;

/** Staged files with a language, as lint jobs whose bytes come from the index. */
export async function stagedJobs(cwd: string, pathspecs: readonly string[] = []): Promise<LintJob[]> {
  const [top, all] = await Promise.all([topLevel(cwd), stagedEntries(cwd, pathspecs)]);
  const entries = all.filter((e) => languageOfPath(e.path));
  if (entries.length === 0) return [];
  const blobs = await readBlobs(cwd, entries.map((e) => e.blob));
  return entries.map((entry, i) => ({ file: toPosix(relative(cwd, join(top, entry.path))), bytes: blobs[i]! }));
}

export async function stagedEntries(cwd: string, pathspecs: readonly string[] = []): Promise<StagedEntry[]> {
  const out = await git(cwd, [
    "diff", "--cached", "--raw", "-z", "--no-abbrev", "--no-ext-diff", "--no-textconv",
    "--find-renames", "--find-copies", "--diff-filter=AMRC",
    // Paths from the repository root whatever the cwd; pathspecs still relative to cwd.
    "--no-relative",
    "--", ...pathspecs,
  ]);
  return parseRawDiff(out.toString("utf8"));
}

/**
 * The work tree root. Every git process costs milliseconds a pre-commit hook pays on each commit,
 * so the usual layout (a `.git` directory, or a `.git` file in a linked worktree) is found by
 * looking up from cwd; git itself answers when the environment points elsewhere.
 */
async function topLevel(cwd: string): Promise<string> {
  if (process.env.GIT_DIR === undefined && process.env.GIT_WORK_TREE === undefined) {
    for (let dir = resolve(cwd); ; dir = dirname(dir)) {
      if (existsSync(join(dir, ".git"))) return dir;
      if (dirname(dir) === dir) break;
    }
  }
  return (await git(cwd, ["rev-parse", "--show-toplevel"])).toString("utf8").replace(/\n$/, "");
}

/** `:old-mode new-mode old-blob new-blob STATUS\0path\0` (two paths for renames and copies). */
export function parseRawDiff(raw: string): StagedEntry[] {
  const fields = raw.split("\0");
  const entries: StagedEntry[] = [];
  for (let i = 0; i < fields.length; ) {
    const header = fields[i++]!;
    if (!header.startsWith(":")) continue;
    const [, newMode, , newBlob, score] = header.slice(1).split(" ");
    const status = score?.[0];
    const twoPaths = status === "R" || status === "C";
    const path = twoPaths ? fields[i + 1]! : fields[i]!;
    i += twoPaths ? 2 : 1;
    if ((status === "A" || status === "M" || status === "R" || status === "C") && REGULAR_FILE.test(newMode ?? "") && newBlob) {
      entries.push({ path, blob: newBlob, status });
    }
  }
  return entries;
}

/** Every blob through one `git cat-file --batch` process, in the order asked. */
export async function readBlobs(cwd: string, ids: readonly string[]): Promise<Buffer[]> {
  const out = await git(cwd, ["cat-file", "--batch"], `${ids.join("\n")}\n`);
  const blobs: Buffer[] = [];
  let at = 0;
  for (const id of ids) {
    const newline = out.indexOf(0x0a, at);
    const header = out.subarray(at, newline).toString("utf8");
    const [, type, size] = header.split(" ");
    if (type !== "blob" || size === undefined) throw new GitError(`git cat-file: cannot read blob ${id} (${header})`);
    const start = newline + 1;
    const end = start + Number(size);
    // A copy, so a worker gets this blob alone and not the whole batch buffer.
    blobs.push(Buffer.from(out.subarray(start, end)));
    at = end + 1; // content is followed by a newline
  }
  return blobs;
}

function git(cwd: string, args: readonly string[], input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (error) => reject(new GitError(`cannot run git: ${error.message}`)));
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new GitError(`git ${args[0]} failed: ${Buffer.concat(err).toString("utf8").trim() || `exit code ${code}`}`));
    });
    child.stdin.on("error", () => {}); // git exited early; the close handler reports it
    child.stdin.end(input ?? "");
  });
}
