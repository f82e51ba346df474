/**
 * Whole files through the adapter and the built-in rules: a legacy writer that breaks every rule
 * at known lines, and a clean React page that must produce no finding at all.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import type { Document, Finding } from "../../../src/core/types.js";
import { findingsOf } from "../../../src/engine/check.js";
import { typescriptAdapter } from "../../../src/languages/typescript/index.js";
import { extract } from "./helpers.js";
import { compileRules } from "../../../src/rules/compile.js";
import { loadRuleDirectory } from "../../../src/rules/load.js";

const { rules } = await loadRuleDirectory("rules");
const compiled = compileRules(rules.map(({ examples: _examples, ...rule }) => rule));

function findings(fixture: string, path: string): Finding[] {
  const text = readFileSync(new URL(`./fixtures/${fixture}`, import.meta.url), "utf8");
  const doc: Document = { path, text, language: "typescript" };
  const result = extract(text, path); // also compares the JS-shaped and the TypeScript AST (helpers.ts)
  expect(result.parseErrors).toEqual([]);
  return findingsOf(doc, result.facts, compiled);
}

test("legacy saveIntegrationStatus file: every violation at its line", () => {
  const summary = findings("legacy-integrations.ts.txt", "src/lib/integrations.ts").map((f) => `${f.line} ${f.ruleId} ${f.severity}`);
  expect(summary).toEqual([
    "24 no-save-integration-status-function block",
    "27 no-integration-status-write block",
    "28 no-integration-status-write block",
    "29 no-service-role-client-for-integrations block",
    "35 no-cloud-provider-integrations-table block",
    "35 no-service-role-client-for-integrations block",
    "40 no-service-role-client-for-integrations block",
    "40 no-integration-status-read warn",
    "45 no-save-integration-status-function warn",
  ]);
});

test("a large clean React component: no finding", () => {
  expect(findings("clean-component.tsx.txt", "app/settings/integrations/page.tsx")).toEqual([]);
});

test("service-role client for members, billing and storage, integrations via the API: no finding", () => {
  expect(findings("clean-server.ts.txt", "app/actions.ts")).toEqual([]);
  // Not vacuous: the adapter does see those queries and their service-role client.
  const text = readFileSync(new URL("./fixtures/clean-server.ts.txt", import.meta.url), "utf8");
  const tables = typescriptAdapter
    .extract({ path: "app/actions.ts", text, language: "typescript" })
    .facts.filter((f) => f.kind === "table")
    .map((f) => `${f.name.join()} ${f.access} ${f.clients?.join() ?? "-"}`);
  expect(tables).toEqual([
    "org_members write createServiceRoleClient",
    "billing_accounts read createServiceRoleClient",
    "org_members read createServiceRoleClient",
    "org_settings write createServiceRoleClient",
  ]);
});
