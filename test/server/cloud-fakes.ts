// Local stand-ins for the cloud providers. Each one checks the request the way the real service
// would (JWT signature, SigV4 signature, OAuth form, OCI HTTP signature) with code written here,
// independently of the server's signing code.
import { createHash, createHmac, createPublicKey, generateKeyPairSync, verify } from "node:crypto";
import { type FakeHandler, answer } from "./helpers.js";

export function rsaKeyPair(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

/** Google: POST /token with a JWT bearer assertion, then GET BigQuery datasets with the token. */
export function gcpHandler(account: { clientEmail: string; publicPem: string; projectId: string }, baseUrl: () => string): FakeHandler {
  return (request, response) => {
    const url = new URL(request.url, "http://x");
    if (request.method === "POST" && url.pathname === "/token") {
      const form = new URLSearchParams(request.body);
      const [header, claims, signature] = (form.get("assertion") ?? "").split(".");
      const signed = verify("sha256", Buffer.from(`${header}.${claims}`), createPublicKey(account.publicPem), Buffer.from(signature ?? "", "base64url"));
      const payload = JSON.parse(Buffer.from(claims ?? "", "base64url").toString() || "{}");
      const ok =
        form.get("grant_type") === "urn:ietf:params:oauth:grant-type:jwt-bearer" &&
        signed &&
        payload.iss === account.clientEmail &&
        payload.aud === `${baseUrl()}/token` &&
        payload.exp > payload.iat;
      return ok ? answer(response, 200, { access_token: "ya29.fake-token", expires_in: 3600 }) : answer(response, 400, { error: "invalid_grant" });
    }
    if (request.method === "GET" && url.pathname.startsWith("/bigquery/v2/projects/")) {
      if (request.headers.authorization !== "Bearer ya29.fake-token") return answer(response, 401, {});
      const project = decodeURIComponent(url.pathname.split("/")[4] ?? "");
      return project === account.projectId ? answer(response, 200, { datasets: [] }) : answer(response, 404, {});
    }
    answer(response, 404, {});
  };
}

const sha256Hex = (data: string) => createHash("sha256").update(data).digest("hex");

/** AWS STS: verifies the SigV4 Authorization header against the secret it knows for the key id. */
export function stsHandler(secrets: Record<string, string>, seen: { actions: URLSearchParams[] }): FakeHandler {
  return (request, response) => {
    const auth = String(request.headers.authorization ?? "");
    const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/sts\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(auth);
    if (!match) return answer(response, 400, { Error: { Code: "IncompleteSignature" } });
    const [, keyId, day, region, signedHeaders, signature] = match as unknown as string[];
    const secret = secrets[keyId!];
    if (secret === undefined) return answer(response, 403, { Error: { Code: "InvalidClientTokenId" } });
    const names = signedHeaders!.split(";");
    const canonical = [
      request.method,
      new URL(request.url, "http://x").pathname,
      "",
      names.map((name) => `${name}:${String(request.headers[name]).trim()}\n`).join(""),
      signedHeaders,
      sha256Hex(request.body),
    ].join("\n");
    const amzDate = String(request.headers["x-amz-date"]);
    const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${day}/${region}/sts/aws4_request\n${sha256Hex(canonical)}`;
    const key = ["aws4_request"].reduce(
      (k, part) => createHmac("sha256", k).update(part).digest(),
      [region!, "sts"].reduce((k, part) => createHmac("sha256", k).update(part).digest(), createHmac("sha256", `AWS4${secret}`).update(day!).digest()),
    );
    const expected = createHmac("sha256", key).update(toSign).digest("hex");
    if (expected !== signature || !names.includes("host")) return answer(response, 403, { Error: { Code: "SignatureDoesNotMatch" } });
    seen.actions.push(new URLSearchParams(request.body));
    answer(response, 200, { GetCallerIdentityResponse: { Arn: "arn:aws:iam::123456789012:user/test" } });
  };
}

/** Entra ID token endpoint + ARM subscription read. */
export function azureHandler(principal: { tenantId: string; clientId: string; clientSecret: string; subscriptionId: string }): FakeHandler {
  return (request, response) => {
    const url = new URL(request.url, "http://x");
    if (request.method === "POST" && url.pathname === `/${principal.tenantId}/oauth2/v2.0/token`) {
      const form = new URLSearchParams(request.body);
      const ok =
        form.get("grant_type") === "client_credentials" &&
        form.get("client_id") === principal.clientId &&
        form.get("client_secret") === principal.clientSecret &&
        form.get("scope") === "https://management.azure.com/.default";
      return ok ? answer(response, 200, { access_token: "azure-fake-token" }) : answer(response, 401, { error: "invalid_client" });
    }
    if (request.method === "GET" && url.pathname.startsWith("/subscriptions/") && url.searchParams.has("api-version")) {
      if (request.headers.authorization !== "Bearer azure-fake-token") return answer(response, 401, {});
      return url.pathname === `/subscriptions/${principal.subscriptionId}` ? answer(response, 200, { state: "Enabled" }) : answer(response, 404, {});
    }
    answer(response, 400, { error: "unknown tenant or path" });
  };
}

/** OCI Identity GetTenancy: verifies the HTTP signature with the user's public key. */
export function ociHandler(account: { keyId: string; publicPem: string; tenancy: string }): FakeHandler {
  return (request, response) => {
    const auth = String(request.headers.authorization ?? "");
    const params = Object.fromEntries([...auth.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (params.keyId !== account.keyId || params.algorithm !== "rsa-sha256") return answer(response, 401, { code: "NotAuthenticated" });
    const lines = (params.headers ?? "").split(" ").map((name: string) =>
      name === "(request-target)" ? `(request-target): ${request.method?.toLowerCase()} ${request.url}` : `${name}: ${request.headers[name]}`,
    );
    const ok = verify("sha256", Buffer.from(lines.join("\n")), createPublicKey(account.publicPem), Buffer.from(params.signature ?? "", "base64"));
    if (!ok || !(params.headers ?? "").includes("date")) return answer(response, 401, { code: "NotAuthenticated" });
    return request.url === `/20160918/tenancies/${account.tenancy}` ? answer(response, 200, { id: account.tenancy }) : answer(response, 404, {});
  };
}
