/**
 * The troubleshooting checks of the operations runbook (spec "Troubleshooting"), as pure functions
 * over what the API answered, so each one is tested without a server. Every failed check says what
 * to do about it.
 */
import { PROVIDER_CODES, segmentOf } from "../../api/providers.js";
import { type IntegrationList, type IntegrationStatus, isKnownIntegrationStatus } from "../../client/index.js";

export interface Check {
  id: string;
  provider?: string;
  ok: boolean;
  /** "problem" fails the debug run; "note" is shown but does not. */
  severity: "problem" | "note";
  title: string;
  detail?: string;
  fix?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Provider missing from `integrations`, or keys the client does not know: schema drift. */
export function checkProvidersPresent(list: IntegrationList): Check[] {
  const keys = Object.keys(list.integrations);
  const missing = PROVIDER_CODES.filter((code) => !keys.includes(code));
  const unknown = keys.filter((key) => !(PROVIDER_CODES as readonly string[]).includes(key));
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
 * More than one active credential: the API does not count rows, but production's GET returns an
 * arbitrary active row, so a single GET that disagrees with the list entry, or a provider listed
 * twice in providers_configured, gives them away.
 */
export function checkSingleActive(code: string, fromList: IntegrationStatus, fromGet: IntegrationStatus, org: string): Check {
  const differs = fromList.created_at !== fromGet.created_at || fromList.credential_name !== fromGet.credential_name;
  return {
    id: "single-active",
    provider: code,
    ok: !differs,
    severity: "problem",
    title: `${code}: one active credential`,
    ...(differs ? {
      detail: "the list and a direct GET show different credentials: several are active",
      fix: `integration-setup delete ${segmentOf(code)} ${org} --yes (deactivates all), then set it up again`,
    } : {}),
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
