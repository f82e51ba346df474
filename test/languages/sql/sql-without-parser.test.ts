// Runs in its own file (vitest forks per file): the WASM parser is never prepared here.
import { expect, it } from "vitest";
import { extractSql } from "../../../src/languages/sql/index.js";

it("without prepare() every statement is scanned token by token, with a note saying so", () => {
  const text = "UPDATE organizations SET integration_aws_status = 'x';\nSELECT * FROM public.cloud_provider_integrations;";
  const result = extractSql(text);
  expect(result.parseErrors.map((e) => e.message)).toEqual([expect.stringMatching(/parser is not loaded/)]);
  expect(result.facts.map((f) => [f.kind, "access" in f && f.access, "name" in f && Array.isArray(f.name) && f.name[0], "query" in f && f.query])).toEqual([
    ["table", "write", "organizations", 1],
    ["column", "write", "integration_aws_status", 1],
    ["table", "read", "cloud_provider_integrations", 2],
  ]);
});
