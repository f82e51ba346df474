/**
 * `integration-guard doctor`: reads the Claude Code settings that apply to the project, and for each
 * registered guard hook checks its registration and runs it on a write it must deny and one it
 * must allow. Claude Code fails open on every mistake, so only a live run proves the guard blocks.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../install/project.js";
import { allowCheck, asyncCheck, type Check, denyCheck, matcherCheck, pathCheck, runnerCheck, timeoutCheck } from "./checks.js";
import { runHook } from "./run-hook.js";
import { samples } from "./samples.js";
import { readBackstopCoverage, readRegistrations, type RegisteredHook, type SettingsSource } from "./settings.js";
import { backstopChecks, codexChecks, geminiChecks } from "./agents.js";
import { describeProjectRules, summarizeProjectRules } from "../rules/project-summary.js";

export interface HookReport {
  source: string;
  command: string;
  args?: string[];
  matcher: unknown;
  timeout?: unknown;
  guard: boolean;
  checks: Check[];
}

export interface DoctorReport {
  root: string;
  sources: SettingsSource[];
  /** Checks about the settings as a whole (unreadable file, guard not registered). */
  checks: Check[];
  hooks: HookReport[];
  /** Write-tool hooks that are not the guard: listed, not run (their side effects are not ours to trigger). */
  otherHooks: Array<{ source: string; command: string; matcher: unknown }>;
  /** True when no check failed: the guard is registered, sound, and really blocks. */
  ok: boolean;
}

export interface DoctorOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Run every hook that sees a write tool, not only those that name integration-guard (wrapper scripts). */
  all?: boolean;
}

/** Doctor never waits longer than this for one run, whatever timeout is configured. */
const MAX_RUN_SECONDS = 60;

export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const root = await projectRoot(options.cwd);
  const { sources, hooks } = await readRegistrations(root, options.env);
  const checks: Check[] = sources
    .filter((source) => source.state === "invalid")
    .map((source) => ({
      id: "settings",
      status: "fail" as const,
      message: `${source.label} is not valid JSON (${source.error}): Claude Code cannot read the hooks in it`,
      fix: `fix the JSON in ${source.path}`,
    }));

  for (const source of sources.filter((s) => s.disablesHooks)) {
    checks.push({
      id: "settings",
      status: "fail",
      message: `${source.label} sets "disableAllHooks": true: Claude Code runs no hook at all`,
      fix: `remove "disableAllHooks" from ${source.path}`,
    });
  }

  // The other agents' hooks are only worth something once the agent trusts them.
  const env = options.env ?? process.env;
  const agentChecks = [...(await codexChecks(root, env)), ...(await geminiChecks(root, env))];

  const candidates = hooks.filter((hook) => hook.guard || (options.all === true && hook.covers.length > 0));
  // A project guarded for Codex or Gemini only is not failed for lacking Claude Code's hook.
  if (candidates.length === 0 && agentChecks.length === 0) {
    checks.push({
      id: "registered",
      status: "fail",
      message: "no PreToolUse hook runs integration-guard: nothing checks what the agent writes",
      fix: "run `integration-guard install --claude`",
    });
  }

  if (candidates.length > 0) checks.push(...backstopChecks(await readBackstopCoverage(root, options.env)));
  checks.push(...agentChecks);
  const rules = await projectRulesCheck(root);
  if (rules) checks.push(rules);

  const sampleDir = await mkdtemp(join(tmpdir(), "integration-guard-doctor-"));
  try {
    const reports: HookReport[] = [];
    for (const hook of candidates) reports.push(await checkHook(hook, root, sampleDir, options.env));
    const ok = [...checks, ...reports.flatMap((r) => r.checks)].every((check) => check.status === "pass");
    return {
      root,
      sources,
      checks,
      hooks: reports,
      otherHooks: hooks.filter((hook) => !candidates.includes(hook)).map(({ source, command, args, matcher }) => ({ source, command: [command, ...(args ?? [])].join(" "), matcher })),
      ok,
    };
  } finally {
    await rm(sampleDir, { recursive: true, force: true });
  }
}

/** The project's own rules (.integration-guard/): all valid, or each problem with its file and field. */
async function projectRulesCheck(root: string): Promise<Check | undefined> {
  const summary = await summarizeProjectRules(root);
  if (!summary) return undefined;
  return summary.problems.length === 0
    ? { id: "project-rules", status: "pass", message: describeProjectRules(summary) }
    : { id: "project-rules", status: "fail", message: describeProjectRules(summary), fix: "fix the rule files named above (integration-guard test-rules lists the problems too); the valid rules still run" };
}

async function checkHook(hook: RegisteredHook, root: string, sampleDir: string, env?: NodeJS.ProcessEnv): Promise<HookReport> {
  const checks = [matcherCheck(hook), timeoutCheck(hook), runnerCheck(hook)];
  const background = asyncCheck(hook);
  if (background) checks.push(background);
  const path = pathCheck(hook, root, env);
  if (path) checks.push(path);
  // A missing script would only fail again, less clearly: run the samples when it can start.
  if (path?.status !== "fail") {
    const seconds = typeof hook.timeout === "number" && hook.timeout > 0 ? Math.min(hook.timeout, MAX_RUN_SECONDS) : MAX_RUN_SECONDS;
    const timeoutMs = seconds * 1000;
    for (const sample of samples(root, sampleDir)) {
      const run = await runHook(hook, sample.payload, root, timeoutMs);
      checks.push(sample.name === "deny" ? denyCheck(run, timeoutMs) : allowCheck(run, timeoutMs));
    }
  }
  const { source, command, args, matcher, timeout, guard } = hook;
  return { source, command, ...(args ? { args } : {}), matcher, ...(timeout !== undefined ? { timeout } : {}), guard, checks };
}
