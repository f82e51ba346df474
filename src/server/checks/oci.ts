/**
 * OCI API key: a signed GET of the tenancy (Identity GetTenancy), HTTP Signatures with rsa-sha256
 * over "(request-target) date host" as OCI requires for GET.
 * With an override base URL B: GET B/20160918/tenancies/{tenancy_ocid}.
 */
import { sign } from "node:crypto";
import { guarded, outcomeOfStatus, providerCall } from "./http-call.js";
import { headerSafeProblems, parseJsonCredential, privateKeyOf, regionProblem } from "./keys.js";
import type { ProviderCheck } from "./outcome.js";

export const checkOci: ProviderCheck = (credential, { baseUrl, timeoutMs }) =>
  guarded(async () => {
    const account = parseJsonCredential(credential);
    const problems = [
      ...regionProblem(account.region, "an OCI credential"),
      // These three form the signature's keyId, inside a quoted header parameter.
      ...headerSafeProblems(
        { tenancy_ocid: account.tenancy_ocid, user_ocid: account.user_ocid, fingerprint: account.fingerprint },
        "an OCI credential",
      ),
    ];
    const key = privateKeyOf(account.private_key ?? "");
    if (key === undefined || key.asymmetricKeyType !== "rsa") {
      problems.push('an OCI credential needs a "private_key" that is a PEM RSA private key');
    }
    if (problems.length > 0 || key === undefined) return { kind: "malformed", problems };
    const base = baseUrl ?? `https://identity.${account.region}.oraclecloud.com`;
    const url = new URL(`${base}/20160918/tenancies/${encodeURIComponent(account.tenancy_ocid ?? "")}`);
    const date = new Date().toUTCString();
    const signingString = [
      `(request-target): get ${url.pathname}${url.search}`,
      `date: ${date}`,
      `host: ${url.host}`,
    ].join("\n");
    const signature = sign("sha256", Buffer.from(signingString), key).toString("base64");
    const keyId = `${account.tenancy_ocid}/${account.user_ocid}/${account.fingerprint}`;
    const response = await providerCall(url.href, {
      headers: {
        date,
        authorization: `Signature version="1",keyId="${keyId}",algorithm="rsa-sha256",headers="(request-target) date host",signature="${signature}"`,
      },
      timeoutMs,
      label: "OCI Identity",
    });
    return outcomeOfStatus(
      "OCI Identity",
      response.status,
      "the API signing key",
      "OCI Identity does not show this tenancy to the user (HTTP 404)",
    );
  });
