/**
 * File extension -> language, and language -> adapter. Adapters are imported on first use so a
 * hook call on a TypeScript file never loads the Python or SQL parsers (and a clean file loads none).
 */
import type { LanguageAdapter, LanguageId } from "../core/types.js";

const EXTENSIONS: Readonly<Record<string, LanguageId>> = {
  ".ts": "typescript",
  ".tsx": "typescript",
  ".mts": "typescript",
  ".cts": "typescript",
  ".js": "javascript",
  ".jsx": "javascript",
  ".mjs": "javascript",
  ".cjs": "javascript",
  ".py": "python",
  ".sql": "sql",
};

/** The language of a path by its extension, or undefined when no adapter reads it (docs, data...). */
export function languageOfPath(path: string): LanguageId | undefined {
  const dot = path.lastIndexOf(".");
  if (dot < 0 || dot < Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"))) return undefined;
  return EXTENSIONS[path.slice(dot).toLowerCase()];
}

const LOADERS: Readonly<Record<LanguageId, () => Promise<LanguageAdapter>>> = {
  typescript: async () => (await import("./typescript/index.js")).typescriptAdapter,
  javascript: async () => (await import("./typescript/index.js")).typescriptAdapter,
  python: async () => (await import("./python/index.js")).pythonAdapter,
  sql: async () => (await import("./sql/index.js")).sqlAdapter,
};

const loaded = new Map<LanguageId, Promise<LanguageAdapter>>();

export function loadAdapter(language: LanguageId): Promise<LanguageAdapter> {
  let adapter = loaded.get(language);
  if (!adapter) {
    adapter = LOADERS[language]().then(async (a) => {
      await a.prepare?.();
      return a;
    });
    loaded.set(language, adapter);
  }
  return adapter;
}
