/**
 * Baselines: adopt the guard on a legacy codebase by recording the findings that exist today, so
 * only new ones fail. A finding is recorded by its fingerprint (rule + the code it points at, see
 * engine/check.ts), counted per file: moving code up or down a file keeps it baselined, a second
 * copy of the same violation in the same file is new.
 *
 * Paths in the file are relative to the baseline file's directory, so the baseline matches
 * whatever directory lint or the hook runs from (findings may carry relative or absolute paths).
 *
 *   { "version": 1, "files": { "src/a.ts": [{ "ruleId": "...", "fingerprint": "...", "count": 1 }] } }
 */
import { readFile, writeFile } from "node:fs/promises";
import { dirname, relative, resolve, sep } from "node:path";
import type { Finding } from "../core/types.js";

export interface Baseline {
  /** Directory the recorded paths are relative to. */
  root: string;
  /** file -> fingerprint -> how many findings with that fingerprint the file had. */
  counts: Map<string, Map<string, number>>;
}

interface BaselineEntry {
  ruleId: string;
  fingerprint: string;
  count: number;
}

interface BaselineFile {
  version: 1;
  files: Record<string, BaselineEntry[]>;
}

export class BaselineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BaselineError";
  }
}

export async function readBaseline(file: string): Promise<Baseline> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new BaselineError(`${file}: cannot read the baseline (${reason})`);
  }
  if (!isBaselineFile(data)) throw new BaselineError(`${file}: not an integration-guard baseline (expected {"version": 1, "files": {...}})`);
  const counts = new Map<string, Map<string, number>>();
  for (const [path, entries] of Object.entries(data.files)) {
    const byFingerprint = new Map<string, number>();
    for (const e of entries) byFingerprint.set(e.fingerprint, (byFingerprint.get(e.fingerprint) ?? 0) + e.count);
    counts.set(path, byFingerprint);
  }
  return { root: dirname(resolve(file)), counts };
}

/**
 * Records every finding of `results` (a lint run's files, or the engine's CheckResults).
 * `cwd` resolves relative Finding.file paths. Returns how many findings were recorded.
 */
export async function writeBaseline(
  file: string,
  results: ReadonlyArray<{ findings: readonly Finding[] }>,
  cwd: string = process.cwd(),
): Promise<number> {
  const root = dirname(resolve(cwd, file));
  const byFile = new Map<string, Map<string, BaselineEntry>>();
  let recorded = 0;
  for (const result of results) {
    for (const f of result.findings) {
      const key = keyOf(root, f.file, cwd);
      const entries = byFile.get(key) ?? new Map<string, BaselineEntry>();
      byFile.set(key, entries);
      const entry = entries.get(f.fingerprint) ?? { ruleId: f.ruleId, fingerprint: f.fingerprint, count: 0 };
      entry.count++;
      entries.set(f.fingerprint, entry);
      recorded++;
    }
  }
  // Sorted, so re-running on unchanged code rewrites the same bytes (clean diffs in review).
  const files: Record<string, BaselineEntry[]> = {};
  for (const key of [...byFile.keys()].sort()) {
    files[key] = [...byFile.get(key)!.values()].sort((a, b) => a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint));
  }
  const data: BaselineFile = { version: 1, files };
  await writeFile(resolve(cwd, file), `${JSON.stringify(data, null, 2)}\n`);
  return recorded;
}

/** The findings the baseline does not cover (the new ones), in their original order. */
export function filterByBaseline(baseline: Baseline, findings: readonly Finding[], cwd: string = process.cwd()): Finding[] {
  const remaining = new Map<string, Map<string, number>>();
  return findings.filter((f) => {
    const key = keyOf(baseline.root, f.file, cwd);
    let counts = remaining.get(key);
    if (!counts) {
      counts = new Map(baseline.counts.get(key) ?? []);
      remaining.set(key, counts);
    }
    const left = counts.get(f.fingerprint) ?? 0;
    if (left === 0) return true;
    counts.set(f.fingerprint, left - 1);
    return false;
  });
}

function keyOf(root: string, file: string, cwd: string): string {
  const rel = relative(root, resolve(cwd, file));
  return sep === "/" ? rel : rel.split(sep).join("/");
}

function isBaselineFile(data: unknown): data is BaselineFile {
  if (typeof data !== "object" || data === null) return false;
  const { version, files } = data as Partial<BaselineFile>;
  if (version !== 1 || typeof files !== "object" || files === null || Array.isArray(files)) return false;
  return Object.values(files).every(
    (entries) =>
      Array.isArray(entries) &&
      entries.every(
        (e: Partial<BaselineEntry>) =>
          typeof e === "object" && e !== null && typeof e.ruleId === "string" && typeof e.fingerprint === "string" &&
          Number.isInteger(e.count) && e.count! > 0,
      ),
  );
}
