#!/usr/bin/env node
// Builds dist/ with esbuild, then compiles rules/*.yaml into dist/rules.json so the hook never
// parses YAML. Three outputs:
// - dist/integration-guard.cjs: the `integration-guard` bin. CommonJS on purpose: an ESM entry
//   costs every process Node's ESM loader (~4-5 ms measured here), and every agent edit starts this
//   file. It holds the dispatcher, the hook's fast path and the daemon client, minified; anything
//   else it loads with import() from the two graphs below.
// - dist/hook/: the rest of the hook (validation, rebuild, parsers, output), its own minified ESM
//   graph that shares no chunk with code using full zod, ts-morph or SQLite.
// - dist/: everything else (library, client, integration-setup, the other commands) with splitting.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { chmod, copyFile, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8"));

// Entry points: name in dist/ -> source. Add a worker or a new bin here.
const ENTRIES = {
  "integration-setup": "src/cli/integration-setup.ts",
  index: "src/index.ts",
  client: "src/client/index.ts",
  "lint-worker": "src/sources/files/lint-worker.ts",
  "daemon-helper": "src/daemon/helper-thread.ts",
};
/**
 * integration-guard's commands other than hook (src/cli/commands/*.ts), each its own entry: the CJS
 * dispatcher import()s them, so none of them lands in the file every agent edit loads.
 */
const COMMANDS = (await readdir(join(root, "src/cli/commands")))
  .filter((file) => file.endsWith(".ts") && file !== "hook.ts")
  .map((file) => file.slice(0, -".ts".length));
for (const name of COMMANDS) ENTRIES[`commands/${name}`] = `src/cli/commands/${name}.ts`;

// Small pure-JS dependencies are bundled (cheaper to start than resolving node_modules);
// native, WASM and heavy ones stay external.
const BUNDLED = new Set(["zod", "js-tokens", "@lezer/lr", "@lezer/common"]); // @lezer/*: the Python parser runtime, only in the python chunk
// Optional peers (ts-morph, better-sqlite3) are loaded at run time only by the command that needs them.
const external = [pkg.dependencies, pkg.optionalDependencies, pkg.peerDependencies]
  .flatMap((deps) => Object.keys(deps ?? {}))
  .filter((name) => !BUNDLED.has(name));


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
await build({ ...common, entryPoints: ENTRIES, outdir: "dist" });
// The hook graph, minified: less source for V8 to read and compile on each cold start.
await build({ ...common, outdir: "dist/hook", minify: true, entryPoints: { run: "src/hook/run.ts" } });

/** In the CJS entry: the other commands and the full hook stay in the ESM graphs, loaded by import(). */
const outsideTheEntry = {
  name: "outside-the-entry",
  setup(b) {
    b.onResolve({ filter: /[\\/]commands[\\/][a-z-]+\.js$/ }, ({ path }) => {
      const name = path.replace(/^.*[\\/]/, "").replace(/\.js$/, "");
      return COMMANDS.includes(name) ? { path: `./commands/${name}.mjs`, external: true } : undefined;
    });
    b.onResolve({ filter: /[\\/]hook[\\/]run\.js$/ }, () => ({ path: "./hook/run.mjs", external: true }));
  },
};
await build({
  ...common,
  entryPoints: { "integration-guard": "src/cli/integration-guard.ts" },
  outdir: "dist",
  format: "cjs",
  splitting: false,
  minify: true,
  outExtension: { ".js": ".cjs" },
  plugins: [outsideTheEntry],
  // import.meta.url (rules/builtin.ts finds dist/rules.json with it) from CommonJS's __filename.
  inject: [join(root, "scripts", "cjs-import-meta-url.js")],
  define: { ...common.define, "import.meta.url": "importMetaUrl" },
});
// Hooks registered by builds before the entry became CommonJS name dist/integration-guard.mjs.
await writeFile(
  join(root, "dist", "integration-guard.mjs"),
  `#!/usr/bin/env node\n// Old name of the bin, kept so hooks registered with it keep working: dist/integration-guard.cjs is the bin.\nimport { createRequire } from "node:module";\ncreateRequire(import.meta.url)("./integration-guard.cjs");\n`,
);
// The Bash grammar: only its WebAssembly file is used, so it ships in dist/ and tree-sitter-bash
// (20 MB of C sources and a node-gyp install step) stays a devDependency.
await copyFile(createRequire(import.meta.url).resolve("tree-sitter-bash/tree-sitter-bash.wasm"), join(root, "dist", "tree-sitter-bash.wasm"));
// The fast hook client (src/daemon/fast-client.pl, docs/daemon.md): a perl script beside the bin it falls back on.
await copyFile(join(root, "src", "daemon", "fast-client.pl"), join(root, "dist", "integration-guard.pl"));
for (const bin of ["integration-guard.cjs", "integration-guard.mjs", "integration-setup.mjs", "integration-guard.pl"]) await chmod(join(root, "dist", bin), 0o755);

// Rules: validated here so a bad rule file fails the build, and stored as plain JSON for the hook.
const { loadRuleDirectory, compileRules } = await import(pathToFileURL(join(root, "dist", "index.mjs")).href);
const { rules } = await loadRuleDirectory(join(root, "rules"));
const definitions = rules.map(({ examples, ...rule }) => rule);
// The fast path's share (src/rules/builtin.ts loadBuiltinNeedles).
await writeFile(join(root, "dist", "needles.json"), JSON.stringify(compileRules(definitions).map(({ needles }) => ({ needles }))));
await writeFile(join(root, "dist", "rules.json"), JSON.stringify(definitions));

// The build key (src/daemon/paths.ts), written last: a hash of everything the daemon runs from
// dist/ (code and rules, not source maps), so identical builds installed anywhere share one daemon
// and any change gets a new one. Computed here so the hook never hashes files.
const hash = createHash("sha256");
for (const file of (await readdir(join(root, "dist"), { recursive: true, withFileTypes: true }))
  .filter((entry) => entry.isFile() && !entry.name.endsWith(".map"))
  .map((entry) => relative(join(root, "dist"), join(entry.parentPath ?? entry.path, entry.name)))
  .sort()) {
  hash.update(`${file}\0`).update(await readFile(join(root, "dist", file))).update("\0");
}
await writeFile(join(root, "dist", "build-key"), `${hash.digest("hex").slice(0, 32)}\n`);
