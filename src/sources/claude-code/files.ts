/** Reading the file a tool call targets: missing, binary and huge files are told apart. */
import { readFileSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import { MAX_SCAN_BYTES } from "../../core/limits.js";
import { decodeSourceBytes } from "../files/decode.js";


export type FileRead =
  | { kind: "text"; text: string }
  | { kind: "missing" }
  | { kind: "unreadable"; reason: string };

export function readTargetFile(path: string): FileRead {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return { kind: "unreadable", reason: "not a regular file" };
    // Above MAX_DOCUMENT_BYTES the engine scans instead of parsing (core/limits.ts).
    if (stat.size > MAX_SCAN_BYTES) return { kind: "unreadable", reason: `larger than ${MAX_SCAN_BYTES} bytes` };
    // UTF-8 or, with a byte order mark, UTF-16 (files/decode.ts).
    const decoded = decodeSourceBytes(readFileSync(path));
    if ("binary" in decoded) return { kind: "unreadable", reason: "binary content" };
    return { kind: "text", text: decoded.text };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { kind: "missing" };
    return { kind: "unreadable", reason: code ?? String(error) };
  }
}

/** A proposed content that is not text worth parsing: the reason, or undefined when fine. */
export function unjudgeableText(text: string): string | undefined {
  if (text.length > MAX_SCAN_BYTES) return `content larger than ${MAX_SCAN_BYTES} bytes`;
  if (text.includes("\u0000")) return "binary content";
  return undefined;
}

/** The payload's path made absolute (relative paths are relative to the payload's cwd). */
export function absolutePath(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

/** What the model is shown: relative to the project when inside it, else absolute. */
export function displayPath(absolute: string, projectDir: string): string {
  const rel = relative(projectDir, absolute);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel.split("\\").join("/") : absolute;
}
