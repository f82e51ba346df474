/**
 * Shape samples: the objects of one check per language, kept alive for the life of a long-lived
 * process (the daemon keeps those of its warm-up: src/daemon/warm.ts).
 *
 * Why: V8's optimised code for the extraction embeds the hidden classes ("maps") of the objects it
 * reads (AST nodes with the fields this code adds, bindings, facts). Maps are held weakly: once a
 * full collection finds no object of a map left (every request's objects are garbage after it),
 * the map dies and every function whose code embeds it is deoptimised. The next request then runs
 * unoptimised and re-optimises. Measured in-process on Node 24, a 1,200-line TS check after a full
 * collection: ~3.5x its CPU time (~236 deoptimisations, "embedded weak objects cleared"). A sample
 * of live objects keeps those maps alive, so the daemon can collect fully between requests
 * (src/daemon/idle-gc.ts) without paying it back on the next one.
 *
 * Off unless a process turns it on: a hook process or lint keeps nothing.
 */
import type { LanguageId } from "../core/types.js";

let samples: Map<LanguageId | "engine", unknown> | undefined;

let collecting = false;

/** Starts (true) or stops (false) taking samples; the samples taken stay for the life of the process. */
export function collectShapeSamples(on: boolean): void {
  if (on) samples ??= new Map();
  collecting = on;
}

/** The objects of one check of `language`; while collecting, the latest is kept. */
export function shapeSample(language: LanguageId | "engine", objects: unknown): void {
  if (collecting) samples?.set(language, objects);
}

/** The sample kept for `language`, if any (for tests). */
export function shapeSampleOf(language: LanguageId | "engine"): unknown {
  return samples?.get(language);
}
