/**
 * Vitest global setup: gives the reference server a SQLite driver on every Node `npm test` runs on.
 * Node >= 22.13 has node:sqlite. On Node 20 the server needs better-sqlite3, an optional peer that
 * is not in the lock file (users on Node 22+ never install it): built once per Node ABI into a cache
 * outside the repository (from source: its prebuilt-binary download cannot reach its host here and
 * would wait minutes for a timeout) and put on NODE_PATH, which every process the tests start
 * inherits and the server's require() of it honours. The build is an install from the registry,
 * done once; later runs find it in the cache.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { delimiter, join, resolve } from "node:path";

const require = createRequire(import.meta.url);

function loads(id: string, from?: string): boolean {
  try {
    const path = from === undefined ? require.resolve(id) : require.resolve(id, { paths: [from] });
    const Driver = require(path);
    if (id === "better-sqlite3") new Driver(":memory:").close();
    return true;
  } catch {
    return false;
  }
}

export default function setup(): void {
  if (loads("node:sqlite") || loads("better-sqlite3")) return;
  const cache = process.env.IG_CI_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "integration-guard-ci");
  const dir = join(cache, `better-sqlite3-abi${process.versions.modules}`);
  const modules = join(dir, "node_modules");
  if (!loads("better-sqlite3", modules)) {
    const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, "../../package.json"), "utf8"));
    const range: string = pkg.peerDependencies["better-sqlite3"];
    process.stderr.write(`Node ${process.version} has no node:sqlite: building better-sqlite3@${range} into ${dir} (once)\n`);
    mkdirSync(dir, { recursive: true });
    if (!existsSync(join(dir, "package.json"))) writeFileSync(join(dir, "package.json"), '{"private":true}\n');
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--no-save", "--build-from-source", `better-sqlite3@${range}`], {
      cwd: dir,
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
  process.env.NODE_PATH = [modules, process.env.NODE_PATH].filter(Boolean).join(delimiter);
}
