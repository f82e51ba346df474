// Pure parts of the CLI: the hidden prompt's key handling and the debug checks' verdicts.
import { describe, expect, it } from "vitest";
import { applyKeys } from "../../src/cli/setup/credential-input.js";
import {
  checkConfiguredList,
  checkProviderStatus,
  checkProvidersPresent,
  checkRegistryOnly,
  checkStoredDuplicates,
  duplicatesNote,
} from "../../src/cli/setup/debug-checks.js";
import type { IntegrationList, IntegrationStatus } from "../../src/client/index.js";

const start = { buffer: "", done: false, cancelled: false };

describe("applyKeys", () => {
  it("submits an API key on Enter and handles Backspace", () => {
    expect(applyKeys(start, "sk-abcx\u007f\r", false)).toEqual({ buffer: "sk-abc", done: true, cancelled: false });
  });

  it("keeps reading a pasted JSON credential until it parses", () => {
    const partial = applyKeys(start, '{\r  "type": "service_account",\r', true);
    expect(partial.done).toBe(false);
    const done = applyKeys(partial, '  "project_id": "p"\r}\r', true);
    expect(done.done).toBe(true);
    expect(JSON.parse(done.buffer)).toEqual({ type: "service_account", project_id: "p" });
  });

  it("cancels on Ctrl-C and drops control characters", () => {
    expect(applyKeys(start, "sk-\u0003", false)).toEqual({ buffer: "", done: true, cancelled: true });
    expect(applyKeys(start, "a\u001bb", false).buffer).toBe("ab");
  });
});

const NOW = Date.parse("2026-03-01T00:00:00Z");
function entry(status: string, extra: Partial<IntegrationStatus> = {}): IntegrationStatus {
  return { provider: "OPENAI", status, credential_name: "k", last_validated_at: null, last_error: null, created_at: "2026-01-01T00:00:00Z", metadata: null, ...extra };
}

describe("debug checks", () => {
  it("passes a freshly validated credential and says nothing about unconfigured ones", () => {
    expect(checkProviderStatus("OPENAI", entry("VALID", { last_validated_at: "2026-02-28T00:00:00Z" }), "acme", NOW, 7)).toEqual([
      expect.objectContaining({ id: "validation-fresh", ok: true }),
    ]);
    expect(checkProviderStatus("AZURE", entry("NOT_CONFIGURED"), "acme", NOW, 7)).toEqual([]);
  });

  it("flags VALID never validated, and EXPIRED", () => {
    const [never] = checkProviderStatus("OPENAI", entry("VALID"), "acme", NOW, 7);
    expect(never).toMatchObject({ ok: false, detail: "never validated (last_validated_at is null)", fix: "integration-setup validate openai acme" });
    const [expired] = checkProviderStatus("GCP_SA", entry("EXPIRED"), "acme", NOW, 7);
    expect(expired).toMatchObject({ ok: false, id: "status-expired" });
    expect(expired?.fix).toContain("integration-setup gcp acme");
  });

  it("counts the credentials stored since the last delete, with the command and the query that fix it", () => {
    const one = [{ credential_id: "c1", operation: "setup" as const, at: "2026-02-01T00:00:00Z" }];
    expect(checkStoredDuplicates("OPENAI", one, "acme").ok).toBe(true);
    const two = checkStoredDuplicates("OPENAI", [...one, { credential_id: "c2", operation: "update", at: "2026-02-02T00:00:00Z" }], "acme");
    expect(two).toMatchObject({ id: "single-active", provider: "OPENAI", ok: false, severity: "problem" });
    expect(two.fix).toContain("integration-setup delete openai acme --yes");
    expect(two.query).toMatch(/GROUP BY provider HAVING COUNT\(\*\) > 1/);
    expect(two.query).toContain("provider = 'OPENAI'");
  });

  it("explains production's CLAUDE and AWS_KEYS instead of calling them unknown", () => {
    const codes = ["OPENAI", "ANTHROPIC", "GEMINI", "DEEPSEEK", "GCP_SA", "AWS_IAM", "AZURE", "OCI", "CLAUDE", "AWS_KEYS"];
    const integrations = Object.fromEntries(codes.map((c) => [c, entry(c === "CLAUDE" ? "VALID" : "NOT_CONFIGURED", { provider: c })]));
    const list: IntegrationList = { org_slug: "acme", integrations, all_valid: true, providers_configured: ["CLAUDE"] };
    expect(checkProvidersPresent(list).map((c) => c.id)).toEqual(["providers-present"]);
    const registry = checkRegistryOnly(list, "acme");
    expect(registry.map((c) => [c.provider, c.ok])).toEqual([["CLAUDE", false], ["AWS_KEYS", true]]);
    expect(registry[0]?.severity).toBe("note");
    expect(duplicatesNote(list, "acme")?.query).toContain("org_slug = 'acme'");
  });

  it("passes a complete, consistent list", () => {
    const codes = ["OPENAI", "ANTHROPIC", "GEMINI", "DEEPSEEK", "GCP_SA", "AWS_IAM", "AZURE", "OCI"];
    const integrations = Object.fromEntries(codes.map((c) => [c, entry(c === "OPENAI" ? "VALID" : "NOT_CONFIGURED", { provider: c })]));
    const list: IntegrationList = { org_slug: "acme", integrations, all_valid: true, providers_configured: ["OPENAI"] };
    expect([...checkProvidersPresent(list), ...checkConfiguredList(list, "acme")].every((c) => c.ok)).toBe(true);
    const inconsistent = checkConfiguredList({ ...list, all_valid: false, providers_configured: [] }, "acme");
    expect(inconsistent.find((c) => c.id === "list-consistent")).toMatchObject({ ok: false, severity: "note" });
  });
});

describe("colour", () => {
  it("paints only on a terminal and never with NO_COLOR or TERM=dumb", async () => {
    const { colorsFor } = await import("../../src/cli/setup/io.js");
    const tty = { isTTY: true } as unknown as NodeJS.WritableStream;
    const pipe = {} as NodeJS.WritableStream;
    expect(colorsFor(tty, {}).green("VALID")).toBe("\u001b[32mVALID\u001b[0m");
    expect(colorsFor(tty, { NO_COLOR: "1" }).green("VALID")).toBe("VALID");
    expect(colorsFor(tty, { TERM: "dumb" }).green("VALID")).toBe("VALID");
    expect(colorsFor(pipe, {}).green("VALID")).toBe("VALID");
  });
});
