/**
 * The authoring commands (rules new, test-rules, explain) as a user runs them: the built binary
 * (dist/integration-guard.cjs) spawned in real temp git repositories.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { compileRule } from "../../src/rules/compile.js";
import { BIN, type Run } from "../lint/helpers.js";

export { gitRepo, tempDir, write } from "../lint/helpers.js";

export function cli(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Run {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`node scripts/build.mjs\` first`);
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "", ...env },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `cli(...)` with --json, parsed; throws with the output when stdout is not JSON. */
export function cliJson<T>(cwd: string, args: readonly string[]): Run & { json: T } {
  const run = cli(cwd, [...args, "--json"]);
  try {
    return { ...run, json: JSON.parse(run.stdout) as T };
  } catch {
    throw new Error(`${args.join(" ")} did not print JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
}

/**
 * Whether this build's engine compiles the general matcher kinds (issue 12: import, call, member,
 * jsx-attribute, string, pattern). Until it does, a rule of those kinds finds nothing, so the tests
 * that need them run only once it does.
 */
export const GENERAL_KINDS_COMPILED = (() => {
  const rule = compileRule({
    id: "probe",
    severity: "block",
    languages: ["typescript"],
    message: "m",
    help: "h",
    match: [{ kind: "import", modules: ["legacy"] }],
  });
  const fact = { kind: "import" as const, module: ["legacy"], names: ["*"], span: { start: 0, end: 1 } };
  return rule.matchers.some((m) => m.select([fact]).length > 0);
})();

/** One rule file in the schema of rules/ (a table rule: compiled by every build). */
export function tableRule(id: string, table: string, options: { invalid?: string; valid?: string } = {}): string {
  return `id: ${id}
severity: block
languages: [typescript, javascript, python, sql]
message: "Don't use the ${table} table"
help: Use the settings API.
match:
  - kind: table
    tables: [${table}]
examples:
  invalid:
    - file: src/settings/load.ts
      code: |
        ${options.invalid ?? `await supabase.from("${table}").select("*");`}
      lines: [1]
  valid:
    - file: src/settings/load.ts
      code: |
        ${options.valid ?? `await supabase.from("user_preferences").select("*");`}
`;
}
