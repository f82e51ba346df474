/**
 * OpenAI Responses API, as Codex calls it (`wire_api = "responses"`): `POST /v1/responses` with
 * `stream: true`, answered with SSE `response.created`, one `response.output_item.done` per item
 * (a `function_call` such as `exec_command`, a freeform `custom_tool_call` such as `apply_patch`,
 * or an assistant `message`) and `response.completed`.
 */
import type { Provider, RecordedRequest } from "./model-server.js";
import { writeJson, writeSse } from "./model-server.js";

interface ResponsesBody {
  tools?: Array<{ type: string; name?: string }>;
  input?: Array<Record<string, unknown>>;
}

/** Codex's freeform tools: their input is raw text, not JSON arguments. */
const FREEFORM_TOOLS = new Set(["apply_patch"]);

export const openai: Provider = {
  isTurn: (request) => request.method === "POST" && request.url.endsWith("/responses"),
  writeTurn(response, turn, index) {
    const id = `resp_${index}`;
    const items =
      "tools" in turn
        ? turn.tools.map((tool, i) =>
            FREEFORM_TOOLS.has(tool.name)
              ? { type: "custom_tool_call", id: `ctc_${index}_${i}`, call_id: `call_${index}_${i}`, name: tool.name, input: String(tool.input), status: "completed" }
              : { type: "function_call", id: `fc_${index}_${i}`, call_id: `call_${index}_${i}`, name: tool.name, arguments: JSON.stringify(tool.input), status: "completed" },
          )
        : [{ type: "message", id: `msg_${index}`, role: "assistant", status: "completed", content: [{ type: "output_text", text: turn.text, annotations: [] }] }];
    const usage = { input_tokens: 10, input_tokens_details: { cached_tokens: 0 }, output_tokens: 10, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 20 };
    writeSse(response, [
      ["response.created", { type: "response.created", response: { id, object: "response", status: "in_progress", output: [] } }],
      ...items.map((item, i): [string, unknown] => ["response.output_item.done", { type: "response.output_item.done", output_index: i, item }]),
      ["response.completed", { type: "response.completed", response: { id, object: "response", status: "completed", output: items, usage } }],
    ]);
  },
  writeOther(response) {
    writeJson(response, {});
  },
};

/** Every text Codex sent back to the model: tool outputs and user / developer messages. */
export function textsSentBack(request: RecordedRequest): string[] {
  const texts: string[] = [];
  for (const item of (request.body as ResponsesBody).input ?? []) {
    if (item.type === "function_call_output" || item.type === "custom_tool_call_output") {
      // A plain string, or a list of content parts.
      const output = item.output;
      if (typeof output === "string") texts.push(output);
      if (Array.isArray(output)) {
        for (const part of output as Array<{ text?: unknown }>) if (typeof part.text === "string") texts.push(part.text);
      }
    }
    if (item.type === "message" && item.role !== "assistant" && Array.isArray(item.content)) {
      for (const part of item.content as Array<{ text?: unknown }>) if (typeof part.text === "string") texts.push(part.text);
    }
  }
  return texts;
}
