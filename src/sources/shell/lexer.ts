/**
 * Splits a shell command into simple commands, their words and redirections, with quote removal
 * and heredoc bodies, the way bash reads them.
 *
 * Why a lexer beside sh-syntax: sh-syntax (mvdan/sh compiled to WASM) is the authority on whether
 * the text is valid shell (see parse.ts), but its JSON tree keeps only top-level statements and
 * their redirections: command words, `a && b`, pipes and everything nested come back as bare
 * positions. Finding `mkdir -p d && cat > d/a.ts <<'EOF'` needs those, so this file reads them with
 * bash's own quoting rules (a state machine, no regexes over the command).
 *
 * What cannot be known before the command runs ($VAR, $(cmd), `cmd`, globs) is kept as a run of
 * "_" as long as its source text, and the word is marked not literal: a rule can still see
 * `integration_${P}_status` as `integration_____status`, while a file target that is not literal
 * is never guessed.
 */

export interface ShellWord {
  /** The word as written. */
  raw: string;
  /** After quote removal; unknown expansions are runs of "_". */
  value: string;
  /** Nothing in it expands at run time: `value` is exactly what the command sees. */
  literal: boolean;
}

export interface ShellRedirect {
  /** `>`, `>>`, `>|`, `&>`, `&>>`, `>&`, `<`, `<>`, `<&`, `<<`, `<<-`, `<<<`. */
  op: string;
  /** The file descriptor written before the operator (`2>`), if any. */
  fd: string | undefined;
  /** The file (or heredoc delimiter, here-string, fd number). */
  target: ShellWord;
  /** Heredoc body, expanded unless the delimiter was quoted. */
  body?: ShellWord;
}

export interface SimpleCommand {
  /** `NAME=value` words before the command name. */
  assignments: ShellWord[];
  words: ShellWord[];
  redirects: ShellRedirect[];
  /** The operator after the command: `|`, `|&`, `&&`, `||`, `;`, `&` (a newline is `;`). */
  next: string;
}

export class ShellLexError extends Error {}

const BLANK = new Set([" ", "\t"]);
const META = new Set([" ", "\t", "\n", ";", "&", "|", "(", ")", "<", ">"]);
/** Reserved words that only shape control flow: dropped where a command name would be. */
const KEYWORDS = new Set(["if", "then", "else", "elif", "fi", "do", "done", "while", "until", "{", "}", "!", "time", "esac"]);

export function lexCommands(text: string): SimpleCommand[] {
  return new Lexer(text).run();
}

interface PendingHeredoc {
  delimiter: string;
  quoted: boolean;
  stripTabs: boolean;
  redirect: ShellRedirect;
}

class Lexer {
  private i = 0;
  private readonly commands: SimpleCommand[] = [];
  private current: SimpleCommand = emptyCommand();
  private pending: PendingHeredoc[] = [];

  constructor(private readonly text: string) {}

  run(): SimpleCommand[] {
    const t = this.text;
    while (this.i < t.length) {
      const c = t[this.i]!;
      if (BLANK.has(c)) {
        this.i++;
      } else if (c === "\\" && t[this.i + 1] === "\n") {
        this.i += 2;
      } else if (c === "#" && this.atWordStart()) {
        while (this.i < t.length && t[this.i] !== "\n") this.i++;
      } else if (c === "\n") {
        this.i++;
        this.end(";");
        this.readHeredocBodies();
      } else if (c === ";" || c === "&" || c === "|" || c === "(" || c === ")") {
        this.operator();
      } else if (c === "<" || c === ">") {
        this.redirect(undefined);
      } else {
        this.wordOrFd();
      }
    }
    this.end(";");
    if (this.pending.length > 0) this.readHeredocBodies();
    return this.commands;
  }

  private atWordStart(): boolean {
    return this.i === 0 || META.has(this.text[this.i - 1]!);
  }

  private operator(): void {
    const t = this.text;
    const two = t.slice(this.i, this.i + 2);
    if (two === "&&" || two === "||" || two === "|&" || two === ";;" || two === ";&") {
      this.i += 2;
      this.end(two === ";;" || two === ";&" ? ";" : two);
    } else if (two === "&>") {
      this.redirect(undefined);
    } else {
      const c = t[this.i]!;
      this.i++;
      this.end(c === "(" || c === ")" ? ";" : c);
    }
  }

  /** A word, or the fd number of a redirection written right before it (`2>file`). */
  private wordOrFd(): void {
    const word = this.word();
    const next = this.text[this.i];
    if ((next === "<" || next === ">") && /^\d+$/.test(word.raw)) {
      this.redirect(word.raw);
      return;
    }
    const cmd = this.current;
    if (cmd.words.length === 0 && KEYWORDS.has(word.raw)) return;
    if (cmd.words.length === 0 && isAssignment(word.raw)) cmd.assignments.push(word);
    else cmd.words.push(word);
  }

  private redirect(fd: string | undefined): void {
    const t = this.text;
    const ops = ["&>>", "<<<", "<<-", "&>", "<<", "<>", "<&", ">>", ">|", ">&", "<", ">"];
    const op = ops.find((o) => t.startsWith(o, this.i))!;
    this.i += op.length;
    while (this.i < t.length && BLANK.has(t[this.i]!)) this.i++;
    if (this.i >= t.length || META.has(t[this.i]!)) throw new ShellLexError(`redirection ${op} has no target`);
    const target = this.word();
    const redirect: ShellRedirect = { op, fd, target };
    this.current.redirects.push(redirect);
    if (op === "<<" || op === "<<-") {
      const quoted = /["'\\]/.test(target.raw);
      this.pending.push({ delimiter: target.value, quoted, stripTabs: op === "<<-", redirect });
    }
  }

  private end(next: string): void {
    const cmd = this.current;
    if (cmd.words.length > 0 || cmd.redirects.length > 0 || cmd.assignments.length > 0) {
      cmd.next = next;
      this.commands.push(cmd);
    } else if (next !== ";" && this.commands.length > 0) {
      // `a && (b)`: the operator belongs to the last command seen.
      this.commands[this.commands.length - 1]!.next = next;
    }
    this.current = emptyCommand();
  }

  /** Heredoc bodies start on the line after their operator, one after another. */
  private readHeredocBodies(): void {
    const t = this.text;
    for (const doc of this.pending) {
      const lines: string[] = [];
      let closed = false;
      while (this.i < t.length) {
        const eol = t.indexOf("\n", this.i);
        const lineEnd = eol < 0 ? t.length : eol;
        let line = t.slice(this.i, lineEnd);
        this.i = eol < 0 ? t.length : eol + 1;
        if (doc.stripTabs) line = line.replace(/^\t+/, "");
        if (line === doc.delimiter) {
          closed = true;
          break;
        }
        lines.push(line);
      }
      const raw = lines.map((l) => `${l}\n`).join("");
      doc.redirect.body = doc.quoted ? { raw, value: raw, literal: true } : expandHeredoc(raw);
      if (!closed && lines.length === 0) throw new ShellLexError(`heredoc ${doc.delimiter} has no body`);
    }
    this.pending = [];
  }

  private word(): ShellWord {
    const t = this.text;
    const start = this.i;
    let value = "";
    let literal = true;
    while (this.i < t.length && !META.has(t[this.i]!)) {
      const c = t[this.i]!;
      if (c === "\\") {
        if (t[this.i + 1] === "\n") this.i += 2;
        else {
          value += t[this.i + 1] ?? "";
          this.i += 2;
        }
      } else if (c === "'") {
        const close = t.indexOf("'", this.i + 1);
        if (close < 0) throw new ShellLexError("unterminated single quote");
        value += t.slice(this.i + 1, close);
        this.i = close + 1;
      } else if (c === '"') {
        const part = readDoubleQuoted(t, this.i);
        value += part.value;
        literal &&= part.literal;
        this.i = part.end;
      } else if (c === "$" && t[this.i + 1] === "'") {
        const part = readAnsiC(t, this.i + 2);
        value += part.value;
        this.i = part.end;
      } else if (c === "$" || c === "`") {
        const end = expansionEnd(t, this.i);
        if (end === this.i + 1 && c === "$") value += "$";
        else {
          value += placeholder(end - this.i);
          literal = false;
        }
        this.i = end;
      } else {
        // Globs and a leading ~ change the word when the command runs.
        if (c === "*" || c === "?" || c === "[" || (c === "~" && this.i === start)) literal = false;
        value += c;
        this.i++;
      }
    }
    return { raw: t.slice(start, this.i), value, literal };
  }
}

function emptyCommand(): SimpleCommand {
  return { assignments: [], words: [], redirects: [], next: ";" };
}

function isAssignment(raw: string): boolean {
  const eq = raw.indexOf("=");
  return eq > 0 && /^[A-Za-z_][A-Za-z0-9_]*\+?$/.test(raw.slice(0, eq));
}

function placeholder(length: number): string {
  return "_".repeat(Math.max(1, length));
}

/** `"..."` from the opening quote at `at`: only `$`, backquote and `\` are special inside. */
function readDoubleQuoted(t: string, at: number): { value: string; literal: boolean; end: number } {
  let i = at + 1;
  let value = "";
  let literal = true;
  while (i < t.length && t[i] !== '"') {
    const c = t[i]!;
    if (c === "\\" && i + 1 < t.length && '$`"\\\n'.includes(t[i + 1]!)) {
      if (t[i + 1] !== "\n") value += t[i + 1];
      i += 2;
    } else if (c === "$" || c === "`") {
      const end = expansionEnd(t, i);
      if (end === i + 1 && c === "$") value += "$";
      else {
        value += placeholder(end - i);
        literal = false;
      }
      i = end;
    } else {
      value += c;
      i++;
    }
  }
  if (i >= t.length) throw new ShellLexError("unterminated double quote");
  return { value, literal, end: i + 1 };
}

/** `$'...'` (ANSI-C quoting) from the character after the opening quote. */
function readAnsiC(t: string, from: number): { value: string; end: number } {
  let i = from;
  let value = "";
  while (i < t.length && t[i] !== "'") {
    if (t[i] === "\\" && i + 1 < t.length) {
      value += ESCAPES[t[i + 1]!] ?? t[i + 1];
      i += 2;
    } else value += t[i++];
  }
  if (i >= t.length) throw new ShellLexError("unterminated $'...' quote");
  return { value, end: i + 1 };
}

export const ESCAPES: Readonly<Record<string, string>> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', a: "\u0007", b: "\b", f: "\f", v: "\v", e: "\u001b", "0": "\u0000" };

/**
 * The end of the expansion starting at `at` (`$name`, `${...}`, `$(...)`, `$((...))`, `` `...` ``),
 * or at + 1 when the `$` expands nothing (a lone `$` stays a `$`).
 */
export function expansionEnd(t: string, at: number): number {
  if (t[at] === "`") {
    let i = at + 1;
    while (i < t.length && t[i] !== "`") i += t[i] === "\\" ? 2 : 1;
    if (i >= t.length) throw new ShellLexError("unterminated backquote");
    return i + 1;
  }
  const c = t[at + 1];
  if (c === "{") return balancedEnd(t, at + 1, "{", "}");
  if (c === "(") return balancedEnd(t, at + 1, "(", ")");
  if (c !== undefined && /[A-Za-z_]/.test(c)) {
    let i = at + 2;
    while (i < t.length && /[A-Za-z0-9_]/.test(t[i]!)) i++;
    return i;
  }
  if (c !== undefined && /[0-9@*#?$!-]/.test(c)) return at + 2;
  return at + 1;
}

/**
 * From an opening bracket at `at` to just past its match, skipping quoted text and heredoc bodies
 * (`git commit -m "$(cat <<'EOF' ... Don't ... EOF)"`: the apostrophe is text, not a quote).
 */
function balancedEnd(t: string, at: number, open: string, close: string): number {
  let depth = 0;
  let i = at;
  const heredocs: string[] = [];
  while (i < t.length) {
    const c = t[i]!;
    if (c === "<" && t[i + 1] === "<" && t[i + 2] !== "<") {
      const delimiter = /^<<-?[ \t]*(['"]?)([A-Za-z0-9_]+)\1/.exec(t.slice(i, i + 100));
      if (delimiter) heredocs.push(delimiter[2]!);
      i += delimiter ? delimiter[0].length : 2;
    } else if (c === "\n" && heredocs.length > 0) {
      i = skipHeredocBodies(t, i + 1, heredocs.splice(0));
    } else if (c === "\\") i += 2;
    else if (c === "'") {
      const q = t.indexOf("'", i + 1);
      if (q < 0) break;
      i = q + 1;
    } else if (c === '"') i = readDoubleQuoted(t, i).end;
    else {
      if (c === open) depth++;
      else if (c === close && --depth === 0) return i + 1;
      i++;
    }
  }
  throw new ShellLexError(`unterminated ${open === "{" ? "${" : "$("}`);
}

/** Past the bodies of the heredocs opened on the line before `from`, in order. */
function skipHeredocBodies(t: string, from: number, delimiters: readonly string[]): number {
  let i = from;
  for (const delimiter of delimiters) {
    while (i < t.length) {
      const eol = t.indexOf("\n", i);
      const line = t.slice(i, eol < 0 ? t.length : eol);
      i = eol < 0 ? t.length : eol + 1;
      if (line.replace(/^\t+/, "") === delimiter) break;
    }
  }
  return i;
}

/** An unquoted heredoc body: expansions happen, `\` escapes only `$`, backquote, `\` and newline. */
function expandHeredoc(raw: string): ShellWord {
  let value = "";
  let literal = true;
  let i = 0;
  while (i < raw.length) {
    const c = raw[i]!;
    if (c === "\\" && i + 1 < raw.length && "$`\\\n".includes(raw[i + 1]!)) {
      if (raw[i + 1] !== "\n") value += raw[i + 1];
      i += 2;
    } else if (c === "$" || c === "`") {
      let end: number;
      try {
        end = expansionEnd(raw, i);
      } catch {
        end = i + 1;
      }
      if (end === i + 1 && c === "$") value += "$";
      else {
        value += placeholder(end - i);
        literal = false;
      }
      i = end;
    } else {
      value += c;
      i++;
    }
  }
  return { raw, value, literal };
}
