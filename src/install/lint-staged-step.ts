/**
 * `install --lint-staged`: adds the guard to an existing lint-staged setup. JSON configs
 * (package.json "lint-staged", .lintstagedrc, .lintstagedrc.json) are edited; JS and YAML configs
 * are code or comments we would not rewrite faithfully, so the entry is printed instead.
 * lint-staged appends the staged file names and runs with the unstaged changes stashed.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { formatJson, isObject, type Json, readJsonFile } from "./files.js";
import type { StepPlan, StepResult } from "./plan.js";

export const LINT_STAGED_GLOB = "*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,py,sql}";
export const LINT_STAGED_COMMAND = "integration-guard lint";

const JSON_CONFIGS = [".lintstagedrc", ".lintstagedrc.json"];
const OTHER_CONFIGS = [
  ".lintstagedrc.yaml", ".lintstagedrc.yml", ".lintstagedrc.mjs", ".lintstagedrc.cjs", ".lintstagedrc.js",
  "lint-staged.config.js", "lint-staged.config.mjs", "lint-staged.config.cjs", "lint-staged.config.ts",
];

interface Target {
  file: string;
  /** The key holding the lint-staged config inside the file; undefined when the file is the config. */
  key?: string;
}

/** Finds where lint-staged reads its config, in lint-staged's own order of precedence. */
async function findTarget(root: string): Promise<Target | { printOnly: string } | undefined> {
  const pkg = await readJsonFile(join(root, "package.json"));
  if (pkg.kind === "ok" && isObject(pkg.value) && pkg.value["lint-staged"] !== undefined) return { file: "package.json", key: "lint-staged" };
  for (const file of JSON_CONFIGS) if (existsSync(join(root, file))) return { file };
  for (const file of OTHER_CONFIGS) if (existsSync(join(root, file))) return { printOnly: file };
  // No lint-staged config yet: package.json is where most projects keep it.
  if (pkg.kind === "ok") return { file: "package.json", key: "lint-staged" };
  return undefined;
}

const snippet = `${JSON.stringify({ [LINT_STAGED_GLOB]: LINT_STAGED_COMMAND }, null, 2)}\n`;

const result = (status: StepResult["status"], message: string, extra: Partial<StepResult> = {}): StepPlan => ({
  result: { step: "lint-staged", status, message, ...extra },
  changes: [],
});

export async function planLintStagedInstall(root: string): Promise<StepPlan> {
  const target = await findTarget(root);
  if (!target) return result("printed", "no package.json or lint-staged config found; add this lint-staged config", { content: snippet });
  if ("printOnly" in target) {
    return result("printed", `${target.printOnly} is not JSON; add this entry to it`, { file: target.printOnly, content: snippet });
  }
  const path = join(root, target.file);
  const file = await readJsonFile(path);
  if (file.kind !== "ok" || !isObject(file.value)) {
    const why = file.kind === "invalid" ? file.error : "not a JSON object";
    return result("refused", `not changed: ${why}. The file was left exactly as it is; add this entry by hand`, { file: target.file, content: snippet });
  }
  const config = target.key ? (file.value[target.key] ?? {}) : file.value;
  if (!isObject(config)) return result("refused", `"${target.key}" is not an object; add this entry by hand`, { file: target.file, content: snippet });
  const current = config[LINT_STAGED_GLOB];
  const commands = current === undefined ? [] : Array.isArray(current) ? current : [current];
  if (commands.includes(LINT_STAGED_COMMAND)) return result("unchanged", "lint-staged already runs the guard", { file: target.file });
  const value = commands.length === 0 ? LINT_STAGED_COMMAND : [...commands, LINT_STAGED_COMMAND];
  const nextConfig = { ...config, [LINT_STAGED_GLOB]: value };
  const next = target.key ? { ...file.value, [target.key]: nextConfig } : nextConfig;
  const text = formatJson(next, file.style);
  return {
    result: { step: "lint-staged", status: "added", file: target.file, message: `lint-staged runs \`${LINT_STAGED_COMMAND}\` on staged sources`, content: text },
    changes: [{ path, text }],
  };
}

export async function planLintStagedUninstall(root: string): Promise<StepPlan> {
  const target = await findTarget(root);
  if (!target || "printOnly" in target) return result("unchanged", "no lint-staged entry of ours found");
  const path = join(root, target.file);
  const file = await readJsonFile(path);
  if (file.kind !== "ok" || !isObject(file.value)) return result("unchanged", "no lint-staged entry of ours found");
  const config = target.key ? file.value[target.key] : file.value;
  if (!isObject(config)) return result("unchanged", "no lint-staged entry of ours found");
  const current = config[LINT_STAGED_GLOB];
  const commands = current === undefined ? [] : Array.isArray(current) ? current : [current];
  if (!commands.includes(LINT_STAGED_COMMAND)) return result("unchanged", "no lint-staged entry of ours found");
  const rest = commands.filter((c) => c !== LINT_STAGED_COMMAND);
  const nextConfig: Json = { ...config };
  if (rest.length === 0) delete nextConfig[LINT_STAGED_GLOB];
  // install turned a single command into a list to append ours: turn it back.
  else nextConfig[LINT_STAGED_GLOB] = rest.length === 1 ? rest[0] : rest;
  let next: Json = nextConfig;
  if (target.key) {
    next = { ...file.value, [target.key]: nextConfig };
    // install created the "lint-staged" key when it held only our entry.
    if (Object.keys(nextConfig).length === 0) delete next[target.key];
  }
  const text = formatJson(next, file.style);
  return {
    result: { step: "lint-staged", status: "removed", file: target.file, message: "removed the guard from lint-staged" },
    changes: [{ path, text }],
  };
}
