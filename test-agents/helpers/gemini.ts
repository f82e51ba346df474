/**
 * Gemini API, as Gemini CLI calls it: `POST /v1beta/models/<model>:streamGenerateContent?alt=sse`,
 * answered with SSE `data:` chunks of `GenerateContentResponse` (a candidate whose parts are
 * `functionCall`s or text). Non-streamed side calls (`:generateContent`, e.g. the next-speaker
 * check, `:countTokens`) get a short text answer.
 */
import type { Provider, RecordedRequest } from "./model-server.js";
import { writeJson, writeSse } from "./model-server.js";

interface Part {
  text?: string;
  functionCall?: { name: string; args: unknown };
  functionResponse?: { name: string; response: Record<string, unknown> };
}
interface GenerateBody {
  contents?: Array<{ role: string; parts: Part[] }>;
  tools?: unknown[];
}

const usageMetadata = { promptTokenCount: 10, candidatesTokenCount: 10, totalTokenCount: 20 };

export const gemini: Provider = {
  isTurn: (request) => request.method === "POST" && request.url.includes(":streamGenerateContent") && ((request.body as GenerateBody)?.tools?.length ?? 0) > 0,
  writeTurn(response, turn) {
    const parts: Part[] = "tools" in turn ? turn.tools.map((tool) => ({ functionCall: { name: tool.name, args: tool.input } })) : [{ text: turn.text }];
    writeSse(response, [[undefined, { candidates: [{ content: { role: "model", parts }, finishReason: "STOP", index: 0 }], usageMetadata, modelVersion: "gemini-2.5-flash" }]]);
  },
  writeOther(response, request) {
    if (request.url.includes(":countTokens")) return writeJson(response, { totalTokens: 10 });
    // The CLI's own JSON questions (next speaker, loop detection) are answered "the user speaks next".
    const text = JSON.stringify({ next_speaker: "user", reasoning: "done" });
    const answer = { candidates: [{ content: { role: "model", parts: [{ text }] }, finishReason: "STOP", index: 0 }], usageMetadata };
    if (request.url.includes(":streamGenerateContent")) return writeSse(response, [[undefined, answer]]);
    if (request.url.includes(":generateContent")) return writeJson(response, answer);
    writeJson(response, {});
  },
};

/** Every text the client sent back to the model: function responses (as JSON) and user text. */
export function textsSentBack(request: RecordedRequest): string[] {
  const texts: string[] = [];
  for (const content of (request.body as GenerateBody).contents ?? []) {
    if (content.role !== "user") continue;
    for (const part of content.parts) {
      if (typeof part.text === "string") texts.push(part.text);
      if (part.functionResponse) {
        // A blocked call's response is {error: "..."}; a tool's own, {output: "..."}.
        const response = part.functionResponse.response;
        texts.push(...Object.values(response).map((value) => (typeof value === "string" ? value : JSON.stringify(value))));
      }
    }
  }
  return texts;
}
