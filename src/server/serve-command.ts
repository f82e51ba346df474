/**
 * `integration-setup serve`: runs the reference server, or creates an org and prints its API key.
 *
 *   integration-setup serve [--host 127.0.0.1] [--port 8000] [--db integrations.db]
 *                           [--rate-capacity N] [--rate-refill N] [--provider-timeout MS]
 *                           [--compat intended|production] [--global-rate-limit N]
 *   integration-setup serve --db FILE --create-org SLUG [--subscription STATUS] [--providers-limit N]
 *   integration-setup serve --db FILE --set-plan SLUG [--subscription STATUS] [--providers-limit N]
 *
 * The first stdout line of a running server is `listening on http://HOST:PORT` (port 0 picks one).
 * Request logs go to stderr and never contain secrets. SIGTERM/SIGINT close the server cleanly.
 */
import { parseArgs } from "node:util";
import { ProviderConfigError } from "./checks/index.js";
import { EXIT } from "../core/setup-exit-codes.js";
import { KekError } from "./kek.js";
import { CompatDatabaseError } from "./compat/production-store.js";
import {
  COMPAT_MODES,
  type CompatMode,
  DEFAULT_PROVIDER_TIMEOUT_MS,
  InvalidSlugError,
  type OrgPlan,
  createOrgApiKey,
  setOrgPlan,
  startServer,
} from "./index.js";
import { DEFAULT_RATE_LIMIT } from "./rate-limit.js";
import { SqliteUnavailableError } from "./sqlite.js";
import { OrgExistsError } from "./store.js";

const USAGE = `Usage:
  integration-setup serve [--host 127.0.0.1] [--port 8000] [--db integrations.db]
                          [--rate-capacity 120] [--rate-refill 2] [--provider-timeout 10000]
                          [--compat intended|production] [--global-rate-limit 10000]
  integration-setup serve --db FILE --create-org SLUG [--subscription STATUS] [--providers-limit N]
  integration-setup serve --db FILE --set-plan SLUG [--subscription STATUS] [--providers-limit N]

--compat production answers as the production service does (its rate limits, routes, duplicate
rows, validate and PUT answers; docs/server.md); --subscription and --providers-limit set the org's
plan it reads (default ACTIVE, no limit). --rate-capacity/--rate-refill apply to the intended mode.

The key-encryption key comes from env INTEGRATIONS_KEK (base64, 32 bytes) or the file <db>.kek
(created with mode 0600). Provider endpoints can be overridden with INTEGRATION_PROVIDER_<CODE>_URL.`;

function fail(message: string, code: number): number {
  process.stderr.write(`integration-setup serve: ${message}\n`);
  return code;
}

function numberOption(value: string | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < min) throw new UsageError(`--${name} must be a number >= ${min}`);
  return parsed;
}

class UsageError extends Error {}

const SUBSCRIPTION_STATUS = /^[A-Za-z_]{1,30}$/;

function planOf(subscription: string | undefined, providersLimit: string | undefined): OrgPlan | undefined {
  if (subscription === undefined && providersLimit === undefined) return undefined;
  const plan: OrgPlan = {};
  if (subscription !== undefined) {
    if (!SUBSCRIPTION_STATUS.test(subscription)) throw new UsageError("--subscription must be a status such as ACTIVE, TRIAL, SUSPENDED, CANCELLED");
    plan.subscription = subscription;
  }
  if (providersLimit !== undefined) {
    const limit = numberOption(providersLimit, "providers-limit", 0, 0);
    if (!Number.isInteger(limit)) throw new UsageError("--providers-limit must be an integer");
    plan.providersLimit = limit;
  }
  return plan;
}

export async function runServeCommand(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        host: { type: "string" },
        port: { type: "string" },
        db: { type: "string" },
        "create-org": { type: "string" },
        "rate-capacity": { type: "string" },
        "rate-refill": { type: "string" },
        "provider-timeout": { type: "string" },
        compat: { type: "string" },
        "global-rate-limit": { type: "string" },
        "set-plan": { type: "string" },
        subscription: { type: "string" },
        "providers-limit": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`, EXIT.usage);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  const dbPath = values.db ?? "integrations.db";
  try {
    const plan = planOf(values.subscription, values["providers-limit"]);
    if (values["set-plan"] !== undefined) {
      if (plan === undefined) throw new UsageError("--set-plan needs --subscription and/or --providers-limit");
      setOrgPlan(dbPath, values["set-plan"], plan);
      process.stderr.write(`updated the plan of org '${values["set-plan"]}'\n`);
      return EXIT.ok;
    }
    if (values["create-org"] !== undefined) {
      const apiKey = createOrgApiKey(dbPath, values["create-org"], process.env, plan);
      process.stderr.write(`created org '${values["create-org"]}'; the API key below is shown once, store it now\n`);
      process.stdout.write(`${apiKey}\n`);
      return EXIT.ok;
    }
    if (plan !== undefined) throw new UsageError("--subscription and --providers-limit go with --create-org or --set-plan");
    const compat = (values.compat ?? "intended") as CompatMode;
    if (!COMPAT_MODES.includes(compat)) throw new UsageError(`--compat must be one of ${COMPAT_MODES.join(", ")}`);
    const port = numberOption(values.port, "port", 8000, 0);
    if (!Number.isInteger(port) || port > 65535) throw new UsageError("--port must be an integer from 0 to 65535");
    const server = await startServer({
      dbPath,
      host: values.host ?? "127.0.0.1",
      port,
      rateLimit: {
        capacity: numberOption(values["rate-capacity"], "rate-capacity", DEFAULT_RATE_LIMIT.capacity, 1),
        refillPerSecond: numberOption(values["rate-refill"], "rate-refill", DEFAULT_RATE_LIMIT.refillPerSecond, 0.001),
      },
      providerTimeoutMs: numberOption(values["provider-timeout"], "provider-timeout", DEFAULT_PROVIDER_TIMEOUT_MS, 1),
      compat,
      production: { globalPerMinute: numberOption(values["global-rate-limit"], "global-rate-limit", 10_000, 1) },
    });
    process.stdout.write(`listening on ${server.url}\n`);
    if (compat === "production") process.stderr.write("compat: production (answers as the production service does, quirks included)\n");
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      const onSignal = (received: NodeJS.Signals): void => {
        process.off("SIGTERM", onSignal);
        process.off("SIGINT", onSignal);
        resolve(received);
      };
      process.on("SIGTERM", onSignal);
      process.on("SIGINT", onSignal);
    });
    process.stderr.write(`${signal}: closing\n`);
    await server.close();
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError || error instanceof InvalidSlugError) return fail(error.message, EXIT.usage);
    if (error instanceof OrgExistsError || error instanceof KekError || error instanceof ProviderConfigError || error instanceof CompatDatabaseError || error instanceof SqliteUnavailableError) {
      return fail(error.message, EXIT.failed);
    }
    // System and SQLite errors (port in use, unreadable database...) carry a code and a message
    // naming a path or a port, never a secret: report them without a stack.
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === "string") return fail(`cannot start (${code}): ${(error as Error).message}`, EXIT.failed);
    throw error;
  }
}
