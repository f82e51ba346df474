/**
 * What a command prints, for the few commands whose output follows from their words alone:
 * echo, printf, and cat/tee of their stdin (a heredoc, a here-string, a pipe). Anything else
 * prints something this hook cannot know (undefined).
 */
import { ESCAPES, type ShellWord } from "./tree.js";

/** A text produced by the command, and whether every part of it is known. */
export interface Text {
  value: string;
  literal: boolean;
}

export function echoOutput(args: readonly ShellWord[]): Text {
  let newline = true;
  let escapes = false;
  let i = 0;
  // bash's echo takes -n, -e, -E (combined: -ne) and stops at the first other word.
  for (; i < args.length && /^-[neE]+$/.test(args[i]!.value); i++) {
    for (const flag of args[i]!.value.slice(1)) {
      if (flag === "n") newline = false;
      else escapes = flag === "e";
    }
  }
  const rest = args.slice(i);
  let value = rest.map((w) => w.value).join(" ");
  if (escapes) value = backslashEscapes(value);
  return { value: value + (newline ? "\n" : ""), literal: rest.every((w) => w.literal) };
}

/** printf FORMAT [ARGS...]: the format is reused while arguments remain, as bash does. */
export function printfOutput(args: readonly ShellWord[]): Text | undefined {
  let words = args;
  if (words[0]?.value === "--") words = words.slice(1);
  const format = words[0];
  if (!format || format.value.startsWith("-v")) return undefined;
  const values = words.slice(1);
  let out = "";
  let next = 0;
  do {
    const before = next;
    out += formatOnce(format.value, () => values[next++]?.value ?? "");
    if (next === before) break;
  } while (next < values.length);
  return { value: out, literal: words.every((w) => w.literal) };
}

function formatOnce(format: string, nextArg: () => string): string {
  let out = "";
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c === "\\" && i + 1 < format.length) {
      out += ESCAPES[format[i + 1]!] ?? `\\${format[i + 1]}`;
      i++;
    } else if (c === "%" && i + 1 < format.length) {
      // Flags and width are skipped: the rules look at words, not at padding.
      let j = i + 1;
      while (j < format.length && /[-+ #0-9.]/.test(format[j]!)) j++;
      const conversion = format[j];
      i = j;
      if (conversion === "%") out += "%";
      else if (conversion === "b") out += backslashEscapes(nextArg());
      else if (conversion !== undefined) out += nextArg();
    } else out += c;
  }
  return out;
}

function backslashEscapes(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\\" && i + 1 < text.length && ESCAPES[text[i + 1]!] !== undefined) {
      out += ESCAPES[text[i + 1]!];
      i++;
    } else out += text[i];
  }
  return out;
}
