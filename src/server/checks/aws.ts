/**
 * AWS: an STS call signed with Signature Version 4.
 * - Access key form {access_key_id, secret_access_key, session_token?, region?}: GetCallerIdentity
 *   signed with the given keys.
 * - Role form {role_arn, external_id, region?}: AssumeRole with the external id, signed with the
 *   SERVER's own AWS keys (env AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY). Without them the check
 *   cannot run and the credential stays PENDING with a reason saying so.
 * With an override base URL B: POST B/ (the host signed is B's host).
 */
import { createHash, createHmac } from "node:crypto";
import { guarded, outcomeOfStatus, providerCall } from "./http-call.js";
import { headerSafeProblems, parseJsonCredential, regionProblem } from "./keys.js";
import type { CheckOutcome, ProviderCheck } from "./outcome.js";

interface SigningKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export const checkAws: ProviderCheck = (credential, { baseUrl, timeoutMs, env }) =>
  guarded(async (): Promise<CheckOutcome> => {
    const fields = parseJsonCredential(credential);
    const problems = [
      ...regionProblem(fields.region, "an AWS credential"),
      ...headerSafeProblems({ access_key_id: fields.access_key_id, session_token: fields.session_token }, "an AWS credential"),
    ];
    if (problems.length > 0) return { kind: "malformed", problems };
    const region = fields.region || "us-east-1";
    const url = baseUrl ? `${baseUrl}/` : fields.region ? `https://sts.${region}.amazonaws.com/` : "https://sts.amazonaws.com/";
    const useKeys = Boolean(fields.access_key_id && fields.secret_access_key);
    let keys: SigningKeys;
    let params: Record<string, string>;
    if (useKeys) {
      keys = {
        accessKeyId: fields.access_key_id!,
        secretAccessKey: fields.secret_access_key!,
        ...(fields.session_token ? { sessionToken: fields.session_token } : {}),
      };
      params = { Action: "GetCallerIdentity", Version: "2011-06-15" };
    } else {
      if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) {
        return {
          kind: "unavailable",
          reason: "the server has no AWS credentials of its own to assume the role with (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)",
        };
      }
      keys = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY };
      params = {
        Action: "AssumeRole",
        Version: "2011-06-15",
        RoleArn: fields.role_arn ?? "",
        ExternalId: fields.external_id ?? "",
        RoleSessionName: "integration-guard-check",
        DurationSeconds: "900",
      };
    }
    const body = new URLSearchParams(params).toString();
    const headers = signSigV4({ url: new URL(url), region, service: "sts", body, keys, now: new Date() });
    const response = await providerCall(url, { method: "POST", headers, body, timeoutMs, label: "AWS STS" });
    return outcomeOfStatus("AWS STS", response.status, useKeys ? "the access key" : "assuming the role");
  });

const sha256Hex = (data: string): string => createHash("sha256").update(data, "utf8").digest("hex");
const hmac = (key: Buffer | string, data: string): Buffer => createHmac("sha256", key).update(data, "utf8").digest();

/** SigV4 headers for a form POST to "/" (the only request shape STS needs here). */
export function signSigV4(request: {
  url: URL;
  region: string;
  service: string;
  body: string;
  keys: SigningKeys;
  now: Date;
}): Record<string, string> {
  const amzDate = request.now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded; charset=utf-8",
    host: request.url.host,
    "x-amz-date": amzDate,
  };
  if (request.keys.sessionToken) headers["x-amz-security-token"] = request.keys.sessionToken;
  const names = Object.keys(headers).sort();
  const canonicalRequest = [
    "POST",
    request.url.pathname || "/",
    "",
    names.map((name) => `${name}:${headers[name]}\n`).join(""),
    names.join(";"),
    sha256Hex(request.body),
  ].join("\n");
  const scope = `${day}/${request.region}/${request.service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
  let signingKey = hmac(`AWS4${request.keys.secretAccessKey}`, day);
  for (const part of [request.region, request.service, "aws4_request"]) signingKey = hmac(signingKey, part);
  const signature = createHmac("sha256", signingKey).update(stringToSign, "utf8").digest("hex");
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${request.keys.accessKeyId}/${scope}, SignedHeaders=${names.join(";")}, Signature=${signature}`;
  return headers;
}
