/**
 * Request body validation for setup and PUT, answering the FastAPI/pydantic 422 shape:
 * `detail: [{type, loc, msg, input}]`. The credential is never echoed in `input`, nor is any string
 * sent under an unknown key (a caller may have put a secret there).
 */
import { CREDENTIAL_MAX_CHARS, CREDENTIAL_MIN_CHARS, METADATA_MAX_BYTES } from "../api/limits.js";
import { type ValidationIssue, validationError } from "./http-util.js";

export const NAME_MIN = 3;
export const NAME_MAX = 200;

export const REDACTED = "[REDACTED]";

export interface CredentialBody {
  credential?: string;
  credential_name?: string;
  metadata?: Record<string, unknown>;
}

const KNOWN_KEYS = new Set(["credential", "credential_name", "metadata"]);

/** Parses and validates a JSON body; throws a 422 ApiError listing every problem. */
export function parseCredentialBody(
  raw: Buffer,
  mode: "setup" | "update",
  /** Production checks the metadata's size after the body (a 413, compat/): then skip the 422 here. */
  options: { metadataSize: boolean } = { metadataSize: true },
): CredentialBody {
  let value: unknown;
  try {
    value = raw.length === 0 ? undefined : JSON.parse(raw.toString("utf8"));
  } catch {
    // JSON.parse's message quotes the input, so it is not used.
    throw validationError([{ type: "json_invalid", loc: ["body"], msg: "JSON decode error", input: {} }]);
  }
  if (value === undefined) {
    throw validationError([{ type: "missing", loc: ["body"], msg: "Field required", input: null }]);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw validationError([
      { type: "model_attributes_type", loc: ["body"], msg: "Input should be a valid dictionary or object", input: safeEcho(value) },
    ]);
  }
  const body = value as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  for (const key of Object.keys(body)) {
    if (!KNOWN_KEYS.has(key)) {
      issues.push({ type: "extra_forbidden", loc: ["body", key], msg: "Extra inputs are not permitted", input: safeEcho(body[key]) });
    }
  }
  if (body.credential === undefined) {
    if (mode === "setup") issues.push({ type: "missing", loc: ["body", "credential"], msg: "Field required", input: null });
  } else {
    // As production: 100,000 characters on setup, 50,000 on update.
    checkString(issues, "credential", body.credential, CREDENTIAL_MIN_CHARS, CREDENTIAL_MAX_CHARS[mode], true);
  }
  if (body.credential_name !== undefined && body.credential_name !== null) {
    checkString(issues, "credential_name", body.credential_name, NAME_MIN, NAME_MAX, false);
  }
  if (body.metadata !== undefined && body.metadata !== null) checkMetadata(issues, body.metadata, options.metadataSize);
  if (
    mode === "update" &&
    issues.length === 0 &&
    body.credential === undefined &&
    body.credential_name == null &&
    body.metadata == null
  ) {
    issues.push({
      type: "missing",
      loc: ["body"],
      msg: "Nothing to update: send at least one of credential, credential_name, metadata",
      input: {},
    });
  }
  if (issues.length > 0) throw validationError(issues);
  return {
    credential: body.credential as string | undefined,
    credential_name: (body.credential_name ?? undefined) as string | undefined,
    metadata: (body.metadata ?? undefined) as Record<string, unknown> | undefined,
  };
}

function checkString(
  issues: ValidationIssue[],
  field: string,
  value: unknown,
  min: number,
  max: number,
  secret: boolean,
): void {
  const input = secret ? REDACTED : safeEcho(value);
  const loc = ["body", field];
  if (typeof value !== "string") {
    issues.push({ type: "string_type", loc, msg: "Input should be a valid string", input });
  } else if (value.length < min) {
    issues.push({ type: "string_too_short", loc, msg: `String should have at least ${min} characters`, input });
  } else if (value.length > max) {
    issues.push({ type: "string_too_long", loc, msg: `String should have at most ${max} characters`, input: secret ? REDACTED : "[TOO LONG]" });
  }
}

function checkMetadata(issues: ValidationIssue[], value: unknown, checkSize: boolean): void {
  const loc = ["body", "metadata"];
  if (typeof value !== "object" || Array.isArray(value)) {
    issues.push({ type: "dict_type", loc, msg: "Input should be a valid dictionary", input: safeEcho(value) });
    return;
  }
  if (!checkSize) return;
  const size = Buffer.byteLength(JSON.stringify(value));
  if (size > METADATA_MAX_BYTES) {
    issues.push({
      type: "value_error",
      loc,
      msg: `Value error, metadata must be at most ${METADATA_MAX_BYTES} bytes when serialised (got ${size})`,
      input: "[TOO LARGE]",
    });
  }
}

/** Echo only values that cannot carry a secret: booleans, numbers, null. */
function safeEcho(value: unknown): unknown {
  if (value === null || typeof value === "boolean" || typeof value === "number") return value;
  return REDACTED;
}
