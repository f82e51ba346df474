/**
 * The daemon's full collection at rest runs while the specimens are inside the adapters
 * (src/daemon/keep-shapes.ts): each adapter must still reach its checkpoint, or that stage's
 * object shapes would no longer be kept (nothing else would tell: the collection still runs).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkpoint, runAtCheckpoint } from "../../src/core/checkpoint.js";
import { collectKeepingShapes, prepareSpecimens } from "../../src/daemon/keep-shapes.js";

describe("runAtCheckpoint", () => {
  it("runs the waiting code at the named checkpoint, once, and not at another one", () => {
    const events: string[] = [];
    runAtCheckpoint(
      "python:extracted",
      () => {
        checkpoint("typescript:extracted");
        events.push("before");
        checkpoint("python:extracted");
        events.push("after");
        checkpoint("python:extracted");
      },
      (reached) => events.push(`run ${reached}`),
    );
    expect(events).toEqual(["before", "run true", "after"]);
  });

  it("runs it after all when the checkpoint is never reached, or the work throws first", () => {
    const events: string[] = [];
    runAtCheckpoint("python:parsing", () => events.push("work"), (reached) => events.push(`run ${reached}`));
    runAtCheckpoint(
      "python:parsing",
      () => {
        throw new Error("bad input");
      },
      (reached) => events.push(`run ${reached}`),
    );
    checkpoint("python:parsing"); // nothing waits any more
    expect(events).toEqual(["work", "run false", "run false"]);
  });
});

describe("collectKeepingShapes", () => {
  it("without specimens (not prepared yet) just collects", () => {
    let collected = 0;
    expect(collectKeepingShapes(() => collected++)).toEqual([]);
    expect(collected).toBe(1);
  });

  it("collects once, with the TypeScript specimen extracted and the Python one halfway through its parse and extracted", async () => {
    await prepareSpecimens(mkdtempSync(join(tmpdir(), "ig-specimens-")));
    let collected = 0;
    expect(collectKeepingShapes(() => collected++)).toEqual(["typescript:extracted", "python:parsing", "python:extracted"]);
    expect(collected).toBe(1);
  });
});
