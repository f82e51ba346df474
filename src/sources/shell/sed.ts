/**
 * `sed` whose script is only `s` commands, run in memory: `s/re/rep/flags` with any delimiter,
 * flags g, i/I, N (the Nth match; Ng: the Nth and after), p; replacements with `&`, `\1`-`\9`,
 * `\n`, and GNU's `\U \L \u \l \E`. Basic regular expressions by default, extended with -E / -r.
 * Scripts from -e (several), --expression, -f FILE or the first operand; -n, -z, -i[SUF],
 * --in-place[=SUF], and the BSD form `-i ''` / `-i .bak` (suffix as its own word).
 * Any other script (addresses, d, i\, a\, y, w, e, blocks...) is left for the after-the-call check.
 */
import type { ShellWord } from "./tree.js";

export interface SedCall {
  inPlace: boolean;
  /** The script texts in order (-e / --expression / the operand); `scriptFiles` are read by the caller. */
  scripts: Array<{ text: string } | { file: ShellWord }>;
  files: ShellWord[];
  quiet: boolean;
  extended: boolean;
  nullData: boolean;
  /** An option or a script word whose value is known only when the command runs. */
  unknown: boolean;
}

/** sed's arguments (after the command name). */
export function parseSedArgs(args: readonly ShellWord[]): SedCall {
  const call: SedCall = { inPlace: false, scripts: [], files: [], quiet: false, extended: false, nullData: false, unknown: false };
  const operands: ShellWord[] = [];
  let options = true;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const v = arg.value;
    if (!options || v === "-" || !v.startsWith("-")) {
      operands.push(arg);
      continue;
    }
    if (!arg.literal) call.unknown = true;
    if (v === "--") options = false;
    else if (v.startsWith("--")) {
      const [name, value] = splitLong(v);
      if (name === "--in-place") call.inPlace = true;
      else if (name === "--expression") call.scripts.push({ text: value ?? args[++i]?.value ?? "" });
      else if (name === "--file") {
        const file = value !== undefined ? { ...arg, value } : args[++i];
        if (file) call.scripts.push({ file });
      } else if (name === "--quiet" || name === "--silent") call.quiet = true;
      else if (name === "--regexp-extended") call.extended = true;
      else if (name === "--null-data") call.nullData = true;
      else if (name === "--line-length" && value === undefined) i++;
    } else {
      for (let k = 1; k < v.length; k++) {
        const flag = v[k]!;
        const rest = v.slice(k + 1);
        if (flag === "i") {
          call.inPlace = true;
          // BSD: `-i ''` / `-i .bak`, the suffix as the next word (GNU would take it for the script and fail).
          const next = args[i + 1];
          if (rest === "" && v === "-i" && next && (next.value === "" || /^\.[\w.~-]*$/.test(next.value))) i++;
          break;
        }
        if (flag === "e" || flag === "f" || flag === "l") {
          const value = rest !== "" ? { ...arg, value: rest } : args[++i];
          if (flag === "e") call.scripts.push({ text: value?.value ?? "" });
          if (flag === "f" && value) call.scripts.push({ file: value });
          if (value && !value.literal) call.unknown = true;
          break;
        }
        if (flag === "n") call.quiet = true;
        else if (flag === "E" || flag === "r") call.extended = true;
        else if (flag === "z") call.nullData = true;
      }
    }
  }
  if (call.scripts.length === 0) {
    const script = operands.shift();
    if (script) {
      call.scripts.push({ text: script.value });
      if (!script.literal) call.unknown = true;
    }
  }
  call.files = operands;
  return call;
}

function splitLong(option: string): [string, string | undefined] {
  const eq = option.indexOf("=");
  return eq < 0 ? [option, undefined] : [option.slice(0, eq), option.slice(eq + 1)];
}

interface Substitution {
  regex: RegExp;
  replacement: ReplacementPart[];
  global: boolean;
  /** Replace from the Nth match (1-based). */
  nth: number;
  print: boolean;
}

type ReplacementPart = { text: string } | { group: number } | { caseOp: "U" | "L" | "u" | "l" | "E" };

/** A sed program of `s` commands only, ready to run; undefined for anything else. */
export type SedProgram = (text: string) => string;

export function compileSed(script: string, options: { extended: boolean; quiet: boolean; nullData: boolean }): SedProgram | undefined {
  const commands: Substitution[] = [];
  let i = 0;
  const skipSpace = () => {
    while (i < script.length && /[\s;]/.test(script[i]!)) i++;
  };
  skipSpace();
  while (i < script.length) {
    if (script[i] !== "s") return undefined;
    const delimiter = script[i + 1];
    if (delimiter === undefined || delimiter === "\n" || delimiter === "\\") return undefined;
    i += 2;
    const pattern = readPart(script, i, delimiter);
    if (!pattern) return undefined;
    const replacement = readPart(script, pattern.next, delimiter);
    if (!replacement) return undefined;
    i = replacement.next;
    const flags = /^[gpiIM0-9]*/.exec(script.slice(i))![0];
    i += flags.length;
    // `w file`, `e`, `m`/`M` and anything but a separator after the flags: not followed.
    if (/[mM]/.test(flags)) return undefined;
    while (i < script.length && (script[i] === " " || script[i] === "\t")) i++;
    if (i < script.length && script[i] !== ";" && script[i] !== "\n" && script[i] !== "}") return undefined;
    if (script[i] === "}") return undefined;
    if (pattern.text === "") return undefined; // the last regex used: not followed
    const source = toJsRegExp(pattern.text, delimiter, options.extended);
    if (source === undefined) return undefined;
    let regex: RegExp;
    try {
      regex = new RegExp(source, `g${/[iI]/.test(flags) ? "i" : ""}`);
    } catch {
      return undefined;
    }
    const nth = /\d+/.exec(flags);
    commands.push({ regex, replacement: parseReplacement(replacement.text, delimiter), global: flags.includes("g"), nth: nth ? Number(nth[0]) : 1, print: flags.includes("p") });
    skipSpace();
  }
  if (commands.length === 0) return undefined;
  const separator = options.nullData ? "\u0000" : "\n";
  return (text) => runLines(text, separator, commands, options.quiet);
}

function runLines(text: string, separator: string, commands: readonly Substitution[], quiet: boolean): string {
  const endsWithSeparator = text.endsWith(separator);
  const lines = text === "" ? [] : (endsWithSeparator ? text.slice(0, -1) : text).split(separator);
  const out: string[] = [];
  for (let line of lines) {
    for (const command of commands) {
      const result = substitute(line, command);
      if (result === undefined) continue;
      line = result;
      if (command.print) out.push(line);
    }
    if (!quiet) out.push(line);
  }
  // GNU sed keeps a missing final newline missing.
  return out.length === 0 ? "" : out.join(separator) + (endsWithSeparator || out.length > lines.length ? separator : "");
}

/** The line after the command, or undefined when it did not match. */
function substitute(line: string, command: Substitution): string | undefined {
  const { regex } = command;
  regex.lastIndex = 0;
  let out = "";
  let at = 0;
  let count = 0;
  let replaced = false;
  for (let match = regex.exec(line); match; match = regex.exec(line)) {
    count++;
    if (count >= command.nth) {
      out += line.slice(at, match.index) + expand(command.replacement, match);
      at = match.index + match[0].length;
      replaced = true;
      if (!command.global) break;
    }
    if (match[0].length === 0) regex.lastIndex++;
    if (regex.lastIndex > line.length) break;
  }
  return replaced ? out + line.slice(at) : undefined;
}

function expand(parts: readonly ReplacementPart[], match: RegExpExecArray): string {
  let out = "";
  let mode: "U" | "L" | "E" = "E";
  let once: "u" | "l" | undefined;
  const add = (text: string) => {
    for (const ch of text) {
      let c = mode === "U" ? ch.toUpperCase() : mode === "L" ? ch.toLowerCase() : ch;
      if (once) {
        c = once === "u" ? c.toUpperCase() : c.toLowerCase();
        once = undefined;
      }
      out += c;
    }
  };
  for (const part of parts) {
    if ("text" in part) add(part.text);
    else if ("group" in part) add(match[part.group] ?? "");
    else if (part.caseOp === "u" || part.caseOp === "l") once = part.caseOp;
    else mode = part.caseOp;
  }
  return out;
}

/** The text up to the next unescaped delimiter (a delimiter inside `[...]` of the regex counts as text in GNU only with care: not followed). */
function readPart(script: string, from: number, delimiter: string): { text: string; next: number } | undefined {
  let text = "";
  for (let i = from; i < script.length; i++) {
    const c = script[i]!;
    if (c === "\\" && i + 1 < script.length) {
      // An escaped delimiter is the delimiter itself, as a literal character.
      text += script[i + 1] === delimiter ? `\u0001${delimiter}` : c + script[i + 1];
      i++;
    } else if (c === delimiter) return { text, next: i + 1 };
    else if (c === "\n" && delimiter !== "\n") text += "\n";
    else text += c;
  }
  return undefined;
}

function parseReplacement(text: string, delimiter: string): ReplacementPart[] {
  const parts: ReplacementPart[] = [];
  let literal = "";
  const flush = () => {
    if (literal) parts.push({ text: literal });
    literal = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\u0001") {
      literal += delimiter;
      i++;
    } else if (c === "&") {
      flush();
      parts.push({ group: 0 });
    } else if (c === "\\" && i + 1 < text.length) {
      const n = text[++i]!;
      if (/[0-9]/.test(n)) {
        flush();
        parts.push({ group: Number(n) });
      } else if ("ULulE".includes(n)) {
        flush();
        parts.push({ caseOp: n as "U" | "L" | "u" | "l" | "E" });
      } else literal += n === "n" ? "\n" : n === "t" ? "\t" : n;
    } else literal += c;
  }
  flush();
  return parts;
}

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alpha: "a-zA-Z", digit: "0-9", alnum: "a-zA-Z0-9", upper: "A-Z", lower: "a-z", space: " \\t\\n\\r\\f\\v", blank: " \\t", xdigit: "0-9A-Fa-f",
  punct: "!-\\/:-@\\[-`{-~", print: " -~", graph: "!-~", cntrl: "\\x00-\\x1f\\x7f",
};

/** A POSIX regular expression (BRE, or ERE with -E) as a JavaScript one; undefined when unsure. */
function toJsRegExp(pattern: string, delimiter: string, extended: boolean): string | undefined {
  let out = "";
  let atStart = true;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const wasStart: boolean = atStart;
    atStart = false;
    if (c === "\u0001") {
      out += escapeChar(delimiter);
      i++;
    } else if (c === "\\" && i + 1 < pattern.length) {
      const n = pattern[++i]!;
      if (!extended && "(){}|+?".includes(n)) {
        out += n;
        atStart = n === "(" || n === "|";
      } else if (/[1-9]/.test(n)) out += `\\${n}`;
      else if (n === "n") out += "\\n";
      else if (n === "t") out += "\\t";
      else if ("wWsSbB".includes(n)) out += `\\${n}`;
      else if (n === "<" || n === ">") out += "\\b";
      else if (n === "`") out += "^";
      else if (n === "'") out += "$";
      else out += escapeChar(n);
    } else if (c === "[") {
      const bracket = readBracket(pattern, i);
      if (!bracket) return undefined;
      out += bracket.source;
      i = bracket.end;
    } else if (c === "*" && wasStart) out += "\\*";
    else if (c === "^") {
      if (wasStart || extended) out += "^";
      else out += "\\^";
      atStart = wasStart;
    } else if (c === "$") out += extended || i === pattern.length - 1 || pattern.startsWith("\\)", i + 1) || pattern.startsWith("\\|", i + 1) ? "$" : "\\$";
    else if (!extended && "(){}|+?".includes(c)) out += `\\${c}`;
    else if (extended && (c === "(" || c === "|")) {
      out += c;
      atStart = true;
    } else out += c === "/" ? "\\/" : c;
  }
  return out;
}

function escapeChar(c: string): string {
  return /[.*+?^${}()|[\]\\/-]/.test(c) ? `\\${c}` : c;
}

/** `[...]` from `at` (the `[`): its JavaScript class and the index of its `]`. */
function readBracket(pattern: string, at: number): { source: string; end: number } | undefined {
  let i = at + 1;
  let source = "[";
  if (pattern[i] === "^") {
    source += "^";
    i++;
  }
  let first = true;
  for (; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "]" && !first) return { source: `${source}]`, end: i };
    first = false;
    const named = /^\[:(\w+):\]/.exec(pattern.slice(i));
    if (named) {
      const cls = POSIX_CLASSES[named[1]!];
      if (cls === undefined) return undefined;
      source += cls;
      i += named[0].length - 1;
    } else if (c === "[" && (pattern[i + 1] === "." || pattern[i + 1] === "=")) return undefined;
    else if (c === "\u0001") {
      source += escapeChar(pattern[++i]!);
    } else if (c === "\\") {
      // GNU sed reads \n, \t and \\ in a bracket; any other backslash is itself.
      const n = pattern[i + 1];
      if (n === "n" || n === "t" || n === "\\" || n === "]") {
        source += n === "n" ? "\\n" : n === "t" ? "\\t" : n === "]" ? "\\]" : "\\\\";
        i++;
      } else source += "\\\\";
    } else if (c === "[" || c === "]") source += `\\${c}`;
    else source += c;
  }
  return undefined;
}
