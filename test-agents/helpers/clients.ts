/** The pinned clients, as scripts/install-agents.mjs installed them (see global-setup.ts). */
import { inject } from "vitest";

export interface InstalledClient {
  name: "claude" | "gemini" | "codex";
  pkg: string;
  version: string;
  dir: string;
  bin: string;
}

export function client(name: InstalledClient["name"]): InstalledClient {
  const found = inject("clients").find((c) => c.name === name);
  if (!found) throw new Error(`${name} was not installed by scripts/install-agents.mjs`);
  return found;
}
