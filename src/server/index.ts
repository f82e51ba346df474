/**
 * The local reference server of the integrations API (spec: shared/spec/integrations-api.md,
 * "Intended behaviour"). `startServer` runs it in-process; `serve-command.ts` is the CLI around it.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ORG_SLUG_PATTERN } from "../api/providers.js";
import { apiKeyPepper, generateApiKey, hashApiKey } from "./api-keys.js";
import { createHandler } from "./app.js";
import { validateProviderOverrides } from "./checks/index.js";
import { type ProductionOptions, productionCompat } from "./compat/production-limits.js";
import {
  type Subscription,
  assertIntendedSchema,
  ensureSubscriptionTable,
  prepareProductionSchema,
  setSubscription,
} from "./compat/production-store.js";
import { loadKek } from "./kek.js";
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitOptions } from "./rate-limit.js";
import { Store } from "./store.js";

export { OrgExistsError } from "./store.js";
export { KekError } from "./kek.js";
export { ProviderConfigError } from "./checks/index.js";
export type { RateLimitOptions } from "./rate-limit.js";
export type { ProductionOptions } from "./compat/production-limits.js";
export { CompatDatabaseError } from "./compat/production-store.js";

/** "intended": the spec's intended behaviour; "production": the production service's (compat/production.ts). */
export type CompatMode = "intended" | "production";
export const COMPAT_MODES: readonly CompatMode[] = ["intended", "production"];

/** The org's subscription as `--compat production` reads it (default: ACTIVE, no integration limit). */
export interface OrgPlan {
  /** ACTIVE and TRIAL allow setups; any other status is production's 403 "Subscription is <STATUS>". */
  subscription?: string;
  /** Most providers with an active credential; a setup of one more is production's plan-limit 429. */
  providersLimit?: number | null;
}

export interface ServerOptions {
  /** SQLite database file (created if absent). The KEK file defaults to `<dbPath>.kek`. */
  dbPath: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** Where INTEGRATIONS_KEK and INTEGRATION_PROVIDER_<CODE>_URL are read. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Per-org token bucket. Default 120 requests, refilled at 2 per second. */
  rateLimit?: RateLimitOptions;
  /** Timeout of each outbound provider call. Default 10 s. */
  providerTimeoutMs?: number;
  /** Largest accepted request body. Default 256 KiB. */
  bodyLimitBytes?: number;
  /** One line per request (never secrets). Default: stderr. */
  log?: (line: string) => void;
  /** Whose behaviour to reproduce. Default "intended". */
  compat?: CompatMode;
  /** Limits of `compat: "production"` (default: production's own). */
  production?: ProductionOptions;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Creates an org and returns its API key (shown once; only a hash is stored). */
  createOrg(slug: string, plan?: OrgPlan): string;
  /** Changes an org's subscription (read in `compat: "production"` only). */
  setPlan(slug: string, plan: OrgPlan): void;
  close(): Promise<void>;
}

export const DEFAULT_BODY_LIMIT = 256 * 1024;
export const DEFAULT_PROVIDER_TIMEOUT_MS = 10_000;

export class InvalidSlugError extends Error {}

function checkSlug(slug: string): void {
  if (!ORG_SLUG_PATTERN.test(slug)) {
    throw new InvalidSlugError("org slug must be 3 to 50 characters: lower-case letters, digits and underscores");
  }
}

function createOrgIn(store: Store, kek: Buffer, slug: string, plan?: OrgPlan): string {
  checkSlug(slug);
  const apiKey = generateApiKey(slug);
  store.createOrg(slug, hashApiKey(apiKeyPepper(kek), apiKey), new Date().toISOString());
  if (plan) setPlanIn(store, slug, plan);
  return apiKey;
}

function setPlanIn(store: Store, slug: string, plan: OrgPlan): void {
  if (store.orgKeyHash(slug) === undefined) throw new InvalidSlugError(`no org '${slug}' in this database`);
  ensureSubscriptionTable(store);
  const subscription: Partial<Subscription> = {};
  if (plan.subscription !== undefined) subscription.status = plan.subscription.toUpperCase();
  if (plan.providersLimit !== undefined) subscription.providers_limit = plan.providersLimit;
  setSubscription(store, slug, subscription);
}

/** Creates an org in the database file without starting a server; returns the new API key. */
export function createOrgApiKey(dbPath: string, slug: string, env: NodeJS.ProcessEnv = process.env, plan?: OrgPlan): string {
  checkSlug(slug); // before creating any file
  const kek = loadKek(dbPath, env);
  const store = new Store(dbPath);
  try {
    return createOrgIn(store, kek, slug, plan);
  } finally {
    store.close();
  }
}

/** Sets an existing org's subscription in the database file (for `--compat production`). */
export function setOrgPlan(dbPath: string, slug: string, plan: OrgPlan): void {
  checkSlug(slug);
  const store = new Store(dbPath);
  try {
    setPlanIn(store, slug, plan);
  } finally {
    store.close();
  }
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const env = options.env ?? process.env;
  validateProviderOverrides(env);
  const kek = loadKek(options.dbPath, env);
  const store = new Store(options.dbPath);
  const production = options.compat === "production";
  try {
    if (production) prepareProductionSchema(store);
    else assertIntendedSchema(store);
  } catch (error) {
    store.close();
    throw error;
  }
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const handler = createHandler({
    store,
    kek,
    pepper: apiKeyPepper(kek),
    limiter: new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT),
    providerTimeoutMs: options.providerTimeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS,
    bodyLimitBytes: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT,
    env,
    log,
    production: production ? productionCompat(options.production) : undefined,
  });
  const server = createServer(handler);
  const host = options.host ?? "127.0.0.1";
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
  } catch (error) {
    store.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    createOrg: (slug, plan) => createOrgIn(store, kek, slug, plan),
    setPlan: (slug, plan) => setPlanIn(store, slug, plan),
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => {
          store.close();
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
