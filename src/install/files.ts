/**
 * Reading and writing the user's config files without ever losing their data: a file that does
 * not parse is reported and left alone, and every write goes to a temp file renamed over the
 * original, so a crash mid-write leaves either the old or the new file, never half of one.
 */
import { chmod, readFile, realpath, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** A parsed JSON object. */
export type Json = Record<string, unknown>;

/** A plain JSON object: not null, not an array. */
export const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

export type JsonFile =
  | { kind: "missing"; path: string }
  | { kind: "invalid"; path: string; error: string }
  | { kind: "ok"; path: string; value: unknown; text: string; style: JsonStyle };

/** How the file is laid out, so a rewrite looks like the user's own. */
export interface JsonStyle {
  indent: string;
  trailingNewline: boolean;
}

export const DEFAULT_STYLE: JsonStyle = { indent: "  ", trailingNewline: true };

export async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

export async function readJsonFile(path: string): Promise<JsonFile> {
  const text = await readText(path);
  if (text === undefined) return { kind: "missing", path };
  try {
    // A BOM is legal in files editors save; JSON.parse rejects it.
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ""));
    return { kind: "ok", path, value, text, style: styleOf(text) };
  } catch (error) {
    return { kind: "invalid", path, error: (error as Error).message };
  }
}

function styleOf(text: string): JsonStyle {
  const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? DEFAULT_STYLE.indent;
  return { indent, trailingNewline: text.endsWith("\n") };
}

export function formatJson(value: unknown, style: JsonStyle): string {
  return JSON.stringify(value, null, style.indent) + (style.trailingNewline ? "\n" : "");
}

/**
 * Writes through a temp file in the same directory and a rename (atomic on POSIX). Follows a
 * symlinked config to its target so the link survives, and keeps the original file's mode.
 */
export async function writeFileAtomic(path: string, text: string, mode?: number): Promise<void> {
  const target = await realpath(path).catch(() => path);
  const temp = join(dirname(target), `.${basename(target)}.integration-guard-${process.pid}.tmp`);
  const finalMode = mode ?? (await stat(target).then((s) => s.mode & 0o7777, () => undefined));
  try {
    await writeFile(temp, text);
    // chmod, not writeFile's mode: that one is filtered by the umask.
    if (finalMode !== undefined) await chmod(temp, finalMode);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
