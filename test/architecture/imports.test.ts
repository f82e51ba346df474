/**
 * The folder layout is the architecture: imports flow one way, from entry points down to the shared
 * vocabulary, and no module imports itself back through a circle. This reads every import of src/
 * (static, re-exports, dynamic `import()`, type-only too) with oxc and fails on a circle or on an
 * import that goes up a layer, naming the file and what it imports.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseSync } from "oxc-parser";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../../src");

/**
 * A folder may import only folders of a lower layer (or itself). The order, top to bottom:
 * cli -> doctor -> install/daemon -> hook -> reporters -> sources -> project/baseline -> engine -> rules
 * -> languages -> core; the API side: server/client -> api -> core. Files at the root of src/
 * (index.ts, the public entry) may import anything.
 */
const LAYER: Readonly<Record<string, number>> = {
  core: 0,
  languages: 1,
  api: 1,
  rules: 2,
  client: 2,
  server: 2,
  engine: 3,
  project: 4,
  baseline: 4,
  sources: 5,
  reporters: 6,
  hook: 7,
  daemon: 8,
  install: 8,
  doctor: 9,
  cli: 10,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|mts|cts)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

/** The files of src/ a file imports (relative specifiers only; packages are not ours). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const { module, errors } = parseSync(file, text);
  if (errors.length > 0) throw new Error(`${file} does not parse: ${errors[0]!.message}`);
  const specifiers = [
    ...module.staticImports.map((i) => i.moduleRequest.value),
    ...module.staticExports.flatMap((e) => e.entries.flatMap((entry) => (entry.moduleRequest ? [entry.moduleRequest.value] : []))),
    ...module.dynamicImports.map((d) => text.slice(d.moduleRequest.start, d.moduleRequest.end)).flatMap((raw) => {
      const literal = /^(["'`])([^"'`$]*)\1$/.exec(raw.trim());
      return literal ? [literal[2]!] : [];
    }),
  ];
  return specifiers
    .filter((s) => s.startsWith("."))
    .map((s) => path.resolve(path.dirname(file), s).replace(/\.(m|c)?js$/, ".$1ts"));
}

const folderOf = (file: string): string => {
  const parts = path.relative(SRC, file).split(path.sep);
  return parts.length === 1 ? "." : parts[0]!;
};
const show = (file: string) => path.relative(SRC, file);

const files = sourceFiles(SRC);
const graph = new Map(files.map((file) => [file, importsOf(file)]));

describe("src/ import structure", () => {
  it("every folder has a layer", () => {
    const folders = new Set(files.map(folderOf).filter((f) => f !== "."));
    expect([...folders].filter((f) => LAYER[f] === undefined)).toEqual([]);
  });

  it("imports only go down a layer", () => {
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      const from = folderOf(file);
      if (from === ".") continue;
      for (const target of targets) {
        const to = folderOf(target);
        if (to === from) continue;
        if (to === "." || LAYER[to]! >= LAYER[from]!) upward.push(`${show(file)} -> ${show(target)}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it("every import resolves to a file of src/", () => {
    const missing = [...graph].flatMap(([file, targets]) => targets.filter((t) => !graph.has(t)).map((t) => `${show(file)} -> ${show(t)}`));
    expect(missing).toEqual([]);
  });

  it("no file imports itself back through a circle", () => {
    expect(circles(graph).map((circle) => circle.map(show).join(" -> "))).toEqual([]);
  });
});

/** Strongly connected components of more than one file (Tarjan), each one circle to undo. */
function circles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!edges.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) found.push(component.sort());
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return found;
}
