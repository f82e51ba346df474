#!/usr/bin/env node
// Builds dist/ with esbuild, then compiles rules/*.yaml into dist/rules.json so the hook never
// parses YAML. Two graphs: the hook alone in dist/hook/ (so it shares no chunk with code that
// uses full zod, ts-morph or SQLite: its start-up cost is what every edit pays), and everything
// else in dist/ with code splitting, where `integration-guard hook` imports dist/hook/hook.mjs.
import { build } from "esbuild";
import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8"));

// Entry points: name in dist/ -> source. Add a worker or a new bin here.
export const ENTRIES = {
  "integration-guard": "src/cli/integration-guard.ts",
  "integration-setup": "src/cli/integration-setup.ts",
  index: "src/index.ts",
  client: "src/client/index.ts",
  "lint-worker": "src/sources/files/lint-worker.ts",
};
const BINS = ["integration-guard", "integration-setup"];

// Small pure-JS dependencies are bundled (cheaper to start than resolving node_modules);
// native, WASM and heavy ones stay external.
const BUNDLED = new Set(["zod", "js-tokens", "@lezer/python"]); // @lezer/python (+ its @lezer/lr, @lezer/common): only in the python chunk
const external = Object.keys(pkg.dependencies ?? {}).filter((name) => !BUNDLED.has(name));

const { existsSync } = await import("node:fs");
const entryPoints = Object.fromEntries(
  Object.entries(ENTRIES).filter(([, src]) => existsSync(join(root, src))),
);

/** The dispatcher's import of the hook command points at the separate hook graph. */
const hookIsSeparate = {
  name: "hook-is-separate",
  setup(b) {
    b.onResolve({ filter: /[\\/]commands[\\/]hook\.js$/ }, () => ({ path: "./hook/hook.mjs", external: true }));
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  outExtension: { ".js": ".mjs" },
  chunkNames: "chunks/[name]-[hash]",
  external,
  sourcemap: "linked",
  legalComments: "none",
  logLevel: "warning",
  define: { __VERSION__: JSON.stringify(pkg.version) },
};

await rm(join(root, "dist"), { recursive: true, force: true });
await build({ ...common, entryPoints, outdir: "dist", plugins: [hookIsSeparate] });
// The hook graph, minified: less source for V8 to read and compile on each cold start.
const hookGraph = { ...common, outdir: "dist/hook", minify: true };
await build({ ...hookGraph, entryPoints: { run: "src/hook/run.ts", "daemon-client": "src/daemon/client.ts" } });
// Its entry, one file without shared chunks: most edits end in the fast path, and every module the
// ESM loader resolves, reads and links costs them time. It imports the rest only when needed.
const laterParts = {
  name: "hook-later-parts",
  setup(b) {
    b.onResolve({ filter: /[\\/]hook[\\/]run\.js$/ }, () => ({ path: "./run.mjs", external: true }));
    b.onResolve({ filter: /[\\/]daemon[\\/]client\.js$/ }, () => ({ path: "./daemon-client.mjs", external: true }));
  },
};
await build({ ...hookGraph, splitting: false, entryPoints: { hook: "src/cli/commands/hook.ts" }, plugins: [laterParts] });
for (const bin of BINS) {
  if (entryPoints[bin]) await chmod(join(root, "dist", `${bin}.mjs`), 0o755);
}

// Rules: validated here so a bad rule file fails the build, and stored as plain JSON for the hook.
const { loadRuleDirectory } = await import(pathToFileURL(join(root, "dist", "index.mjs")).href);
const { rules } = await loadRuleDirectory(join(root, "rules"));
await mkdir(join(root, "dist"), { recursive: true });
await writeFile(join(root, "dist", "rules.json"), JSON.stringify(rules.map(({ examples, ...rule }) => rule)));
