/**
 * `install --pre-commit`: the pre-commit framework (pre-commit.com). Adds a `repo: local` hook that
 * runs the project's own installed guard to .pre-commit-config.yaml, editing the YAML document in
 * place so the user's comments and layout survive. (Projects that prefer pinning this repository
 * use the id from .pre-commit-hooks.yaml instead; see docs/install.md.)
 */
import { join } from "node:path";
import { isMap, isSeq, parseDocument, type Document, YAMLMap, YAMLSeq } from "yaml";
import { readText } from "./files.js";
import { lintCommand } from "./git-step.js";
import type { StepPlan } from "./plan.js";

export const PRE_COMMIT_FILE = ".pre-commit-config.yaml";
export const HOOK_ID = "integration-guard";

export function localHook(script: string) {
  return {
    id: HOOK_ID,
    name: "integration-guard",
    entry: lintCommand(script),
    language: "system",
    // The guard reads the staged blobs itself (--staged), so file names are not passed.
    pass_filenames: false,
    types_or: ["ts", "tsx", "javascript", "jsx", "python", "sql"],
  };
}

/** The `repo: local` entry as a YAML node, types_or written inline like pre-commit's own docs. */
function localRepoNode(doc: Document, script: string) {
  const node = doc.createNode({ repo: "local", hooks: [localHook(script)] });
  const hook = (node.get("hooks") as YAMLSeq).items[0] as YAMLMap;
  (hook.get("types_or") as YAMLSeq).flow = true;
  return node;
}

/** lineWidth 0: never fold a long `entry:` command over two lines. */
const toText = (doc: Document) => doc.toString({ lineWidth: 0 });

export function snippet(script: string): string {
  const doc = parseDocument("repos: []\n");
  doc.set("repos", doc.createNode([]));
  (doc.get("repos") as YAMLSeq).add(localRepoNode(doc, script));
  return toText(doc);
}

function hookIdsOf(repo: unknown): unknown[] {
  if (!isMap(repo)) return [];
  const hooks = repo.get("hooks");
  return isSeq(hooks) ? hooks.items.map((hook) => (isMap(hook) ? hook.get("id") : undefined)) : [];
}

async function load(root: string): Promise<{ text: string; doc: Document; repos: YAMLSeq } | { error: string } | undefined> {
  const text = await readText(join(root, PRE_COMMIT_FILE));
  if (text === undefined) return undefined;
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return { error: doc.errors[0]!.message };
  const repos = doc.get("repos");
  if (!isSeq(repos)) return { error: '"repos" is not a list' };
  return { text, doc, repos };
}

export async function planPreCommitInstall(root: string, script: string): Promise<StepPlan> {
  const path = join(root, PRE_COMMIT_FILE);
  const loaded = await load(root);
  if (loaded === undefined) {
    const text = snippet(script);
    return { result: { step: "pre-commit", status: "added", file: PRE_COMMIT_FILE, message: "created with the guard's hook; run `pre-commit install`", content: text }, changes: [{ path, text }] };
  }
  if ("error" in loaded) {
    return {
      result: { step: "pre-commit", status: "refused", file: PRE_COMMIT_FILE, message: `not changed: ${loaded.error}. The file was left exactly as it is; add this by hand`, content: snippet(script) },
      changes: [],
    };
  }
  if (loaded.repos.items.some((repo) => hookIdsOf(repo).includes(HOOK_ID))) {
    return { result: { step: "pre-commit", status: "unchanged", file: PRE_COMMIT_FILE, message: "the guard's hook is already configured" }, changes: [] };
  }
  loaded.repos.add(localRepoNode(loaded.doc, script));
  const text = toText(loaded.doc);
  return { result: { step: "pre-commit", status: "added", file: PRE_COMMIT_FILE, message: "added the guard's hook", content: text }, changes: [{ path, text }] };
}

export async function planPreCommitUninstall(root: string): Promise<StepPlan> {
  const path = join(root, PRE_COMMIT_FILE);
  const loaded = await load(root);
  const none: StepPlan = { result: { step: "pre-commit", status: "unchanged", message: "no pre-commit hook of ours found" }, changes: [] };
  if (loaded === undefined || "error" in loaded) return none;
  let removed = false;
  for (const repo of [...loaded.repos.items]) {
    if (!isMap(repo) || repo.get("repo") !== "local" || !hookIdsOf(repo).includes(HOOK_ID)) continue;
    const hooks = repo.get("hooks") as YAMLSeq;
    hooks.items = hooks.items.filter((hook) => !(hook instanceof YAMLMap && hook.get("id") === HOOK_ID));
    if (hooks.items.length === 0) loaded.repos.items.splice(loaded.repos.items.indexOf(repo), 1);
    removed = true;
  }
  if (!removed) return none;
  const onlyEmptyRepos = loaded.repos.items.length === 0 && isMap(loaded.doc.contents) && loaded.doc.contents.items.length === 1;
  return {
    result: { step: "pre-commit", status: "removed", file: PRE_COMMIT_FILE, message: "removed the guard's hook" },
    // A file holding nothing but our hook was created by install.
    changes: [onlyEmptyRepos ? { path, delete: true } : { path, text: toText(loaded.doc) }],
  };
}
