/**
 * The tree-sitter-bash tree of a command -> the steps effects.ts runs in the head: simple commands
 * with their words (quotes removed), redirections (heredoc bodies, here-strings, fd numbers), the
 * operator after each (`|`, `&&`, ...), and groups (subshells, `{ ...; }`, if / for / while
 * bodies, command substitutions).
 *
 * What cannot be known before the command runs ($VAR, $(cmd), `cmd`, globs) is kept as a run of
 * "_" as long as its source text, and the word is marked not literal: a rule can still see
 * `integration_${P}_status` as `integration_____status`, while a file target that is not literal
 * is never guessed.
 *
 * The grammar (tree-sitter-bash 0.25.1) hangs a few things where bash would not; they are put back
 * here (each function below says which):
 *   - a redirection after a list or pipeline (`a && cat > f`) is the last command's
 *     (tree-sitter-bash#345);
 *   - `> f a b`: a redirection takes one word, the others are the command's arguments (#233);
 *   - what follows a heredoc operator on its line (`<<EOF > f`, `<<EOF | psql`, `<<EOF && b`, an
 *     argument) is a child of the heredoc_redirect;
 *   - backquotes inside a heredoc body are plain text to the grammar.
 */
import type { Node } from "web-tree-sitter";

export interface ShellWord {
  /** The word as written. */
  raw: string;
  /** After quote removal; unknown expansions are runs of "_". */
  value: string;
  /** Nothing in it expands at run time: `value` is exactly what the command sees. */
  literal: boolean;
  /**
   * Set when the word is not literal only because of unquoted `*`, `?` or `[`: the pattern bash
   * expands against the file system, quoted characters backslash-escaped (effects.ts expands it).
   */
  glob?: string;
}

/** A part of a word: its value, and its glob pattern (undefined: expands to something unknown). */
interface Piece {
  value: string;
  literal: boolean;
  glob: string | undefined;
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
  kind: "command";
  /** `NAME=value` words before the command name. */
  assignments: ShellWord[];
  words: ShellWord[];
  redirects: ShellRedirect[];
  /** The operator after the command: `|`, `|&`, `&&`, `||`, `;` (also for a newline or `&`). */
  next: string;
}

/** Commands run together: a subshell `( ... )`, `{ ...; }`, the body of if / for / while / case / a function. */
export interface CommandGroup {
  kind: "group";
  /** Runs in a subshell: a `cd` inside does not move the commands after it. */
  subshell: boolean;
  /** A command substitution `$(...)` (or `<(...)`): runs beside its command, its output is a word, not a pipe. */
  detached: boolean;
  steps: ShellStep[];
  redirects: ShellRedirect[];
  next: string;
}

export type ShellStep = SimpleCommand | CommandGroup;

export const ESCAPES: Readonly<Record<string, string>> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', a: "\u0007", b: "\b", f: "\f", v: "\v", e: "\u001b", "0": "\u0000" };

/** Nodes that run something. */
const STATEMENTS = new Set([
  "command", "redirected_statement", "list", "pipeline", "negated_command", "subshell", "compound_statement", "if_statement",
  "while_statement", "for_statement", "c_style_for_statement", "case_statement", "function_definition", "variable_assignment",
  "variable_assignments", "declaration_command", "unset_command", "test_command",
]);
/** Nodes that only hold statements (a `do ... done`, an `else`, a `case` branch). */
const CONTAINERS = new Set(["program", "do_group", "elif_clause", "else_clause", "case_item", "command_substitution", "process_substitution"]);
/** Parts of a word only known when the command runs. */
const EXPANSIONS = new Set(["simple_expansion", "expansion", "command_substitution", "process_substitution", "arithmetic_expansion"]);
const SUBSTITUTIONS = new Set(["command_substitution", "process_substitution"]);

/** Groups and substitutions nested deeper than this are not followed (the reader recurses). */
export const MAX_NESTING = 100;

/** A tree this reader cannot follow: nested too deep, or a shape the grammar is known to misread. */
export class ShellUnfollowable extends Error {}

/** The steps of a parsed program (the tree must have no error); throws ShellUnfollowable. */
export function stepsOf(root: Node, text: string): ShellStep[] {
  return new StepReader(text).container(root);
}

class StepReader {
  /** Command substitutions met while reading the current command's words: they run before it. */
  private substitutions: Node[] = [];
  private depth = 0;

  constructor(private readonly text: string) {}

  container(node: Node): ShellStep[] {
    if (++this.depth > MAX_NESTING) throw new ShellUnfollowable(`groups or substitutions nested more than ${MAX_NESTING} deep`);
    try {
      return this.statements(node);
    } finally {
      this.depth--;
    }
  }

  private statements(node: Node): ShellStep[] {
    const steps: ShellStep[] = [];
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (STATEMENTS.has(child.type)) steps.push(...this.statement(child));
      else if (CONTAINERS.has(child.type)) steps.push(...this.container(child));
    }
    return steps;
  }

  private statement(node: Node): ShellStep[] {
    switch (node.type) {
      case "command":
      case "variable_assignment":
      case "variable_assignments":
      case "declaration_command":
      case "unset_command":
      case "test_command":
        return this.command(node);
      case "redirected_statement":
        return this.redirected(node);
      case "list":
      case "pipeline":
        return this.joined(node.children);
      case "negated_command":
        return this.container(node);
      case "subshell":
        return [group(this.container(node), { subshell: true })];
      default:
        return [group(this.container(node), { subshell: false })];
    }
  }

  /** `a && b`, `a | b`: statements joined by the operators between them. */
  private joined(children: ReadonlyArray<Node | null>): ShellStep[] {
    const steps: ShellStep[] = [];
    for (const child of children) {
      if (!child) continue;
      if (child.isNamed) {
        if (STATEMENTS.has(child.type)) steps.push(...this.statement(child));
        else if (CONTAINERS.has(child.type)) steps.push(...this.container(child));
      } else if (steps.length > 0 && ["|", "|&", "&&", "||"].includes(child.type)) steps[steps.length - 1]!.next = child.type;
    }
    return steps;
  }

  /**
   * A statement with redirections. When its body is a list or a pipeline, the grammar hangs the
   * redirections on all of it; bash gives them to the last command (tree-sitter-bash#345).
   */
  private redirected(node: Node): ShellStep[] {
    const body = node.childForFieldName("body");
    const steps = body ? this.statement(body) : [];
    if (steps.length === 0) steps.push(emptyCommand());
    const target = steps[steps.length - 1]!;
    const trailing: ShellStep[] = [];
    const outer = this.substitutions;
    this.substitutions = [];
    node.children.forEach((child, i) => {
      if (child && node.fieldNameForChild(i) === "redirect") this.redirect(child, target, trailing);
    });
    steps.splice(steps.length - 1, 0, ...this.substitutionSteps());
    this.substitutions = outer;
    return [...steps, ...trailing];
  }

  /** A simple command (or an assignment, `export`, `[ ... ]`): the command, after the substitutions in its words. */
  private command(node: Node): ShellStep[] {
    const outer = this.substitutions;
    this.substitutions = [];
    const cmd = emptyCommand();
    const trailing: ShellStep[] = [];
    if (node.type === "variable_assignment") cmd.assignments.push(this.assignment(node));
    else if (node.type !== "command") {
      // `export A=b`, `unset X`, `[ ... ]`: the keyword is the command; what it prints is not known.
      for (const child of node.namedChildren) if (child?.type === "variable_assignment") cmd.assignments.push(this.assignment(child));
      const keyword = node.child(0);
      if (keyword && !keyword.isNamed) cmd.words.push({ raw: keyword.text, value: keyword.text, literal: true });
    } else {
      const wordNodes: Node[] = [];
      node.children.forEach((child, i) => {
        if (!child) return;
        const field = node.fieldNameForChild(i);
        const previous = node.child(i - 1);
        // A redirection target with a backquoted part (`>> x`, backquoted id, `echo`, no spaces):
        // the grammar ends the target at the backquote, bash reads one word.
        if (previous?.type === "file_redirect" && previous.endIndex === child.startIndex && field !== "redirect") {
          throw new ShellUnfollowable("a redirection target the grammar splits in two");
        }
        if (field === "redirect") this.redirect(child, cmd, trailing);
        else if (child.type === "variable_assignment") cmd.assignments.push(this.assignment(child));
        else if (field === "name" || field === "argument") wordNodes.push(child);
      });
      cmd.words = this.words(wordNodes);
    }
    const steps = [...this.substitutionSteps(), cmd, ...trailing];
    this.substitutions = outer;
    return steps;
  }

  private substitutionSteps(): ShellStep[] {
    return this.substitutions.map((node) => group(this.container(node), { subshell: true, detached: true }));
  }

  private assignment(node: Node): ShellWord {
    const name = node.childForFieldName("name")?.text ?? "";
    const value = node.childForFieldName("value");
    const part = value ? this.piece(value, true) : { value: "", literal: true };
    return { raw: node.text, value: `${name}=${part.value}`, literal: part.literal };
  }

  /**
   * Adjacent nodes are one word: the grammar splits `$"..."` into `$` and a string, and reads a
   * backslash-newline inside a word as a break between two words.
   */
  private words(nodes: readonly Node[]): ShellWord[] {
    const words: ShellWord[] = [];
    let run: Node[] = [];
    const flush = () => {
      if (run.length > 0) words.push(this.word(run));
      run = [];
    };
    for (const node of nodes) {
      const last = run[run.length - 1];
      if (last && !/^(\\\n)*$/.test(this.text.slice(last.endIndex, node.startIndex))) flush();
      run.push(node);
    }
    flush();
    return words;
  }

  private word(nodes: readonly Node[]): ShellWord {
    const parts: Piece[] = [];
    nodes.forEach((node, i) => {
      // `$"..."` (a translated string) is the string.
      if (node.type === "$" && nodes[i + 1]?.type === "string") return;
      parts.push(this.piece(node, i === 0));
    });
    const { value, literal, glob } = joined(parts);
    const word: ShellWord = { raw: this.text.slice(nodes[0]!.startIndex, nodes[nodes.length - 1]!.endIndex), value, literal };
    if (!literal && glob !== undefined) word.glob = glob;
    return word;
  }

  /** One part of a word, quotes removed. `first`: at the start of the word (where `~` expands). */
  private piece(node: Node, first: boolean): Piece {
    const text = node.text;
    if (EXPANSIONS.has(node.type)) {
      if (SUBSTITUTIONS.has(node.type)) this.substitutions.push(node);
      return unknown(text.length);
    }
    switch (node.type) {
      case "raw_string":
        return quoted(text.slice(1, -1));
      case "ansi_c_string":
        return quoted(ansiC(text.slice(2, -1)));
      case "string":
        return this.spans(node, node.startIndex + 1, node.endIndex - 1, doubleQuoted);
      case "concatenation":
      case "command_name":
        return this.spans(node, node.startIndex, node.endIndex, (t, at) => unquoted(t, first && at === node.startIndex));
      case "word":
        // A line starting with `\` after a command is read as one more word of that command.
        if (text.startsWith("\n")) throw new ShellUnfollowable("a line starting with a backslash");
        return unquoted(text, first);
      case "number":
      case "file_descriptor":
      case "$":
        return unquoted(text, first);
      default:
        // brace expansions, regexes: known only when the command runs.
        return unknown(text.length);
    }
  }

  /** The text from `from` to `to`: child nodes read as pieces, the text between them by `gap`. */
  private spans(node: Node, from: number, to: number, gap: (text: string, at: number) => Piece): Piece {
    const parts: Piece[] = [];
    let at = from;
    for (const child of node.children) {
      if (!child || child.startIndex < at || child.endIndex > to || !child.isNamed) continue;
      if (child.startIndex > at) parts.push(gap(this.text.slice(at, child.startIndex), at));
      parts.push(child.type === "string_content" ? doubleQuoted(child.text) : this.piece(child, at === from));
      at = child.endIndex;
    }
    if (at < to) parts.push(gap(this.text.slice(at, to), at));
    return joined(parts);
  }

  /**
   * A redirection of `target`. What the grammar puts inside a heredoc_redirect after the delimiter
   * belongs to the command line around it: more redirections and arguments of the same command,
   * or the rest of its pipeline or list (`trailing`, run after it).
   */
  private redirect(node: Node, target: ShellStep, trailing: ShellStep[]): void {
    const fd = node.childForFieldName("descriptor")?.text;
    const op = node.children.find((c) => c && !c.isNamed)?.type ?? "";
    if (node.type === "heredoc_redirect") {
      this.heredoc(node, op, target, trailing);
      return;
    }
    if (node.type === "herestring_redirect") {
      const words = this.words(node.namedChildren.filter((c): c is Node => !!c && c.type !== "file_descriptor"));
      if (words[0]) target.redirects.push({ op, fd, target: words[0] });
      return;
    }
    // `> f a b`: the grammar gives a redirection every word after it; bash only the first (#233).
    const destinations = node.children.filter((c, i): c is Node => !!c && node.fieldNameForChild(i) === "destination");
    const [file, ...rest] = this.words(destinations);
    target.redirects.push({ op, fd, target: file ?? { raw: "-", value: "-", literal: true } });
    if (target.kind === "command") target.words.push(...rest);
  }

  private heredoc(node: Node, op: string, target: ShellStep, trailing: ShellStep[]): void {
    const start = node.children.find((c) => c?.type === "heredoc_start");
    const delimiter = start?.text ?? "";
    // The rest of the operator's line. A child that starts on a later line is body text the
    // grammar misread (a first body line starting with `\`): the body is taken from the source.
    const line: Node[] = [];
    let lineEnd = start?.endIndex ?? node.startIndex;
    for (const child of node.children) {
      if (!child || !start || child.startIndex < start.endIndex || child.type === "heredoc_body" || child.type === "heredoc_end") continue;
      if (this.text.slice(lineEnd, child.startIndex).includes("\n") || child.text.startsWith("\n")) break;
      line.push(child);
      lineEnd = child.endIndex;
    }
    const redirect: ShellRedirect = { op, fd: node.childForFieldName("descriptor")?.text, target: { raw: delimiter, value: delimiter.replace(/["'\\]/g, ""), literal: true } };
    redirect.body = this.heredocBody(node, lineEnd, /["'\\]/.test(delimiter), op === "<<-");
    target.redirects.push(redirect);
    const last = () => trailing[trailing.length - 1] ?? target;
    const args: Node[] = [];
    node.children.forEach((child, i) => {
      if (!child || !line.includes(child)) return;
      const field = node.fieldNameForChild(i);
      if (field === "redirect") this.redirect(child, target, trailing);
      else if (field === "argument") args.push(child);
      else if (field === "operator") last().next = child.type;
      else if (field === "right") trailing.push(...this.statement(child));
      else if (child.type === "pipeline") {
        // `<<EOF | psql && x`: the pipeline node starts with the `|` that follows the command.
        const steps = this.joined(child.children);
        const bar = child.children.find((c) => c && !c.isNamed);
        if (bar && child.children[0] === bar) last().next = bar.type;
        trailing.push(...steps);
      }
    });
    if (target.kind === "command") target.words.push(...this.words(args));
  }

  /**
   * The body's text runs from the line after the operator's line (which ends after `lineEnd`) to
   * the line of the closing delimiter; unquoted, `$` expansions are the body's children and
   * backquotes are found here.
   */
  private heredocBody(node: Node, lineEnd: number, quoted: boolean, stripTabs: boolean): ShellWord {
    const body = node.children.find((c) => c?.type === "heredoc_body");
    const end = node.children.find((c) => c?.type === "heredoc_end");
    const newline = this.text.indexOf("\n", lineEnd);
    const from = newline < 0 ? this.text.length : newline + 1;
    const to = Math.max(from, end ? this.text.lastIndexOf("\n", end.startIndex - 1) + 1 : (body?.endIndex ?? from));
    const raw = this.text.slice(from, to);
    const expansions = quoted || !body ? [] : body.namedChildren.filter((c): c is Node => !!c && EXPANSIONS.has(c.type) && c.startIndex >= from);
    let value = "";
    let literal = true;
    let next = 0;
    let lineStart = true;
    for (let i = from; i < to; ) {
      const c = this.text[i]!;
      const expansion = expansions[next];
      if (stripTabs && lineStart && c === "\t") {
        i++;
        continue;
      }
      lineStart = c === "\n";
      if (expansion && i >= expansion.startIndex) {
        if (SUBSTITUTIONS.has(expansion.type)) this.substitutions.push(expansion);
        value += placeholder(expansion.endIndex - expansion.startIndex);
        literal = false;
        i = Math.max(i + 1, expansion.endIndex);
        next++;
      } else if (!quoted && c === "\\" && i + 1 < to && "$`\\\n".includes(this.text[i + 1]!)) {
        if (this.text[i + 1] !== "\n") value += this.text[i + 1];
        i += 2;
      } else if (!quoted && c === "`") {
        let close = i + 1;
        while (close < to && this.text[close] !== "`") close += this.text[close] === "\\" ? 2 : 1;
        const stop = Math.min(close + 1, to);
        value += placeholder(stop - i);
        literal = false;
        i = stop;
      } else {
        value += c;
        i++;
      }
    }
    return { raw, value, literal };
  }
}

function emptyCommand(): SimpleCommand {
  return { kind: "command", assignments: [], words: [], redirects: [], next: ";" };
}

function group(steps: ShellStep[], options: { subshell: boolean; detached?: boolean }): CommandGroup {
  return { kind: "group", subshell: options.subshell, detached: options.detached ?? false, steps, redirects: [], next: ";" };
}

function placeholder(length: number): string {
  return "_".repeat(Math.max(1, length));
}

function unknown(length: number): Piece {
  return { value: placeholder(length), literal: false, glob: undefined };
}

/** Quoted text: literal, and never a glob. */
function quoted(value: string): Piece {
  return { value, literal: true, glob: escapeGlob(value) };
}

function joined(parts: readonly Piece[]): Piece {
  let value = "";
  let literal = true;
  let glob: string | undefined = "";
  for (const part of parts) {
    value += part.value;
    literal &&= part.literal;
    glob = glob === undefined || part.glob === undefined ? undefined : glob + part.glob;
  }
  return { value, literal, glob };
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, "\\$&");
}

/** Unquoted text: `\x` is x, `\`-newline is nothing; globs and a leading `~` change the word when it runs. */
function unquoted(text: string, first: boolean): Piece {
  let value = "";
  const tilde = first && text.startsWith("~");
  let literal = !tilde;
  let glob = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\\" && i + 1 < text.length) {
      if (text[i + 1] !== "\n") {
        value += text[i + 1];
        glob += escapeGlob(text[i + 1]!);
      }
      i++;
    } else {
      if (c === "*" || c === "?" || c === "[") literal = false;
      value += c;
      glob += c === "]" || c === "*" || c === "?" || c === "[" ? c : escapeGlob(c);
    }
  }
  return { value, literal, glob: tilde ? undefined : glob };
}

/** Inside "...": `\` escapes only `$`, backquote, `"`, `\` and newline. */
function doubleQuoted(text: string): Piece {
  let value = "";
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\\" && i + 1 < text.length && '$`"\\\n'.includes(text[i + 1]!)) {
      if (text[i + 1] !== "\n") value += text[i + 1];
      i++;
    } else value += text[i];
  }
  return quoted(value);
}

/** The inside of `$'...'` (ANSI-C quoting). */
function ansiC(text: string): string {
  let value = "";
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\\" && i + 1 < text.length) {
      value += ESCAPES[text[i + 1]!] ?? text[i + 1];
      i++;
    } else value += text[i];
  }
  return value;
}
