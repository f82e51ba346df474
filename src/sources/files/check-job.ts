/**
 * One unit of lint work, the same in the main thread and in a worker: a file on disk or a text
 * already in memory (a staged blob) -> its findings, or a clear error.
 */
import type { ExtractOptions, Finding } from "../../core/types.js";
import { checkDocument } from "../../engine/check.js";
import type { CompiledRule } from "../../rules/compile.js";
import { documentOfBytes, type LintError, readDocument } from "./read.js";

export interface LintJob {
  /** Path reported to the user: relative to cwd, forward slashes. */
  file: string;
  /** Read from here (a file on disk)... */
  absolute?: string;
  /** ...or check these bytes (a blob from the git index). */
  bytes?: Uint8Array;
}

/** A checked file with findings; the text comes along for code frames. */
export interface FileReport {
  file: string;
  text: string;
  findings: Finding[];
}

export interface JobResult {
  report?: FileReport;
  errors: LintError[];
}

/** lint --project: the resolveImport of a file (src/project/), or undefined without --project. */
export type ImportResolverFor = (absoluteFile: string) => ExtractOptions["resolveImport"];

export async function checkJob(job: LintJob, rules: readonly CompiledRule[], resolverFor?: ImportResolverFor): Promise<JobResult> {
  const read = job.bytes ? documentOfBytes(job.file, job.bytes) : readDocument(job.absolute ?? job.file, job.file);
  if ("error" in read) return { errors: [read.error] };
  try {
    // TypeScript's resolution (--project) answers for TS/JS only; Python reads its imports from disk.
    const { language } = read.document;
    const resolveImport = language === "typescript" || language === "javascript" ? resolverFor?.(job.absolute ?? job.file) : undefined;
    // Imported constants are read next to the file on disk (a staged blob: next to its path in the tree).
    const document = job.absolute ? { ...read.document, diskPath: job.absolute } : read.document;
    const result = await checkDocument(document, rules, resolveImport ? { resolveImport } : {});
    // Engine notes start with the path (they are written for the hook); `errors` has a file field.
    const errors = result.notes.map((note) => ({ file: job.file, message: withoutPath(note.message, job.file) }));
    return result.findings.length > 0
      ? { report: { file: job.file, text: read.document.text, findings: result.findings }, errors }
      : { errors };
  } catch (error) {
    // One file that breaks an adapter must not stop the other thousands.
    return { errors: [{ file: job.file, message: `internal error while checking: ${(error as Error)?.message ?? String(error)}` }] };
  }
}

function withoutPath(message: string, file: string): string {
  for (const prefix of [`${file}: `, `${file} `]) if (message.startsWith(prefix)) return message.slice(prefix.length);
  return message;
}

/** What the pool (pool.ts) and its worker threads (lint-worker.ts) send each other. */
export interface WorkerRequest {
  batch: LintJob[];
}
export interface WorkerResponse {
  results: JobResult[];
}

/** ts-morph is loaded only with --project, and never on the hook path. */
export async function projectResolver(tsconfig: string | undefined): Promise<ImportResolverFor | undefined> {
  if (tsconfig === undefined) return undefined;
  const { createProjectResolver } = await import("../../project/index.js");
  return createProjectResolver(tsconfig);
}
