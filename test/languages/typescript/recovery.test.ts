/** Text that does not parse: recovery keeps the parser's facts where it can, tokens elsewhere. */
import { describe, expect, test } from "vitest";
import { LineIndex } from "../../../src/engine/positions.js";
import { typescriptAdapter } from "../../../src/languages/typescript/index.js";
import { parseWithRecovery } from "../../../src/languages/typescript/recovery.js";
import { described, extract } from "./helpers.js";

const T = "cloud_provider_integrations";

describe("error recovery", () => {
  test("a truncated file (open block at the end) keeps full analysis", () => {
    const code = `export async function saveIntegrationStatus(orgId: string) {
  const admin = await createServiceRoleClient();
  await admin.from("organizations").update({ integration_openai_status: "VALID" }).eq("id", orgId);
  if (ready) {
`;
    const result = extract(code);
    expect(result.parseErrors).toHaveLength(1);
    expect(described(code, ["function-definition", "table", "column"])).toEqual([
      "function-definition:saveIntegrationStatus@1:23",
      "table:write:organizations@3:15",
      "column:write:integration_openai_status@3:46",
      "column:read:id@3:88",
    ]);
    const column = result.facts.find((f) => f.kind === "column" && f.access === "write");
    expect(column && "clients" in column ? column.clients : undefined).toEqual(["createServiceRoleClient"]);
  });

  test("a broken line is blanked; the rest is parsed; parseErrors points at the first error", () => {
    const code = `function a() {\n  const x = = 1;\n  return sb.from("${T}").select("integration_x_status");\n}\n`;
    const result = extract(code);
    const position = new LineIndex(code).position(result.parseErrors[0]!.span!.start);
    expect(position.line).toBe(2);
    expect(described(code, ["table", "column"])).toEqual([`table:read:${T}@3:13`, "column:read:integration_x_status@3:57"]);
  });

  test("facts on a blanked line come from the token scan", () => {
    const code = `const ok = 1;\nsb.from("${T}").update({ integration_x_status: 1 }) +;\nconst alsoOk = 2;\n`;
    expect(parseWithRecovery("a.ts", code).blanked).toEqual([{ start: 14, end: 91 }]);
    expect(described(code, ["table", "column"])).toEqual([`table:write:${T}@2:4`, "column:write:integration_x_status@2:49"]);
    expect(extract(code).parseErrors).toHaveLength(1);
  });

  test("hopeless text: token scan of the whole file, never of comments or strings", () => {
    const broken = Array.from({ length: 12 }, (_, i) => `@@ ${i} ))) ]]`).join("\n");
    const code = `${broken}
function saveIntegrationStatus() {} )))
// saveCloudIntegrationStatus() and sb.from("${T}") in a comment
const m = "sb.from('${T}')"; /* sb.from("${T}") */
sb?.from("${T}").update({ integration_x_status: 1, "integration_y_status": 2 }).select("a, integration_z_status").eq("b", 1)
saveIntegrationStatus(1);
class C { saveOpenAIIntegrationStatus() {} saveGcpIntegrationStatus(a: string): Promise<void> {} }
const saveCloudIntegrationStatus = async (a) => {};
`;
    expect(parseWithRecovery("a.ts", code).parsed).toBeUndefined();
    const result = extract(code);
    expect(result.parseErrors).toHaveLength(1);
    expect(described(code, ["function-definition", "table", "column"])).toEqual([
      "function-definition:saveIntegrationStatus@13:10",
      `table:write:${T}@16:5`,
      "column:write:integration_x_status@16:50",
      "column:write:integration_y_status@16:75",
      "column:read:a@16:112",
      "column:read:integration_z_status@16:115",
      "column:read:b@16:142",
      "function-definition:saveOpenAIIntegrationStatus@18:11",
      "function-definition:saveGcpIntegrationStatus@18:44",
      "function-definition:saveCloudIntegrationStatus@19:7",
    ]);
    expect(described(code, ["function-call"]).filter((f) => f.includes("IntegrationStatus"))).toEqual([
      "function-call:saveIntegrationStatus@17:1",
    ]);
  });

  test("a clean file has no parse errors", () => {
    expect(extract(`sb.from("${T}");`).parseErrors).toEqual([]);
  });

  test.each([
    ["empty", ""],
    ["only a comment", "// nothing"],
    ["binary noise", "\u0000\u0001\uffff\ud800 from( ( ( {"],
    ["unterminated string and template", "sb.from('abc\nconst t = `x${"],
    ["deep nesting", "(".repeat(5000)],
  ])("never throws: %s", (_, code) => {
    expect(() => extract(code)).not.toThrow();
    expect(() => extract(code, "a.jsx")).not.toThrow();
  });
});

describe("dialects", () => {
  test("JSX in .js, .jsx, .mjs, .cjs and .tsx; TS syntax in .ts, .mts, .cts", () => {
    const jsx = `const el = <div>{x}</div>;\nsb.from("${T}");`;
    for (const path of ["a.js", "a.jsx", "a.mjs", "a.cjs", "a.tsx"]) {
      expect(extract(jsx, path).parseErrors, path).toEqual([]);
    }
    const ts = `const n = <number>value;\nconst t: string = "x";\nsb.from("${T}");`;
    for (const path of ["a.ts", "a.mts", "a.cts"]) expect(extract(ts, path).parseErrors, path).toEqual([]);
  });

  test("a path without a known extension goes by the document's language", () => {
    const ts = typescriptAdapter.extract({ path: "bin/tool", text: "const n = <number>value;", language: "typescript" });
    const js = typescriptAdapter.extract({ path: "bin/tool", text: "const el = <div />;", language: "javascript" });
    expect([ts.parseErrors, js.parseErrors]).toEqual([[], []]);
  });

  test("CommonJS require and top-level await both parse", () => {
    expect(extract(`const { createClient } = require("x");\nawait createClient().from("${T}");`, "a.cjs").parseErrors).toEqual([]);
  });
});

describe("offsets", () => {
  test("spans are UTF-16 offsets (non-ASCII and astral characters before a finding)", () => {
    const code = `const greeting = "héllo 👋 wörld ✓";\nconst é = 1; sb.from("${T}");`;
    const table = extract(code).facts.find((f) => f.kind === "table")!;
    expect(code.slice(table.span.start, table.span.end)).toBe(`from("${T}")`);
    expect(described(code, ["table"])).toEqual([`table:read:${T}@2:17`]);
  });

  test("select column spans are exact after non-ASCII text", () => {
    const code = `// ünïcödé 🎉\nsb.from("o").select("ünï, integration_x_status");`;
    const column = extract(code).facts.find((f) => f.kind === "column" && f.name[0] === "integration_x_status")!;
    expect(code.slice(column.span.start, column.span.end)).toBe("integration_x_status");
  });
});
