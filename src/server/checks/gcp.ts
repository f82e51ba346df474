/**
 * GCP service account: sign a JWT with the key (RS256), exchange it at the OAuth token endpoint,
 * then list BigQuery datasets of the key's project (what the billing export needs).
 * With an override base URL B: POST B/token and GET B/bigquery/v2/projects/{project}/datasets.
 * The key file's own `token_uri` is ignored: the credential must not choose where it is sent.
 */
import { sign } from "node:crypto";
import { guarded, jsonField, outcomeOfStatus, providerCall } from "./http-call.js";
import { parseJsonCredential, privateKeyOf } from "./keys.js";
import type { ProviderCheck } from "./outcome.js";

const SCOPE = "https://www.googleapis.com/auth/bigquery.readonly";

export const checkGcpServiceAccount: ProviderCheck = (credential, { baseUrl, timeoutMs }) =>
  guarded(async () => {
    const account = parseJsonCredential(credential);
    const key = privateKeyOf(account.private_key ?? "");
    if (key === undefined || key.asymmetricKeyType !== "rsa") {
      return { kind: "malformed", problems: ['a GCP service account key needs a "private_key" that is a PEM RSA private key'] };
    }
    const tokenUrl = baseUrl ? `${baseUrl}/token` : "https://oauth2.googleapis.com/token";
    const now = Math.floor(Date.now() / 1000);
    const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString("base64url");
    const unsigned = `${encode({ alg: "RS256", typ: "JWT" })}.${encode({
      iss: account.client_email,
      scope: SCOPE,
      aud: tokenUrl,
      iat: now,
      exp: now + 600,
    })}`;
    const assertion = `${unsigned}.${sign("sha256", Buffer.from(unsigned), key).toString("base64url")}`;
    const token = await providerCall(tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion }).toString(),
      timeoutMs,
      label: "Google OAuth",
    });
    const tokenOutcome = outcomeOfStatus("Google OAuth", token.status, "the service account key");
    if (tokenOutcome.kind !== "valid") return tokenOutcome;
    const accessToken = jsonField(token.body, "access_token");
    if (!accessToken) return { kind: "unavailable", reason: "Google OAuth answered without an access token" };
    const bigquery = baseUrl ?? "https://bigquery.googleapis.com";
    const datasets = await providerCall(
      `${bigquery}/bigquery/v2/projects/${encodeURIComponent(account.project_id ?? "")}/datasets?maxResults=1`,
      { headers: { authorization: `Bearer ${accessToken}` }, timeoutMs, label: "BigQuery" },
    );
    return outcomeOfStatus(
      "BigQuery",
      datasets.status,
      "listing datasets with this service account",
      "BigQuery does not know the key's project_id (HTTP 404)",
    );
  });
