/**
 * Named points inside the language adapters (halfway through a parse, after extraction) where a
 * caller can run code while that stage's objects are still alive. The daemon's full collection at
 * rest runs there (src/daemon/keep-shapes.ts): V8 throws away the optimised code built for object
 * shapes it finds unused, and at these points the hot shapes are in use. Costs one comparison when
 * nobody waits.
 */
export type CheckpointName = "typescript:extracted" | "python:parsing" | "python:extracted";

let waiting: { at: CheckpointName; run: () => void } | undefined;

/** An adapter reached `at`: runs what waits there, once. */
export function checkpoint(at: CheckpointName): void {
  if (waiting?.at !== at) return;
  const { run } = waiting;
  waiting = undefined;
  run();
}

/**
 * Runs `during`, and `run(true)` at the first checkpoint `at` it reaches; if it reaches none (or
 * throws first), `run(false)` after it: `run` always runs once.
 */
export function runAtCheckpoint(at: CheckpointName, during: () => void, run: (reached: boolean) => void): void {
  let ran = false;
  const mine = {
    at,
    run: () => {
      ran = true;
      run(true);
    },
  };
  waiting = mine;
  try {
    during();
  } catch {
    // What matters is the work at the checkpoint, not what `during` computed.
  } finally {
    if (waiting === mine) waiting = undefined;
    if (!ran) run(false);
  }
}
