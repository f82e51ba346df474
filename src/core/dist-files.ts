/**
 * Files the build writes into dist/ (scripts/build.mjs): the compiled rules, the lint worker, the
 * daemon's helper thread. One way to find them, from wherever the code asking runs: a bundle or
 * chunk in dist/ (dist/, dist/chunks/, dist/commands/, dist/hook/, dist/hook/chunks/), or src/ in
 * tests, where dist/ is ../../dist/.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** dist/<name>; throws when it is not built. */
export function builtFile(name: string): string {
  for (const relative of ["", "../", "../../", "../../dist/"]) {
    const candidate = fileURLToPath(new URL(relative + name, import.meta.url));
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`dist/${name} is missing: run \`npm run build\``);
}

/**
 * dist/<name> when this code itself runs from an ES module bundle in dist/; undefined when it runs
 * from source (tests import src/), where callers do the work in their own thread instead.
 */
export function bundledFile(name: string): string | undefined {
  if (!fileURLToPath(import.meta.url).endsWith(".mjs")) return undefined;
  try {
    return builtFile(name);
  } catch {
    return undefined;
  }
}
