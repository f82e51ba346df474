/**
 * Routing and authentication shared by both behaviours of the reference server (intended, and
 * `--compat production`): the path split into org / provider / action, and the X-API-Key check.
 */
import type { IncomingMessage } from "node:http";
import { apiKeyMatches, orgOfApiKey } from "./api-keys.js";
import { ApiError } from "./http-util.js";
import type { Store } from "./store.js";

const PREFIX = "/api/v1/integrations/";

/** A successful answer (errors are thrown as ApiError). */
export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type Action = "list" | "get" | "update" | "delete" | "setup" | "validate";

export interface Route {
  org: string;
  provider?: string;
  actions: Partial<Record<string, Action>>;
}

/** Splits the path into org / provider / action; undefined when it is not one of our routes. */
export function routeOf(pathname: string): Route | undefined {
  if (!pathname.startsWith(PREFIX)) return undefined;
  const parts = pathname.slice(PREFIX.length).split("/");
  let decoded: string[];
  try {
    decoded = parts.map((part) => decodeURIComponent(part));
  } catch {
    throw new ApiError(400, "Malformed percent-encoding in the URL path");
  }
  const [org, provider, action] = decoded;
  if (!org) return undefined;
  if (parts.length === 1) return { org, actions: { GET: "list" } };
  if (!provider) return undefined;
  if (parts.length === 2) return { org, provider, actions: { GET: "get", PUT: "update", DELETE: "delete" } };
  if (parts.length === 3 && action === "setup") return { org, provider, actions: { POST: "setup" } };
  if (parts.length === 3 && action === "validate") return { org, provider, actions: { POST: "validate" } };
  return undefined;
}

/** Verifies the X-API-Key header; the org it belongs to. */
export function authenticate(request: IncomingMessage, store: Store, pepper: Buffer): string {
  const key = request.headers["x-api-key"];
  if (typeof key !== "string" || key === "") throw new ApiError(401, "Missing API key: send it in the X-API-Key header");
  const claimedOrg = orgOfApiKey(key);
  const storedHash = claimedOrg === undefined ? undefined : store.orgKeyHash(claimedOrg);
  if (claimedOrg === undefined || storedHash === undefined || !apiKeyMatches(pepper, key, storedHash)) {
    throw new ApiError(401, "Invalid API key");
  }
  return claimedOrg;
}
