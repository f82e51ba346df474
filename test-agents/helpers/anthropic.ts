/**
 * Anthropic Messages API, as Claude Code calls it: `POST /v1/messages` with `stream: true`, answered
 * with SSE (`message_start`, a content block per text or `tool_use`, `message_delta` with the stop
 * reason, `message_stop`). Several `tool_use` blocks in one message are parallel tool calls.
 */
import type { Provider, RecordedRequest, Turn } from "./model-server.js";
import { writeJson, writeSse } from "./model-server.js";

interface MessagesBody {
  model?: string;
  stream?: boolean;
  tools?: Array<{ name: string }>;
  messages?: Array<{ role: string; content: string | Array<Record<string, unknown>> }>;
}

export const anthropic: Provider = {
  // The agent loop offers tools; side requests (titles, summaries, token counts) do not.
  isTurn: (request) => request.method === "POST" && request.url.startsWith("/v1/messages") && !request.url.includes("count_tokens") && ((request.body as MessagesBody)?.tools?.length ?? 0) > 0,
  writeTurn(response, turn, index, request) {
    const model = (request.body as MessagesBody).model ?? "claude-sonnet-4-5";
    const usage = { input_tokens: 10, output_tokens: 10, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
    const events: Array<[string, unknown]> = [["message_start", { type: "message_start", message: { id: `msg_${index}`, type: "message", role: "assistant", model, content: [], stop_reason: null, stop_sequence: null, usage } }]];
    const blocks = "tools" in turn ? turn.tools : [{ text: turn.text }];
    blocks.forEach((block, i) => {
      if ("text" in block) {
        events.push(["content_block_start", { type: "content_block_start", index: i, content_block: { type: "text", text: "" } }]);
        events.push(["content_block_delta", { type: "content_block_delta", index: i, delta: { type: "text_delta", text: block.text } }]);
      } else {
        events.push(["content_block_start", { type: "content_block_start", index: i, content_block: { type: "tool_use", id: `toolu_${index}_${i}`, name: block.name, input: {} } }]);
        events.push(["content_block_delta", { type: "content_block_delta", index: i, delta: { type: "input_json_delta", partial_json: JSON.stringify(block.input) } }]);
      }
      events.push(["content_block_stop", { type: "content_block_stop", index: i }]);
    });
    events.push(["message_delta", { type: "message_delta", delta: { stop_reason: "tools" in turn ? "tool_use" : "end_turn", stop_sequence: null }, usage: { output_tokens: 10 } }]);
    events.push(["message_stop", { type: "message_stop" }]);
    writeSse(response, events);
  },
  writeOther(response, request) {
    const body = request.body as MessagesBody | undefined;
    // A side call without tools (a title for the session...): a short non-streamed or streamed text.
    if (request.url.startsWith("/v1/messages") && !request.url.includes("count_tokens") && body?.messages) {
      if (body.stream) return anthropic.writeTurn(response, { text: "ok" } satisfies Turn, 0, request);
      return writeJson(response, { id: "msg_side", type: "message", role: "assistant", model: body.model, content: [{ type: "text", text: "ok" }], stop_reason: "end_turn", stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } });
    }
    if (request.url.includes("count_tokens")) return writeJson(response, { input_tokens: 10 });
    writeJson(response, {});
  },
};

/**
 * Every text the client sent back to the model in one turn request: tool results, user text, and
 * the system-role notes Claude Code adds (a PostToolUse or Stop hook's blocking reason).
 */
export function textsSentBack(request: RecordedRequest): string[] {
  const texts: string[] = [];
  for (const message of (request.body as MessagesBody).messages ?? []) {
    if (message.role === "assistant") continue;
    if (typeof message.content === "string") {
      texts.push(message.content);
      continue;
    }
    for (const block of message.content) {
      // Context Claude Code adds on its own (git status, skills) is not something sent back.
      if (block.type === "text" && typeof block.text === "string" && !block.text.startsWith("<system-reminder>")) texts.push(block.text);
      if (block.type === "tool_result") {
        const content = block.content;
        if (typeof content === "string") texts.push(content);
        else if (Array.isArray(content)) for (const part of content) if (typeof part?.text === "string") texts.push(part.text);
      }
    }
  }
  return texts;
}
