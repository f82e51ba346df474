/**
 * JavaScript / TypeScript tokens for the token-level scan (../token-scan.ts): js-tokens knows
 * strings, templates, comments and regexes. Also closes the brackets a truncated file leaves open.
 */
import jsTokens from "js-tokens";
import type { Fact, Span } from "../../core/types.js";
import { scanTokenList, type Tok } from "../token-scan.js";

const DIALECT = { tableMethods: new Set(["from"]), definition: "function" };

/** Facts from tokens. With `ranges`, only facts anchored inside them (the lines recovery blanked out). */
export function scanTokens(text: string, firstQuery: number, ranges?: readonly Span[]): Fact[] {
  return scanTokenList(significantTokens(text), DIALECT, firstQuery, ranges);
}

/** Significant tokens (no whitespace or comments) with their offsets. */
function significantTokens(text: string): Tok[] {
  const tokens: Tok[] = [];
  let offset = 0;
  for (const token of jsTokens(text)) {
    const start = offset;
    offset += token.value.length;
    if (token.type === "WhiteSpace" || token.type === "LineTerminatorSequence" || token.type.endsWith("Comment")) continue;
    tokens.push({ type: token.type, value: token.value, start, end: offset });
  }
  return tokens;
}

/** Closing brackets that would balance the text's open ones (to let a truncated file parse). */
export function missingClosers(text: string): string {
  const stack: string[] = [];
  const pairs: Record<string, string> = { "{": "}", "(": ")", "[": "]" };
  for (const token of significantTokens(text)) {
    if (token.type !== "Punctuator") continue;
    const closer = pairs[token.value];
    if (closer) stack.push(closer);
    else if (token.value === "}" || token.value === ")" || token.value === "]") {
      if (stack[stack.length - 1] === token.value) stack.pop();
    }
  }
  return stack.reverse().join("");
}

