/**
 * `integration-setup debug <org>`: runs the runbook's checks (debug-checks.ts) against the live API
 * and prints each with what to do. Exit 0 when no problem was found, 1 otherwise.
 */
import { PROVIDER_CODES, segmentOf } from "../../api/providers.js";
import {
  APIConnectionError,
  AuthenticationError,
  type IntegrationList,
  type IntegrationsClient,
  InternalServerError,
  MalformedResponseError,
  PermissionDeniedError,
  RateLimitError,
} from "../../client/index.js";
import { runApiCommand } from "./api-command.js";
import {
  type Check,
  badStatusQuery,
  checkConfiguredList,
  checkProviderStatus,
  checkProvidersPresent,
  checkRegistryOnly,
  checkStoredDuplicates,
  collapsesRows,
  duplicatesNote,
} from "./debug-checks.js";
import { EXIT } from "../../core/setup-exit-codes.js";
import { type Io, colorsFor, writeLine } from "./io.js";
import { storedSinceDelete } from "./ledger.js";
import { API_OPTIONS, UsageError, clientFrom, expectPositionals, orgArg } from "./options.js";
import { formatDuration } from "./report-error.js";

export const DEBUG_HELP = `Usage: integration-setup debug <org> [--stale-days N] [--json]

Runs the troubleshooting checks of the operations runbook against the API:
  - the API answers and accepts the key (and which provider breaks the list, if it fails)
  - every provider appears in the list (schema drift)
  - statuses are documented values (unknown ones break the production GET)
  - INVALID / FAILED / EXPIRED credentials, with their last error
  - stale validation: VALID but never validated, or not in the last N days (default 7)
  - more than one active credential for a provider (the production API shows one row per
    provider: what this machine stored since the last delete tells, and a query finds the rest)
It reads the list once (per-provider GETs only to locate a row that breaks the list), so it never
spends the org's rate limit. Each failed check says what to do, and the SQL query when the API
cannot show the rows. Exit codes: 0 nothing wrong, 1 problems found, 2 usage, 3 auth.`;

const DEBUG_OPTIONS = { ...API_OPTIONS, "stale-days": { type: "string" } } as const;

export async function debugCommand(args: string[], io: Io): Promise<number> {
  return runApiCommand({ name: "debug", help: DEBUG_HELP, options: DEBUG_OPTIONS }, args, io, async ({ values, positionals, json, baseUrl }) => {
    const staleDays = Number(values["stale-days"] ?? 7);
    if (!Number.isFinite(staleDays) || staleDays <= 0) throw new UsageError("--stale-days must be a positive number");
    const [org] = expectPositionals(positionals, ["org"]);
    orgArg(org!);
    const client = await clientFrom(values, io);
    const checks = await runChecks(client, org!, baseUrl, staleDays, io);
    printChecks(checks, org!, io, json);
    if (checks.some((c) => !c.ok && c.id === "api-auth")) return EXIT.auth;
    return checks.some((c) => !c.ok && c.severity === "problem") ? EXIT.failed : EXIT.ok;
  });
}

async function runChecks(client: IntegrationsClient, org: string, baseUrl: string, staleDays: number, io: Io): Promise<Check[]> {
  let list: IntegrationList;
  try {
    // One attempt: debug reports the API as it is; a retried 500 would only spend the budget.
    list = await client.list(org, { maxRetries: 0 });
  } catch (error) {
    return [await listFailure(error, client, org, baseUrl)];
  }
  const checks: Check[] = [{ id: "api", ok: true, severity: "problem", title: `the API at ${baseUrl} answers and accepts the key` }];
  checks.push(...checkProvidersPresent(list), ...checkRegistryOnly(list, org), ...checkConfiguredList(list, org));
  const now = Date.now();
  const stored = storedSinceDelete(io.env, baseUrl, org);
  for (const [code, entry] of Object.entries(list.integrations)) {
    checks.push(...checkProviderStatus(code, entry, org, now, staleDays));
    // Only a service that keeps previous rows turns two stored credentials into two active rows.
    if (entry.status !== "NOT_CONFIGURED" && collapsesRows(list)) checks.push(checkStoredDuplicates(code, stored[code] ?? [], org));
  }
  const note = duplicatesNote(list, org);
  if (note) checks.push(note);
  return checks;
}

/** The list failed: say why, and when the server broke, find what breaks it without spending the budget. */
async function listFailure(error: unknown, client: IntegrationsClient, org: string, baseUrl: string): Promise<Check> {
  const base = { id: "api", ok: false, severity: "problem" as const, title: `the API at ${baseUrl} answers and accepts the key` };
  if (error instanceof AuthenticationError) {
    return { ...base, id: "api-auth", detail: `401: ${error.detail}`, fix: "set INTEGRATIONS_API_KEY (or --api-key-file) to this org's key" };
  }
  if (error instanceof PermissionDeniedError) {
    return { ...base, id: "api-auth", detail: `403: ${error.detail}`, fix: `the key belongs to another org; use ${org}'s key` };
  }
  if (error instanceof RateLimitError) {
    return { ...base, id: "api-rate", detail: "the org's rate limit is spent", fix: `wait ${formatDuration(error.retryAfterMs ?? 60_000)}, then run debug again` };
  }
  if (error instanceof APIConnectionError) {
    return { ...base, detail: error.message, fix: "start the API or point --base-url / INTEGRATIONS_API_URL at it" };
  }
  if (error instanceof InternalServerError || error instanceof MalformedResponseError) return brokenList(error, client, org, base);
  return { ...base, detail: error instanceof Error ? error.message : String(error), fix: "see the error; run 'integration-setup status' for details" };
}

/**
 * A 500 (or unreadable) list usually hides one stored row the service cannot answer. Its error
 * text may name the bad value. GETs of single providers locate the row on a service that reads
 * them one by one; production builds every GET from the whole list, so once one GET fails like
 * the list did, further GETs would only spend the budget (and blame every provider).
 */
async function brokenList(error: InternalServerError | MalformedResponseError, client: IntegrationsClient, org: string, base: Check): Promise<Check> {
  const value = badValueOf(error.message);
  const broken: string[] = [];
  let everyGetFails = false;
  for (const [index, code] of PROVIDER_CODES.entries()) {
    try {
      await client.get(org, code, { maxRetries: 0 });
    } catch (probe) {
      if (index === 0 && probe instanceof Error && sameFailure(probe, error)) {
        everyGetFails = true;
        break;
      }
      broken.push(code);
    }
  }
  const found = value === undefined ? "" : `; a stored row has validation_status '${value}', which the service cannot answer`;
  if (everyGetFails || broken.length === 0) {
    return {
      ...base,
      id: "api-bad-row",
      detail: `${error.message}${found}; every GET fails with it (the service builds each GET from the whole list), so the API cannot say which provider`,
      fix: "find the row with the query, then correct its validation_status or deactivate it (is_active = FALSE); the list works again at once",
      query: badStatusQuery(org),
    };
  }
  return {
    ...base,
    id: "api-bad-row",
    detail: `${error.message}${found}; GET fails for ${broken.join(", ")}`,
    fix: `store a new credential for ${broken.map((code) => segmentOf(code)).join(", ")} (integration-setup <provider> ${org}), or correct the row with the query`,
    query: badStatusQuery(org),
  };
}

/** The value production's validation error quotes: input_value='EXPIRED', or "'EXPIRED' is not a valid ...". */
function badValueOf(text: string): string | undefined {
  return /input_value='([^']{1,40})'/.exec(text)?.[1] ?? /'([^']{1,40})' is not a valid/.exec(text)?.[1];
}

function sameFailure(probe: Error, listError: Error): boolean {
  return probe.constructor === listError.constructor && probe.message === listError.message;
}

function printChecks(checks: Check[], org: string, io: Io, json: boolean): void {
  const problems = checks.filter((c) => !c.ok && c.severity === "problem").length;
  if (json) {
    writeLine(io.stdout, JSON.stringify({ org_slug: org, ok: problems === 0, checks }, null, 2));
    return;
  }
  const c = colorsFor(io.stdout, io.env);
  for (const check of checks) {
    const mark = check.ok ? c.green("✓") : check.severity === "problem" ? c.red("✗") : c.yellow("!");
    writeLine(io.stdout, `${mark} ${check.title}${check.detail ? `: ${check.detail}` : ""}`);
    if (!check.ok && check.fix) writeLine(io.stdout, `    ${c.dim("→")} ${check.fix}`);
    if (!check.ok && check.query) for (const line of check.query.split("\n")) writeLine(io.stdout, `      ${line}`);
  }
  writeLine(io.stderr, problems === 0 ? "no problems found" : `${problems} problem${problems === 1 ? "" : "s"} found`);
}
