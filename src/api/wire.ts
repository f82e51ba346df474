/**
 * The integrations API's response bodies as zod schemas (spec "Endpoints"). Shared by the client
 * (which validates every response) and the debug command.
 *
 * Tolerant on purpose, because the client must survive the production service as it is:
 * - unknown extra fields are kept (loose objects), so a newer server does not break older clients;
 * - `status` / `validation_status` are any string: a value outside the enum must reach the caller
 *   (the debug command reports it) instead of failing the whole list;
 * - nullable fields the spec says are present may be absent; they read as null.
 */
import { z } from "zod";

export const INTEGRATION_STATUSES = [
  "VALID",
  "INVALID",
  "PENDING",
  "NOT_CONFIGURED",
  "EXPIRED",
  "PARTIAL_VALID",
] as const;
export type KnownIntegrationStatus = (typeof INTEGRATION_STATUSES)[number];

export const VALIDATION_STATUSES = ["VALID", "INVALID", "PENDING", "FAILED", "NOT_CONFIGURED"] as const;
export type KnownValidationStatus = (typeof VALIDATION_STATUSES)[number];

/** Keeps autocompletion for the known values while admitting any other string. */
type OpenString<T extends string> = T | (string & {});

export function isKnownIntegrationStatus(value: string): value is KnownIntegrationStatus {
  return (INTEGRATION_STATUSES as readonly string[]).includes(value);
}
export function isKnownValidationStatus(value: string): value is KnownValidationStatus {
  return (VALIDATION_STATUSES as readonly string[]).includes(value);
}

const nullableString = z.string().nullable().default(null);

export const IntegrationStatusSchema = z.looseObject({
  provider: z.string(),
  status: z.string() as z.ZodType<OpenString<KnownIntegrationStatus>>,
  credential_name: nullableString,
  last_validated_at: nullableString,
  last_error: nullableString,
  created_at: nullableString,
  metadata: z.record(z.string(), z.unknown()).nullable().default(null),
});
export type IntegrationStatus = z.infer<typeof IntegrationStatusSchema>;

export const IntegrationListSchema = z.looseObject({
  org_slug: z.string(),
  // Keyed by provider code; kept as a string record so an unknown key is reported, not fatal.
  integrations: z.record(z.string(), IntegrationStatusSchema),
  all_valid: z.boolean(),
  providers_configured: z.array(z.string()),
});
export type IntegrationList = z.infer<typeof IntegrationListSchema>;

export const SetupResultSchema = z.looseObject({
  success: z.boolean(),
  provider: z.string(),
  credential_id: nullableString,
  validation_status: z.string() as z.ZodType<OpenString<KnownValidationStatus>>,
  validation_error: nullableString,
  message: z.string().default(""),
});
export type SetupResult = z.infer<typeof SetupResultSchema>;

export const DeleteResultSchema = z.looseObject({
  success: z.boolean(),
  message: z.string().default(""),
  provider: z.string(),
});
export type DeleteResult = z.infer<typeof DeleteResultSchema>;
