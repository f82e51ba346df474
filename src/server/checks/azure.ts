/**
 * Azure service principal: OAuth2 client-credentials token from Entra ID, then GET the subscription.
 * With an override base URL B: POST B/{tenant}/oauth2/v2.0/token and GET B/subscriptions/{id}.
 */
import { guarded, jsonField, outcomeOfStatus, providerCall } from "./http-call.js";
import { parseJsonCredential } from "./keys.js";
import type { ProviderCheck } from "./outcome.js";

export const checkAzure: ProviderCheck = (credential, { baseUrl, timeoutMs }) =>
  guarded(async () => {
    const principal = parseJsonCredential(credential);
    const login = baseUrl ?? "https://login.microsoftonline.com";
    const token = await providerCall(`${login}/${encodeURIComponent(principal.tenant_id ?? "")}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: principal.client_id ?? "",
        client_secret: principal.client_secret ?? "",
        scope: "https://management.azure.com/.default",
      }).toString(),
      timeoutMs,
      label: "Azure login",
    });
    const tokenOutcome = outcomeOfStatus("Azure login", token.status, "the client id/secret");
    if (tokenOutcome.kind !== "valid") return tokenOutcome;
    const accessToken = jsonField(token.body, "access_token");
    if (!accessToken) return { kind: "unavailable", reason: "Azure login answered without an access token" };
    const management = baseUrl ?? "https://management.azure.com";
    const subscription = await providerCall(
      `${management}/subscriptions/${encodeURIComponent(principal.subscription_id ?? "")}?api-version=2022-12-01`,
      { headers: { authorization: `Bearer ${accessToken}` }, timeoutMs, label: "Azure Resource Manager" },
    );
    return outcomeOfStatus(
      "Azure Resource Manager",
      subscription.status,
      "reading the subscription",
      "Azure does not show this subscription to the service principal (HTTP 404)",
    );
  });
