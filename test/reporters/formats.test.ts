/**
 * The four output formats of the built binary on one real tree: the JSON contract, SARIF validated
 * against the SARIF 2.1.0 schema, GitHub workflow commands, and the text report.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, lint, lintJson, ROOT, type JsonOutput, type Run, tempDir, write } from "../lint/helpers.js";

const TS = [
  `import { supabase } from "./db";`,
  `export async function list() {`,
  `  const { data } = await supabase.from("cloud_provider_integrations").select("*");`,
  `  return data;`,
  `}`,
  `export const status = () => supabase.from("organizations").select("integration_openai_status");`,
  "",
].join("\n");
const SQL = "\tUPDATE organizations SET integration_openai_status = $1;\n";

let dir: string;
let json: JsonOutput & Run;
beforeAll(() => {
  dir = tempDir();
  write(dir, "src/my file.ts", TS);
  write(dir, "db/a,b:c.sql", SQL);
  write(dir, "clean.ts", "export const x = 1;\n");
  write(dir, "bin.ts", new Uint8Array([1, 0, 2]));
  json = lintJson(dir);
});

describe("--format json", () => {
  it("prints exactly the documented contract", () => {
    expect(json.code).toBe(1);
    expect(Object.keys(JSON.parse(json.stdout))).toEqual(["findings", "errors"]);
    for (const f of json.findings) {
      expect(Object.keys(f)).toEqual(["ruleId", "severity", "file", "line", "column", "endLine", "endColumn", "message"]);
    }
    expect(json.findings.map((f) => [f.file, f.line, f.column, f.endLine, f.endColumn, f.ruleId, f.severity])).toEqual([
      ["db/a,b:c.sql", 1, 27, 1, 52, "no-integration-status-write", "block"],
      ["src/my file.ts", 3, 35, 3, 70, "no-cloud-provider-integrations-table", "block"],
      ["src/my file.ts", 6, 68, 6, 93, "no-integration-status-read", "warn"],
    ]);
    expect(json.errors).toEqual([{ file: "bin.ts", message: expect.stringMatching(/binary/) }]);
    expect(json.stderr).toBe("");
  });

  it("exits 0 when only warnings remain", () => {
    const only = tempDir();
    write(only, "a.ts", TS.split("\n").slice(5).join("\n"));
    const out = lintJson(only);
    expect(out.findings.map((f) => f.severity)).toEqual(["warn"]);
    expect(out.code).toBe(0);
  });
});

describe("--format sarif", () => {
  it("is valid SARIF 2.1.0 with rules, levels, regions and fingerprints", () => {
    const run = lint(dir, ["--format", "sarif"]);
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout);
    // The schema ships as draft-04 ("id"); ajv 8 reads it as draft-07, identical for its keywords.
    const { $schema: _, id, ...schema } = JSON.parse(readFileSync(join(ROOT, "test/fixtures/sarif-schema-2.1.0.json"), "utf8"));
    // unicodeRegExp off: one pattern in the published schema is not valid with the `u` flag.
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats.default(ajv);
    const validate = ajv.compile({ ...schema, $id: id });
    expect(validate(log) ? [] : validate.errors).toEqual([]);

    const [sarifRun] = log.runs;
    const ruleIds = sarifRun.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ruleIds).toEqual(expect.arrayContaining(["no-cloud-provider-integrations-table", "no-integration-status-read", "invalid-suppression"]));
    for (const rule of sarifRun.tool.driver.rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(rule.help.text.length).toBeGreaterThan(0);
    }
    const results = sarifRun.results.map((r: any) => [
      r.ruleId,
      r.level,
      r.locations[0].physicalLocation.artifactLocation.uri,
      r.locations[0].physicalLocation.region,
      ruleIds[r.ruleIndex],
    ]);
    expect(results).toEqual(
      json.findings.map((f) => [
        f.ruleId,
        f.severity === "block" ? "error" : "warning",
        f.file.split("/").map(encodeURIComponent).join("/"),
        { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
        f.ruleId,
      ]),
    );
    expect(sarifRun.invocations[0].toolExecutionNotifications.map((n: any) => n.locations[0].physicalLocation.artifactLocation.uri)).toEqual(["bin.ts"]);
  });

  it("keeps partialFingerprints across a line shift", () => {
    const shifted = tempDir();
    write(shifted, "src/my file.ts", TS);
    const fingerprints = () =>
      JSON.parse(lint(shifted, ["--format", "sarif"]).stdout).runs[0].results.map((r: any) => [r.ruleId, r.partialFingerprints]);
    const before = fingerprints();
    write(shifted, "src/my file.ts", `// a new first line\n\n${TS}`);
    const after = fingerprints();
    expect(before).toHaveLength(2);
    expect(after).toEqual(before);
    const lines = JSON.parse(lint(shifted, ["--format", "sarif"]).stdout).runs[0].results.map((r: any) => r.locations[0].physicalLocation.region.startLine);
    expect(lines).toEqual([5, 8]);
  });
});

describe("--format github", () => {
  it("prints one workflow command per finding, with escaped properties", () => {
    const run = lint(dir, ["--format", "github"]);
    expect(run.code).toBe(1);
    const esc = (s: string) => s.replace(/%/g, "%25").replace(/:/g, "%3A").replace(/,/g, "%2C");
    expect(run.stdout.trimEnd().split("\n")).toEqual([
      ...json.findings.map(
        (f) =>
          `::${f.severity === "block" ? "error" : "warning"} file=${esc(f.file)},line=${f.line},col=${f.column},endLine=${f.endLine},endColumn=${f.endColumn},title=${f.ruleId}::${f.message}`,
      ),
      expect.stringMatching(/^::warning file=bin\.ts,title=integration-guard::binary/),
    ]);
  });
});

describe("--format text", () => {
  it("prints file:line:col, severity, message, rule id, a code frame with a caret underline, and a summary", () => {
    const run = lint(dir);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain("\u001b[");
    const lines = run.stdout.split("\n");
    for (const f of json.findings) {
      const header = lines.findIndex((l) => l === `${f.file}:${f.line}:${f.column}  ${f.severity === "block" ? "block" : "warn "}  ${f.message}  ${f.ruleId}`);
      expect(header).toBeGreaterThanOrEqual(0);
      const target = lines.findIndex((l, i) => i > header && l.startsWith(`> ${f.line} |`));
      const caret = lines[target + 1]!;
      const sourceLine = lines[target]!.slice(`> ${f.line} | `.length);
      const caretStart = caret.indexOf("^") - `    | `.length;
      // Tabs are shown as two spaces; the caret sits under the same character.
      const expanded = sourceLine;
      expect(expanded.slice(caretStart)).toMatch(/^(from\("cloud_provider_integrations"\)|integration_openai_status)/);
      expect(caret.split("^").length - 1).toBe(f.endColumn - f.column);
    }
    expect(lines).toContain("✖ 3 problems (2 blocking, 1 warning) in 2 files");
    // Files that could not be checked: stderr, not stdout.
    expect(run.stderr).toMatch(/bin\.ts: binary/);
    expect(run.stdout).not.toContain("bin.ts");
  });

  it("says so when there is nothing to report", () => {
    const clean = tempDir();
    write(clean, "a.ts", "export const x = 1;\n");
    const run = lint(clean);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("✔ no problems (1 file checked)\n");
  });

  const hasScript = spawnSync("script", ["--version"]).status === 0;
  it.skipIf(!hasScript)("colours only on a terminal, and never with NO_COLOR", () => {
    const onTty = (env: Record<string, string>) =>
      spawnSync("script", ["-qec", `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} lint`, "/dev/null"], {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, ...env },
      }).stdout;
    const { NO_COLOR: _, ...rest } = process.env;
    expect(onTty({ ...(rest as Record<string, string>), NO_COLOR: "" })).toContain("\u001b[31m");
    expect(onTty({ NO_COLOR: "1" })).not.toContain("\u001b[");
  });
});
