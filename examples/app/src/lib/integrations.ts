// The right way: credentials and their status live behind the integrations API.
import { getIntegrations, setupIntegration } from "integration-guard/client";

export async function connectOpenAI(orgSlug: string, credential: string) {
  const result = await setupIntegration({ orgSlug, provider: "OPENAI", credential });
  return result.validation_status;
}

export async function openAIStatus(orgSlug: string) {
  const integrations = await getIntegrations(orgSlug);
  return integrations.OPENAI.status;
}
