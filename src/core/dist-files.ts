/**
 * Files built beside the bundles (scripts/build.mjs): the lint worker, the daemon's helper thread.
 * Found from the file that runs this code (dist/, dist/chunks/ or dist/commands/); undefined when
 * running from source (tests import src/), where callers do the work in their own thread.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export function distFile(name: string): string | undefined {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith(".mjs")) return undefined;
  const file = `${here.replace(/[\\/]((chunks|commands)[\\/])?[^\\/]+$/, "")}/${name}`;
  return existsSync(file) ? file : undefined;
}
