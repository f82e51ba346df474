/**
 * The daemon's warm-up samples (src/daemon/warm.ts) must go down the full path of a real check
 * (parse, extraction, findings of several rules, the deny), or the warm-up optimises little of
 * what the first requests need: a change to the rules or to the samples that lets one through
 * unjudged, or judged by fewer rules, is caught here. Each sample is written through the built
 * hook, in-process, as an agent would write it.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { warmUpSamples } from "../../src/daemon/warm.js";
import { isDeny, payload, project, reasonFindings, runHook } from "../helpers/hook.js";

const TABLE = "no-cloud-provider-integrations-table";
const STATUS_WRITE = "no-integration-status-write";
const SERVICE_ROLE = "no-service-role-client-for-integrations";
const RULES: Record<string, string[]> = {
  "sample.ts": [TABLE, STATUS_WRITE, SERVICE_ROLE],
  "sample.tsx": [STATUS_WRITE],
  "sample.py": [TABLE, STATUS_WRITE, SERVICE_ROLE],
  "sample.sql": [TABLE, STATUS_WRITE],
};

describe("daemon warm-up samples", () => {
  it("one per language the hook parses, each the size of a large file an agent writes", () => {
    const samples = warmUpSamples();
    expect(samples.map((s) => s.file).sort()).toEqual(Object.keys(RULES).sort());
    for (const { file, content } of samples) expect(content.split("\n").length, file).toBeGreaterThanOrEqual(200);
  });

  for (const { file, content } of warmUpSamples()) {
    it(`${file}: denied, with the findings of ${RULES[file]?.length} rule(s)`, () => {
      const dir = project();
      const run = runHook(payload("Write", { file_path: join(dir, "src", file), content }, dir));
      expect(run.status).toBe(0);
      expect(isDeny(run)).toBe(true);
      const findings = reasonFindings(run);
      expect([...new Set(findings.map((f) => f.ruleId))].sort()).toEqual([...(RULES[file] ?? [])].sort());
      expect(findings.every((f) => f.location.startsWith(`src/${file}:`))).toBe(true);
    });
  }
});
