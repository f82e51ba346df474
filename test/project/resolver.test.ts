import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProjectResolver, NAMESPACE_IMPORT } from "../../src/project/index.js";

/** A small app: tsconfig paths alias @/*, a barrel re-exporting, nested const objects, an alias chain. */
const FILES: Record<string, string> = {
  "tsconfig.json": JSON.stringify({
    compilerOptions: { target: "ES2022", module: "ESNext", moduleResolution: "Bundler", strict: true, baseUrl: ".", paths: { "@/*": ["src/*"] } },
    include: ["src"],
  }),
  "src/lib/db/names.ts": `
    const PREFIX = "cloud_provider";
    export const CLOUD = \`\${PREFIX}_integrations\`;
    export const STATUS = "integration_" + "status";
    export let mutable = "not_a_constant";
  `,
  "src/lib/db/tables.ts": `
    import { CLOUD, STATUS } from "./names";
    const BASE = { orgs: "organizations" } as const;
    export const TABLES = {
      ...BASE,
      cloud: CLOUD,
      "quoted-key": "quoted_table",
      nested: { deeper: { status: STATUS } },
      computed: \`x\${Math.random()}\`,
    } as const;
    export const FROZEN = Object.freeze({ cloud: CLOUD });
    export enum Table { Cloud = "cloud_provider_integrations", Count = 3 }
    export default TABLES;
  `,
  "src/lib/db/index.ts": `
    export * from "./tables";
    export { CLOUD as CLOUD_TABLE } from "./names";
  `,
  "src/app/page.ts": `import { TABLES } from "@/lib/db"; export const x = TABLES;`,
};

let root: string;
let resolverFor: ReturnType<typeof createProjectResolver>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "ig-project-"));
  for (const [path, text] of Object.entries(FILES)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  resolverFor = createProjectResolver(join(root, "tsconfig.json"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("createProjectResolver", () => {
  it("resolves a nested as-const object through a paths alias and an export * barrel", () => {
    const resolve = resolverFor(join(root, "src/app/page.ts"));
    expect(resolve("@/lib/db", "TABLES")).toEqual({
      orgs: "organizations",
      cloud: "cloud_provider_integrations",
      "quoted-key": "quoted_table",
      nested: { deeper: { status: "integration_status" } },
    });
  });

  it("follows export { a as b } re-exports and folds templates and concatenation", () => {
    const resolve = resolverFor(join(root, "src/app/page.ts"));
    expect(resolve("@/lib/db", "CLOUD_TABLE")).toBe("cloud_provider_integrations");
    expect(resolve("@/lib/db/names", "STATUS")).toBe("integration_status");
  });

  it("resolves relative specifiers from the importing file's directory", () => {
    const resolve = resolverFor(join(root, "src/lib/db/index.ts"));
    expect(resolve("./tables", "FROZEN")).toEqual({ cloud: "cloud_provider_integrations" });
    expect(resolve("./tables", "Table")).toEqual({ Cloud: "cloud_provider_integrations" });
    expect(resolve("./tables", "default")).toMatchObject({ cloud: "cloud_provider_integrations" });
  });

  it("gives a namespace import every exported constant", () => {
    const ns = resolverFor(join(root, "src/app/page.ts"))("@/lib/db/names", NAMESPACE_IMPORT);
    expect(ns).toEqual({ CLOUD: "cloud_provider_integrations", STATUS: "integration_status" });
  });

  it("returns undefined for what is not a known constant", () => {
    const resolve = resolverFor(join(root, "src/app/page.ts"));
    expect(resolve("@/lib/db/names", "mutable")).toBeUndefined();
    expect(resolve("@/lib/db", "MISSING")).toBeUndefined();
    expect(resolve("@/lib/nowhere", "TABLES")).toBeUndefined();
    expect(resolve("node:fs", "constants")).toBeUndefined();
  });
});

describe("createProjectResolver on a JavaScript module", () => {
  it("reads constants from .js files imported by a TypeScript file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ig-project-js-"));
    try {
      await writeFile(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext" } }));
      await writeFile(join(dir, "package.json"), JSON.stringify({ type: "module" }));
      await writeFile(join(dir, "tables.js"), 'export const TABLES = Object.freeze({ cloud: "cloud_provider_integrations" });\n');
      const resolve = createProjectResolver(join(dir, "tsconfig.json"))(join(dir, "page.ts"));
      expect(resolve("./tables.js", "TABLES")).toEqual({ cloud: "cloud_provider_integrations" });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
