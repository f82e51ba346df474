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
} from "../../client/index.js";
import { runApiCommand } from "./api-command.js";
import { type Check, checkConfiguredList, checkProviderStatus, checkProvidersPresent, checkSingleActive } from "./debug-checks.js";
import { EXIT } from "../../core/setup-exit-codes.js";
import { type Io, colorsFor, writeLine } from "./io.js";
import { API_OPTIONS, UsageError, clientFrom, expectPositionals, orgArg } from "./options.js";

export const DEBUG_HELP = `Usage: integration-setup debug <org> [--stale-days N] [--json]

Runs the troubleshooting checks of the operations runbook against the API:
  - the API answers and accepts the key (and which provider breaks the list, if it fails)
  - every provider appears in the list (schema drift)
  - statuses are documented values (unknown ones break the production GET)
  - INVALID / FAILED / EXPIRED credentials, with their last error
  - stale validation: VALID but never validated, or not in the last N days (default 7)
  - more than one active credential for a provider
Each failed check says what to do. Exit codes: 0 nothing wrong, 1 problems found, 2 usage, 3 auth.`;

const DEBUG_OPTIONS = { ...API_OPTIONS, "stale-days": { type: "string" } } as const;

export async function debugCommand(args: string[], io: Io): Promise<number> {
  return runApiCommand({ name: "debug", help: DEBUG_HELP, options: DEBUG_OPTIONS }, args, io, async ({ values, positionals, json, baseUrl }) => {
    const staleDays = Number(values["stale-days"] ?? 7);
    if (!Number.isFinite(staleDays) || staleDays <= 0) throw new UsageError("--stale-days must be a positive number");
    const [org] = expectPositionals(positionals, ["org"]);
    orgArg(org!);
    const client = await clientFrom(values, io);
    const checks = await runChecks(client, org!, baseUrl, staleDays);
    printChecks(checks, org!, io, json);
    if (checks.some((c) => !c.ok && c.id === "api-auth")) return EXIT.auth;
    return checks.some((c) => !c.ok && c.severity === "problem") ? EXIT.failed : EXIT.ok;
  });
}

async function runChecks(client: IntegrationsClient, org: string, baseUrl: string, staleDays: number): Promise<Check[]> {
  let list: IntegrationList;
  try {
    list = await client.list(org);
  } catch (error) {
    return [await listFailure(error, client, org, baseUrl)];
  }
  const checks: Check[] = [{ id: "api", ok: true, severity: "problem", title: `the API at ${baseUrl} answers and accepts the key` }];
  checks.push(...checkProvidersPresent(list), ...checkConfiguredList(list, org));
  const now = Date.now();
  for (const [code, entry] of Object.entries(list.integrations)) {
    checks.push(...checkProviderStatus(code, entry, org, now, staleDays));
    if (entry.status === "NOT_CONFIGURED" || !(PROVIDER_CODES as readonly string[]).includes(code)) continue;
    try {
      checks.push(checkSingleActive(code, entry, await client.get(org, code), org));
    } catch (error) {
      checks.push(getFailure(code, error, org));
    }
  }
  return checks;
}

/** The list failed: say why, and when the server broke, find the provider that breaks it. */
async function listFailure(error: unknown, client: IntegrationsClient, org: string, baseUrl: string): Promise<Check> {
  const base = { id: "api", ok: false, severity: "problem" as const, title: `the API at ${baseUrl} answers and accepts the key` };
  if (error instanceof AuthenticationError) {
    return { ...base, id: "api-auth", detail: `401: ${error.detail}`, fix: "set INTEGRATIONS_API_KEY (or --api-key-file) to this org's key" };
  }
  if (error instanceof PermissionDeniedError) {
    return { ...base, id: "api-auth", detail: `403: ${error.detail}`, fix: `the key belongs to another org; use ${org}'s key` };
  }
  if (error instanceof APIConnectionError) {
    return { ...base, detail: error.message, fix: "start the API or point --base-url / INTEGRATIONS_API_URL at it" };
  }
  if (error instanceof InternalServerError || error instanceof MalformedResponseError) {
    const broken: string[] = [];
    for (const code of PROVIDER_CODES) {
      try {
        await client.get(org, code, { maxRetries: 0 });
      } catch {
        broken.push(code);
      }
    }
    return {
      ...base,
      detail: `${error.message}${broken.length ? `; GET fails for ${broken.join(", ")}` : ""}`,
      fix: broken.length
        ? "a stored row probably has a status outside the enum or a missing column: store a new credential for those providers or have the rows fixed"
        : "report it to the API team with the request id",
    };
  }
  return { ...base, detail: error instanceof Error ? error.message : String(error), fix: "see the error; run 'integration-setup status' for details" };
}

function getFailure(code: string, error: unknown, org: string): Check {
  return {
    id: "provider-get",
    provider: code,
    ok: false,
    severity: "problem",
    title: `${code}: GET of the provider works`,
    detail: error instanceof Error ? error.message : String(error),
    fix: `a stored row probably has an unexpected value; store a new credential: integration-setup ${segmentOf(code)} ${org}`,
  };
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
  }
  writeLine(io.stderr, problems === 0 ? "no problems found" : `${problems} problem${problems === 1 ? "" : "s"} found`);
}
