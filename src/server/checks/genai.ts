/** API-key providers: one authenticated GET of the model list (spec "Providers" table). */
import { guarded, outcomeOfStatus, providerCall } from "./http-call.js";
import type { ProviderCheck } from "./outcome.js";

export const checkOpenAi: ProviderCheck = (key, { baseUrl, timeoutMs }) =>
  guarded(async () => {
    const response = await providerCall(`${baseUrl ?? "https://api.openai.com"}/v1/models`, {
      headers: { authorization: `Bearer ${key}` },
      timeoutMs,
      label: "OpenAI",
    });
    return outcomeOfStatus("OpenAI", response.status, "the API key");
  });

export const checkAnthropic: ProviderCheck = (key, { baseUrl, timeoutMs }) =>
  guarded(async () => {
    const response = await providerCall(`${baseUrl ?? "https://api.anthropic.com"}/v1/models`, {
      headers: { "x-api-key": key, "anthropic-version": "2023-06-01" },
      timeoutMs,
      label: "Anthropic",
    });
    return outcomeOfStatus("Anthropic", response.status, "the API key");
  });

export const checkGemini: ProviderCheck = (key, { baseUrl, timeoutMs }) =>
  guarded(async () => {
    const base = baseUrl ?? "https://generativelanguage.googleapis.com";
    const response = await providerCall(`${base}/v1beta/models?key=${encodeURIComponent(key)}`, {
      timeoutMs,
      label: "Gemini",
    });
    // Google answers 400 API_KEY_INVALID for a wrong key, which outcomeOfStatus reads as a rejection.
    return outcomeOfStatus("Gemini", response.status, "the API key");
  });

export const checkDeepSeek: ProviderCheck = (key, { baseUrl, timeoutMs }) =>
  guarded(async () => {
    const response = await providerCall(`${baseUrl ?? "https://api.deepseek.com"}/models`, {
      headers: { authorization: `Bearer ${key}` },
      timeoutMs,
      label: "DeepSeek",
    });
    return outcomeOfStatus("DeepSeek", response.status, "the API key");
  });
