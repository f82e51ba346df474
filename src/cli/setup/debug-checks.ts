/**
 * The troubleshooting checks of the operations runbook (spec "Troubleshooting"), as pure functions
 * over what the API answered, so each one is tested without a server. Every failed check says what
 * to do about it.
 */
import { PROVIDER_CODES, REGISTRY_ONLY_PROVIDERS, isListedProvider, segmentOf } from "../../api/providers.js";
import { type IntegrationList, type IntegrationStatus, isKnownIntegrationStatus } from "../../client/index.js";
import type { LedgerEntry } from "./ledger.js";

export interface Check {
  id: string;
  provider?: string;
  ok: boolean;
  /** "problem" fails the debug run; "note" is shown but does not. */
  severity: "problem" | "note";
  title: string;
  detail?: string;
  fix?: string;
  /** SQL that finds (and repairs) the rows behind the problem, for who can query the table. */
  query?: string;
}

/** Production's table; `<project>` is the GCP project of the deployment. */
const TABLE = "`<project>.organizations.org_integration_credentials`";

/** Finds providers with several active rows, and keeps only the newest of one provider's. */
export function duplicateRowsQuery(org: string, provider?: string): string {
  const find = `SELECT provider, COUNT(*) AS active_rows FROM ${TABLE} WHERE org_slug = '${org}' AND is_active = TRUE GROUP BY provider HAVING COUNT(*) > 1;`;
  if (provider === undefined) return find;
  const keepNewest =
    `UPDATE ${TABLE} SET is_active = FALSE, updated_at = CURRENT_TIMESTAMP() WHERE org_slug = '${org}' AND provider = '${provider}' AND is_active = TRUE ` +
    `AND credential_id != (SELECT credential_id FROM ${TABLE} WHERE org_slug = '${org}' AND provider = '${provider}' AND is_active = TRUE ORDER BY created_at DESC LIMIT 1);`;
  return `${find}\n${keepNewest}`;
}

/** Finds active rows whose status the service cannot answer (they make every GET fail). */
export function badStatusQuery(org: string): string {
  return `SELECT credential_id, provider, validation_status FROM ${TABLE} WHERE org_slug = '${org}' AND is_active = TRUE AND validation_status NOT IN ('VALID', 'INVALID', 'PENDING', 'NOT_CONFIGURED');`;
}

/**
 * The production service lists its registry's extra entries (CLAUDE, AWS_KEYS) and collapses the
 * active rows of a provider into one; the intended service lists the eight codes only.
 */
export function collapsesRows(list: IntegrationList): boolean {
  return Object.keys(list.integrations).some((key) => key in REGISTRY_ONLY_PROVIDERS);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Provider missing from `integrations`, or keys the client does not know: schema drift. */
export function checkProvidersPresent(list: IntegrationList): Check[] {
  const keys = Object.keys(list.integrations);
  const missing = PROVIDER_CODES.filter((code) => !keys.includes(code));
  const unknown = keys.filter((key) => !isListedProvider(key));
  const checks: Check[] = [
    {
      id: "providers-present",
      ok: missing.length === 0,
      severity: "problem",
      title: "every provider appears in the list",
      ...(missing.length ? {
        detail: `missing: ${missing.join(", ")}`,
        fix: "schema drift: the server's provider list is older than the client's; deploy the current API (unconfigured providers must appear as NOT_CONFIGURED)",
      } : {}),
    },
  ];
  if (unknown.length) {
    checks.push({
      id: "providers-known",
      ok: false,
      severity: "note",
      title: "the list holds only known providers",
      detail: `unknown: ${unknown.join(", ")}`,
      fix: "the server knows providers this client does not: update integration-guard",
    });
  }
  return checks;
}

/** Per provider: unknown status (FAILED among them: not an integration status), INVALID/EXPIRED, stale validation. */
export function checkProviderStatus(code: string, entry: IntegrationStatus, org: string, now: number, staleDays: number): Check[] {
  const segment = segmentOf(code);
  const checks: Check[] = [];
  const status = entry.status;
  if (!isKnownIntegrationStatus(status)) {
    checks.push({
      id: "status-known",
      provider: code,
      ok: false,
      severity: "problem",
      title: `${code}: status is one of the documented values`,
      detail: `status "${status}" is outside the enum (the production GET fails on such rows)`,
      fix: `store a new credential (integration-setup ${segment} ${org}) or have the row's validation_status corrected in org_integration_credentials`,
      query: badStatusQuery(org),
    });
    return checks;
  }
  if (status === "INVALID") {
    checks.push({
      id: "status-valid",
      provider: code,
      ok: false,
      severity: "problem",
      title: `${code}: credential is accepted by the provider`,
      detail: `${status}${entry.last_error ? `: ${entry.last_error}` : " (no last_error recorded)"}`,
      fix: `fix or rotate the credential at the provider, then: integration-setup ${segment} ${org} --credential-file FILE`,
    });
  }
  if (status === "EXPIRED") {
    checks.push({
      id: "status-expired",
      provider: code,
      ok: false,
      severity: "problem",
      title: `${code}: credential has not expired`,
      detail: `EXPIRED${entry.last_error ? `: ${entry.last_error}` : ""}`,
      fix: `issue a new credential and store it: integration-setup ${segment} ${org} --credential-file FILE`,
    });
  }
  if (status === "VALID" || status === "PARTIAL_VALID") {
    const validatedAt = entry.last_validated_at ? Date.parse(entry.last_validated_at) : Number.NaN;
    const stale = !Number.isFinite(validatedAt) || now - validatedAt > staleDays * DAY_MS;
    checks.push({
      id: "validation-fresh",
      provider: code,
      ok: !stale,
      severity: "problem",
      title: `${code}: ${status} was checked in the last ${staleDays} days`,
      ...(stale ? {
        detail: entry.last_validated_at ? `last validated ${entry.last_validated_at}` : "never validated (last_validated_at is null)",
        fix: `integration-setup validate ${segment} ${org}`,
      } : {}),
    });
  }
  return checks;
}

/**
 * Production's registry entries beyond the eight codes: what they are, and whether a credential
 * stored there is one the application does not read.
 */
export function checkRegistryOnly(list: IntegrationList, org: string): Check[] {
  const checks: Check[] = [];
  for (const [code, meaning] of Object.entries(REGISTRY_ONLY_PROVIDERS)) {
    const entry = list.integrations[code];
    if (entry === undefined) continue;
    const configured = entry.status !== "NOT_CONFIGURED";
    const target = code === "CLAUDE" ? "anthropic" : "aws";
    checks.push({
      id: "registry-entry",
      provider: code,
      ok: !configured,
      severity: "note",
      title: `${code}: ${configured ? `a credential is stored under ${code}` : "listed by the API, not configured"}`,
      detail: meaning,
      ...(configured ? { fix: `store it under the provider the application reads (integration-setup ${target} ${org}), then: integration-setup delete ${code.toLowerCase()} ${org} --yes` } : {}),
    });
  }
  return checks;
}

/**
 * More than one active credential for a provider. The production API cannot show it (its list
 * keeps one row per provider), so the evidence is what this machine stored since the provider's
 * last delete (ledger.ts): on a service that keeps previous rows, two stored credentials are two
 * active rows. A service that lists a provider twice gives it away by itself (checkConfiguredList).
 */
export function checkStoredDuplicates(code: string, stored: LedgerEntry[], org: string): Check {
  const several = stored.length > 1;
  return {
    id: "single-active",
    provider: code,
    ok: !several,
    severity: "problem",
    title: `${code}: one active credential`,
    ...(several
      ? {
          detail: `${stored.length} credentials were stored from this machine since the last delete (${stored.map((e) => `${e.operation} ${e.at}`).join(", ")}); the API keeps each one active and shows only one`,
          fix: `integration-setup delete ${segmentOf(code)} ${org} --yes (deactivates them all), then set it up once again; or keep the newest with the query`,
          query: duplicateRowsQuery(org, code),
        }
      : {}),
  };
}

/** On a service that collapses rows, duplicates made elsewhere are invisible: say how to look. */
export function duplicatesNote(list: IntegrationList, org: string): Check | undefined {
  const configured = Object.entries(list.integrations).filter(([, entry]) => entry.status !== "NOT_CONFIGURED");
  if (!collapsesRows(list) || configured.length === 0) return undefined;
  return {
    id: "duplicates-unseen",
    ok: false,
    severity: "note",
    title: "duplicate active rows made outside this machine cannot be seen through the API",
    detail: "the API shows one row per provider; a setup or a PUT with a credential never deactivates the previous row",
    fix: "run the query against the table",
    query: duplicateRowsQuery(org),
  };
}

export function checkConfiguredList(list: IntegrationList, org: string): Check[] {
  const checks: Check[] = [];
  const seen = new Set<string>();
  const duplicated = list.providers_configured.filter((code) => (seen.has(code) ? true : (seen.add(code), false)));
  checks.push({
    id: "configured-unique",
    ok: duplicated.length === 0,
    severity: "problem",
    title: "providers_configured names each provider once",
    ...(duplicated.length ? {
      detail: `listed more than once: ${[...new Set(duplicated)].join(", ")} (several active credentials)`,
      fix: `for each: integration-setup delete <provider> ${org} --yes, then set it up again`,
    } : {}),
  });
  const entries = Object.entries(list.integrations);
  const disagree = entries
    .filter(([code, entry]) => (entry.status !== "NOT_CONFIGURED") !== list.providers_configured.includes(code))
    .map(([code]) => code);
  const allValid = entries.filter(([code]) => list.providers_configured.includes(code)).every(([, e]) => e.status === "VALID");
  const consistent = disagree.length === 0 && allValid === list.all_valid;
  checks.push({
    id: "list-consistent",
    ok: consistent,
    severity: "note",
    title: "providers_configured and all_valid agree with the statuses",
    ...(consistent ? {} : {
      detail: [disagree.length ? `disagreeing: ${disagree.join(", ")}` : "", allValid !== list.all_valid ? `all_valid is ${list.all_valid}` : ""].filter(Boolean).join("; "),
      fix: "usually harmless; if it persists, report it to the API team with the request id",
    }),
  });
  return checks;
}
