/**
 * The frame every client's test file shares: one user project and one stand-in model per file
 * (set up before the first case, removed after the last), src/ put back between cases, and the
 * checks every battery makes the same way.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { allSentBack, BACKSTOP_FILE, toldAbout } from "./cases.js";
import { type ModelServer, type Provider, type RecordedRequest, startModelServer } from "./model-server.js";
import { makeUserProject, type UserProject } from "./project.js";
import type { ClientRun } from "./run.js";

export interface Battery {
  project: UserProject;
  model: ModelServer;
}

/**
 * Registers the file's set-up and clean-up. `socket`: the model listens on a Unix socket (for a
 * client in its own network namespace); `prepare`: what the user does after `install` (trusting).
 */
export function useBattery(agent: "claude" | "gemini" | "codex", provider: Provider, options: { socket?: boolean; prepare?: (project: UserProject) => Promise<void> } = {}): Battery {
  const battery = {} as Battery;
  let socketDir: string | undefined;
  beforeAll(async () => {
    battery.project = makeUserProject(agent);
    await options.prepare?.(battery.project);
    if (options.socket) socketDir = mkdtempSync(join(tmpdir(), "ig-agents-model-"));
    battery.model = await startModelServer(provider, socketDir ? { socket: join(socketDir, "model.sock") } : {});
  });
  afterEach(() => battery.project.reset());
  afterAll(async () => {
    await battery.model?.close();
    battery.project?.remove();
    if (socketDir) rmSync(socketDir, { recursive: true, force: true });
  });
  return battery;
}

/** The client ran to its end (a hung or crashed client would make every other assertion moot). */
export function expectFinished(run: ClientRun): void {
  expect(run.signal, run.stderr).toBeNull();
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
}

/**
 * After a backstop case (cases.ts backstopTurns): the file and the rule reached the model after the
 * Python call and before the client stopped, the model's fix (rm) ran, and the client did not stop
 * before it.
 */
export function expectToldBeforeTurnEnd({ project, model }: Battery, textsSentBack: (request: RecordedRequest) => string[]): void {
  expect(toldAbout(allSentBack(model, textsSentBack, 1), BACKSTOP_FILE)).toEqual({ file: true, rule: true });
  expect(project.exists(BACKSTOP_FILE)).toBe(false);
  expect(model.turns.length).toBeGreaterThanOrEqual(4);
}

/**
 * After a model that never fixes what the backstop reports (only backstopTurns' first turn, then
 * "Done." to everything): the client was told, and still ended on its own, after a few turns (the
 * guard lets the agent stop after repeated blocks with the same findings; an endless loop would be
 * killed at the run's time limit and fail expectFinished).
 */
export function expectToldThenLetStop({ model }: Battery, textsSentBack: (request: RecordedRequest) => string[]): void {
  expect(toldAbout(allSentBack(model, textsSentBack, 1), BACKSTOP_FILE)).toEqual({ file: true, rule: true });
  expect(model.turns.length).toBeLessThanOrEqual(MAX_TURNS_WHEN_NOT_FIXED);
}

/** Turns a run may take when the model never fixes a reported file: the first call, and a few blocks. */
const MAX_TURNS_WHEN_NOT_FIXED = 8;
