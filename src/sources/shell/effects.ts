/**
 * Runs the parsed commands in the head, not in a shell: which files they would write with what
 * content, and which SQL they would hand to psql. A small virtual file system carries writes from
 * one command to the next (`cat > q.sql <<EOF ... EOF && psql -f q.sql`), `cd` moves the working
 * directory (not out of a subshell), and a pipe hands the known output of one command to the next
 * (`echo ... | tee f`).
 */
import { absolutePath, readTargetFile } from "../claude-code/files.js";
import { echoOutput, printfOutput, type Text } from "./output.js";
import type { ShellParse } from "./parse.js";
import type { CommandGroup, ShellRedirect, ShellStep, ShellWord, SimpleCommand } from "./tree.js";

/** A file the command writes: what was on disk, and what it would hold after (undefined: unknown). */
export interface FileEffect {
  disk: ReturnType<typeof readTargetFile>;
  after: Text | undefined;
  /** The command whose output could not be known, for the note. */
  unknownFrom?: string;
}

export interface SqlRun {
  /** `psql-c` (SQL in the command), `psql-stdin`, or the path of the file run with `psql -f`. */
  label: string;
  sql: string;
  /** Set for `psql -f`: the absolute path of the file. */
  path?: string;
}

export interface ShellEffects {
  files: Map<string, FileEffect>;
  sql: SqlRun[];
  notes: string[];
}

const WRAPPERS = new Set(["sudo", "command", "builtin", "exec", "nohup", "env", "time", "xargs"]);
const SHELLS = new Set(["bash", "sh", "zsh", "dash", "ksh"]);
const INTERPRETERS = new Set(["python", "python3", "node", "deno", "bun", "ruby", "perl"]);
const SPECIAL_FILES = /^\/dev\/(null|stdout|stderr|tty|fd\/\d+)$/;
/** `bash -c "bash -c ..."` cannot nest forever. */
const MAX_DEPTH = 4;

/**
 * `ran`: the command has already run (PostToolUse): the disk holds its result, so each file starts
 * empty and only what the command wrote into it is judged.
 */
export function shellEffects(steps: readonly ShellStep[], cwd: string, parse: ShellParse, options: { ran?: boolean } = {}): ShellEffects {
  const state = new ShellState(cwd, options.ran ?? false, parse);
  state.run(steps, 0);
  return { files: state.files, sql: state.sql, notes: state.notes };
}

class ShellState {
  readonly files = new Map<string, FileEffect>();
  readonly sql: SqlRun[] = [];
  readonly notes: string[] = [];
  /** undefined once a `cd` goes somewhere this hook cannot know. */
  private cwd: string | undefined;

  constructor(
    cwd: string,
    private readonly ran: boolean,
    /** For `bash -c '...'` scripts. */
    private readonly parse: ShellParse,
  ) {
    this.cwd = cwd;
  }

  run(steps: readonly ShellStep[], depth: number): void {
    let piped: Text | undefined;
    let inPipe = false;
    for (const step of steps) {
      if (step.kind === "group" && step.detached) {
        // `$(...)`: runs before its command, in a subshell; its output is a word, not the pipe.
        this.group(step, depth);
        continue;
      }
      const inPipeline = inPipe || step.next === "|" || step.next === "|&";
      const stdout = step.kind === "group" ? this.group(step, depth) : this.command(step, inPipe ? piped : undefined, inPipeline, depth);
      inPipe = step.next === "|" || step.next === "|&";
      piped = inPipe ? stdout : undefined;
    }
  }

  /** `( ... )`, `{ ...; }`, a loop or if body: run in order; what the group prints is not followed. */
  private group(group: CommandGroup, depth: number): Text | undefined {
    const cwd = this.cwd;
    this.run(group.steps, depth);
    if (group.subshell) this.cwd = cwd;
    return this.redirectOutput(group.redirects, undefined, group.subshell ? "a subshell" : "a command group");
  }

  /** Runs one simple command; returns what it prints on stdout (for a pipe), when known. */
  private command(cmd: SimpleCommand, piped: Text | undefined, inPipeline: boolean, depth: number): Text | undefined {
    const stdin = this.stdinOf(cmd.redirects) ?? piped;
    const words = withoutWrappers(cmd.words);
    const name = words[0] ? baseName(words[0].value) : "";
    const args = words.slice(1);
    let output: Text | undefined;
    switch (name) {
      case "":
        break;
      case "cd":
        if (!inPipeline) this.cd(args);
        break;
      case "cat":
        output = args.every((a) => a.value === "-" || a.value === "--") ? stdin : undefined;
        break;
      case "echo":
        output = echoOutput(args);
        break;
      case "printf":
        output = printfOutput(args);
        break;
      case "tee":
        this.tee(args, stdin);
        output = stdin;
        break;
      case "psql":
        this.psql(args, stdin);
        break;
      case "sed":
        if (args.some((a) => /^-[a-zA-Z]*i/.test(a.value) || a.value.startsWith("--in-place"))) this.notes.push("sed -i edits files in place: not checked");
        break;
      default:
        if (SHELLS.has(name)) this.nestedShell(args, depth);
        else if (INTERPRETERS.has(name) && args.some((a) => a.value === "-c" || a.value === "-e" || a.value === "--eval")) {
          this.notes.push(`code run with ${name} ${args.find((a) => a.value.startsWith("-"))?.value}: not checked (write it to a file instead)`);
        }
    }
    return this.redirectOutput(cmd.redirects, output, name);
  }

  /** Stdout redirections: the last one gets the output, earlier ones are truncated (bash order). */
  private redirectOutput(redirects: readonly ShellRedirect[], output: Text | undefined, name: string): Text | undefined {
    const targets = redirects.filter(isStdoutRedirect);
    targets.forEach((r, index) => {
      const last = index === targets.length - 1;
      const append = r.op === ">>" || r.op === "&>>";
      const content = last ? output : { value: "", literal: true };
      this.write(r.target, content, append, name);
    });
    return targets.length > 0 ? { value: "", literal: true } : output;
  }

  private stdinOf(redirects: readonly ShellRedirect[]): Text | undefined {
    let stdin: Text | undefined;
    for (const r of redirects) {
      if (r.fd !== undefined && r.fd !== "0") continue;
      if ((r.op === "<<" || r.op === "<<-") && r.body) stdin = { value: r.body.value, literal: r.body.literal };
      else if (r.op === "<<<") stdin = { value: `${r.target.value}\n`, literal: r.target.literal };
      else if (r.op === "<") stdin = this.read(r.target);
    }
    return stdin;
  }

  private cd(args: readonly ShellWord[]): void {
    const dir = args.find((a) => !a.value.startsWith("-"));
    this.cwd = dir?.literal && this.cwd !== undefined ? absolutePath(dir.value, this.cwd) : undefined;
  }

  private tee(args: readonly ShellWord[], stdin: Text | undefined): void {
    const append = args.some((a) => a.value === "--append" || /^-[a-z]*a/.test(a.value));
    for (const file of args.filter((a) => !a.value.startsWith("-"))) this.write(file, stdin, append, "tee");
  }

  private psql(args: readonly ShellWord[], stdin: Text | undefined): void {
    let ran = false;
    for (let i = 0; i < args.length; i++) {
      const { option, value } = optionValue(args, i, ["-c", "--command"], ["-f", "--file"]);
      if (!option) continue;
      if (value.consumedNext) i++;
      ran = true;
      if (option === "-c") this.sql.push({ label: "psql-c", sql: value.word?.value ?? "" });
      else if (value.word?.value === "-") this.runSqlText("psql-stdin", stdin);
      else if (value.word) this.runSqlFile(value.word);
    }
    if (!ran) this.runSqlText("psql-stdin", stdin);
  }

  private runSqlText(label: string, text: Text | undefined): void {
    if (text) this.sql.push({ label, sql: text.value });
  }

  private runSqlFile(word: ShellWord): void {
    const path = this.resolve(word);
    if (!path) return;
    const text = this.read(word);
    if (text) this.sql.push({ label: path, sql: text.value, path });
    else this.notes.push(`psql -f ${word.value}: the file cannot be read, not checked`);
  }

  private nestedShell(args: readonly ShellWord[], depth: number): void {
    const at = args.findIndex((a) => a.value === "-c" || /^-[a-z]*c$/.test(a.value));
    const script = at >= 0 ? args[at + 1] : undefined;
    if (!script) return;
    if (!script.literal || depth >= MAX_DEPTH) {
      this.notes.push("a nested shell -c script that is not literal: not checked");
      return;
    }
    const parsed = this.parse(script.value);
    if (parsed.ok) this.run(parsed.steps, depth + 1);
    else this.notes.push(`a nested shell -c script ${parsed.invalid ? "is not valid shell" : "could not be followed"} (${parsed.reason}): not checked`);
  }

  private resolve(word: ShellWord): string | undefined {
    if (SPECIAL_FILES.test(word.value)) return undefined;
    if (!word.literal) {
      this.notes.push(`${word.raw}: a path that is only known when the command runs, not checked`);
      return undefined;
    }
    if (this.cwd === undefined && !word.value.startsWith("/")) {
      this.notes.push(`${word.value}: relative to a directory only known when the command runs, not checked`);
      return undefined;
    }
    return absolutePath(word.value, this.cwd ?? "/");
  }

  /** A file's content as this command sees it: an earlier write in the same command, else the disk. */
  private read(word: ShellWord): Text | undefined {
    const path = this.resolve(word);
    if (!path) return undefined;
    const effect = this.files.get(path);
    if (effect) return effect.after;
    const disk = readTargetFile(path);
    return disk.kind === "text" ? { value: disk.text, literal: true } : undefined;
  }

  private write(target: ShellWord, content: Text | undefined, append: boolean, from: string): void {
    const path = this.resolve(target);
    if (!path) return;
    let effect = this.files.get(path);
    if (!effect) {
      const disk: FileEffect["disk"] = this.ran ? { kind: "missing" } : readTargetFile(path);
      effect = { disk, after: { value: disk.kind === "text" ? disk.text : "", literal: true } };
      this.files.set(path, effect);
    }
    if (content === undefined || effect.after === undefined) {
      effect.after = undefined;
      effect.unknownFrom ??= from || "a command group";
      return;
    }
    effect.after = append
      ? { value: effect.after.value + content.value, literal: effect.after.literal && content.literal }
      : content;
  }
}

function isStdoutRedirect(r: ShellRedirect): boolean {
  if (r.op === "&>" || r.op === "&>>") return true;
  if (r.op === ">&") return r.fd === undefined && !/^(\d+|-)$/.test(r.target.value);
  return (r.op === ">" || r.op === ">>" || r.op === ">|") && (r.fd === undefined || r.fd === "1");
}

/** `sudo`, `env A=b`, `command` and friends run the command that follows them. */
function withoutWrappers(words: readonly ShellWord[]): readonly ShellWord[] {
  let i = 0;
  while (i < words.length && WRAPPERS.has(baseName(words[i]!.value))) {
    i++;
    while (i < words.length && (words[i]!.value.startsWith("-") || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!.value))) i++;
  }
  return words.slice(i);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/**
 * The value of a short or long option at args[i]: `-c X`, `-cX`, `--command=X`, `--command X`.
 * `option` is the short form of whichever of the two options matched.
 */
function optionValue(
  args: readonly ShellWord[],
  i: number,
  ...options: Array<[short: string, long: string]>
): { option: string | undefined; value: { word: ShellWord | undefined; consumedNext: boolean } } {
  const arg = args[i]!;
  for (const [short, long] of options) {
    if (arg.value === short || arg.value === long) return { option: short, value: { word: args[i + 1], consumedNext: true } };
    if (arg.value.startsWith(`${long}=`)) return { option: short, value: { word: sliced(arg, long.length + 1), consumedNext: false } };
    if (arg.value.startsWith(short) && !arg.value.startsWith("--")) return { option: short, value: { word: sliced(arg, short.length), consumedNext: false } };
  }
  return { option: undefined, value: { word: undefined, consumedNext: false } };
}

function sliced(word: ShellWord, from: number): ShellWord {
  return { raw: word.raw, value: word.value.slice(from), literal: word.literal };
}
