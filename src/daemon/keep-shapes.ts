/**
 * The daemon's full collection at rest (idle-gc.ts), run while small specimen files are inside the
 * language adapters: a TypeScript one extracted, a Python one halfway through its parse and
 * another one extracted (core/checkpoint.ts), all three alive at once.
 *
 * Why: a full collection makes V8 deoptimise every function whose optimised code embeds a hidden
 * class (map) it found unused ("embedded weak objects cleared" in --trace-deopt), and forget the
 * type feedback that pointed at such maps. At rest no request's objects are alive, so a plain full
 * collection threw most of the hot code away and the next request ran several times slower while
 * V8 learnt it again. With the specimens alive the maps in use survive. Measured on Node 24 with
 * the daemon's flags (daemon CPU, cpu_ms in its log, of the first two requests after a rest; a
 * request in a session costs ~8-12 ms for the 1,200-line TS Write, ~15-25 ms for the 1,000-line
 * Python one): TS 103 / 51 ms without specimens, 50 / 34 ms with them; Python 170 / 117 ms, 53 /
 * 44 ms; resident at rest the same (91 MB). Specimens as large as the warm-up samples kept a few
 * more maps (Python 35 / 27 ms) but left the daemon ~10 MB larger: whatever is alive during the
 * collection moves to the old generation and stays there until the next full one.
 */
import { join } from "node:path";
import { type CheckpointName, runAtCheckpoint } from "../core/checkpoint.js";
import type { Document, ExtractOptions, LanguageAdapter } from "../core/types.js";
import { loadAdapter } from "../languages/registry.js";
import { warmUpSamples } from "./warm.js";

/** Lines per specimen: enough for every block shape of the warm-up samples (warm.ts). */
const SPECIMEN_LINES = 150;
/** Nothing read from disk: the specimens import nothing that exists. */
const OPTIONS: ExtractOptions = { diskImports: false };

interface Stage {
  at: CheckpointName;
  adapter: LanguageAdapter;
  doc: Document;
}
let stages: readonly Stage[] = [];

/** Loads the adapters and makes the specimens (once, after warm-up: the adapters are loaded by then). */
export async function prepareSpecimens(dir: string): Promise<void> {
  const samples = warmUpSamples(SPECIMEN_LINES);
  const specimen = (file: string, language: Document["language"]): Document => ({
    path: join(dir, "specimen", file),
    text: samples.find((sample) => sample.file === file)?.content ?? "",
    language,
  });
  const [typescript, python] = await Promise.all([loadAdapter("typescript"), loadAdapter("python")]);
  const py = specimen("sample.py", "python");
  stages = [
    { at: "typescript:extracted", adapter: typescript, doc: specimen("sample.ts", "typescript") },
    { at: "python:parsing", adapter: python, doc: py },
    { at: "python:extracted", adapter: python, doc: py },
  ];
}

/**
 * Runs `collect` with every specimen stopped at its checkpoint (without specimens, prepareSpecimens
 * not run or failed: just `collect`). Returns the checkpoints reached; a stage whose checkpoint an
 * adapter no longer reaches is missing from it (test/daemon/keep-shapes.test.ts).
 */
export function collectKeepingShapes(collect: () => void): CheckpointName[] {
  const reached: CheckpointName[] = [];
  const enter = (i: number): void => {
    const stage = stages[i];
    if (!stage) return collect();
    runAtCheckpoint(
      stage.at,
      () => void stage.adapter.extract(stage.doc, OPTIONS),
      (atCheckpoint) => {
        if (atCheckpoint) reached.push(stage.at);
        enter(i + 1);
      },
    );
  };
  enter(0);
  return reached;
}
