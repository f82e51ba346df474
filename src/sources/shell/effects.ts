/**
 * Runs the parsed commands in the head, not in a shell: which files they would write with what
 * content, and which SQL they would hand to psql. A small virtual file system carries writes from
 * one command to the next (`cat > q.sql <<EOF ... EOF && psql -f q.sql`), `cd` moves the working
 * directory (not out of a subshell), and a pipe hands the known output of one command to the next
 * (`echo ... | tee f`).
 *
 * Commands whose result follows from files that exist before they run are run too: `cat FILE`,
 * `cp` / `mv` / `install` / `ln` (directories with what they hold), `sed` with `s` scripts (sed.ts),
 * `patch` and `git apply` (diff.ts), `git show REV:path`, `git checkout REV -- paths`, `git restore
 * --source REV paths` (git.ts). Globs in their words are expanded against the disk (glob.ts).
 */
import { readdirSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, resolve as resolvePath } from "node:path";
import { languageOfPath } from "../../languages/registry.js";
import { applyHunks } from "../codex/patch.js";
import { absolutePath, readTargetFile } from "../claude-code/files.js";
import { type CopyCommand, parseCopyArgs } from "./copy.js";
import { type FileDiff, type PatchCall, parseGitApplyArgs, parsePatchArgs, parseUnifiedDiff, reversed, stripped } from "./diff.js";
import { checkoutOf, gitBlob, gitFiles, type GitRestore, gitTopLevel, restoreOf } from "./git.js";
import { expandGlob } from "./glob.js";
import { echoOutput, printfOutput, type Text } from "./output.js";
import type { ShellParse } from "./parse.js";
import { compileSed, parseSedArgs } from "./sed.js";
import type { CommandGroup, ShellRedirect, ShellStep, ShellWord, SimpleCommand } from "./tree.js";

/** A file the command writes: what was on disk, and what it would hold after (undefined: unknown). */
export interface FileEffect {
  disk: ReturnType<typeof readTargetFile>;
  after: Text | undefined;
  /** The command whose output could not be known, for the note. */
  unknownFrom?: string;
  /** The file is gone after the command (mv's source, a deleted file): it introduces nothing. */
  removed?: boolean;
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
/** A directory copied with more files than this is only partly followed (note). */
const MAX_TREE_FILES = 5_000;
const AFTER_THE_CALL = "the after-the-call check sees the result";
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
  /** Directories made by `mkdir` earlier in the command. */
  private readonly made = new Set<string>();

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
        output = this.cat(this.expand(args), stdin);
        break;
      case "mkdir":
        for (const dir of this.expand(args)) if (!dir.value.startsWith("-") && dir.literal && this.cwd !== undefined) this.made.add(absolutePath(dir.value, this.cwd));
        break;
      case "cp":
      case "mv":
      case "install":
      case "ln":
        if (!this.afterTheRun(name)) this.copy(name, this.expand(args));
        break;
      case "patch":
        if (!this.afterTheRun(name)) this.patch(parsePatchArgs(this.expand(args)), stdin, "patch");
        break;
      case "dd":
        output = this.dd(this.expand(args), stdin);
        break;
      case "git":
        output = this.git(this.expand(args), stdin);
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
        output = this.sed(this.expand(args), stdin);
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
    if (path) this.writePath(path, content, append, from);
  }

  private writePath(path: string, content: Text | undefined, append: boolean, from: string): FileEffect {
    let effect = this.files.get(path);
    if (!effect) {
      const disk: FileEffect["disk"] = this.ran ? { kind: "missing" } : readTargetFile(path);
      effect = { disk, after: { value: disk.kind === "text" ? disk.text : "", literal: true } };
      this.files.set(path, effect);
    }
    if (effect.removed) {
      effect.removed = false;
      effect.after = { value: "", literal: true };
    }
    if (content === undefined || effect.after === undefined) {
      effect.after = undefined;
      effect.unknownFrom ??= from || "a command group";
      return effect;
    }
    effect.after = append
      ? { value: effect.after.value + content.value, literal: effect.after.literal && content.literal }
      : content;
    return effect;
  }

  private remove(path: string): void {
    const effect = this.writePath(path, { value: "", literal: true }, false, "rm");
    effect.removed = true;
  }

  /** A file as the command would find it: written earlier in the command, else on disk. */
  private readPath(path: string): { kind: "text"; text: Text } | { kind: "missing" } | { kind: "unreadable"; reason: string } {
    const effect = this.files.get(path);
    if (effect?.removed) return { kind: "missing" };
    if (effect) return effect.after ? { kind: "text", text: effect.after } : { kind: "unreadable", reason: `written by \`${effect.unknownFrom}\`, only known when it runs` };
    const disk = readTargetFile(path);
    return disk.kind === "text" ? { kind: "text", text: { value: disk.text, literal: true } } : disk;
  }

  private isDirectory(path: string): boolean {
    if (this.made.has(path)) return true;
    const prefix = `${path}/`;
    for (const [file, effect] of this.files) if (file.startsWith(prefix) && !effect.removed) return true;
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  }

  /** Bash expands globs before the command sees its words: against the disk, here too. */
  private expand(args: readonly ShellWord[]): ShellWord[] {
    if (args.every((a) => a.glob === undefined) || this.cwd === undefined) return [...args];
    const cwd = this.cwd;
    return args.flatMap((a) => (a.glob === undefined ? [a] : expandGlob(a.glob, cwd).map((value) => ({ raw: a.raw, value, literal: true }))));
  }

  /** `cat FILE...`: the files (and stdin for `-`) one after another; options change the output: unknown. */
  private cat(args: readonly ShellWord[], stdin: Text | undefined): Text | undefined {
    const files = args.filter((a) => a.value !== "--");
    if (files.length === 0) return stdin;
    if (files.some((a) => a.value.startsWith("-") && a.value !== "-")) return undefined;
    let value = "";
    let literal = true;
    for (const file of files) {
      const text = file.value === "-" ? stdin : this.read(file);
      if (!text) return undefined;
      value += text.value;
      literal &&= text.literal;
    }
    return { value, literal };
  }

  /** cp / mv / install / ln: each source's content written to its destination, directories with what they hold. */
  private copy(name: CopyCommand, args: readonly ShellWord[]): void {
    const call = parseCopyArgs(name, args);
    if (call.directoriesOnly || !call.destination || call.sources.length === 0) return;
    if (call.unknown) this.notes.push(`${name}: an option only known when it runs; ${AFTER_THE_CALL}`);
    const destination = this.resolve(call.destination);
    if (!destination) return;
    const intoDirectory = call.intoDirectory || (!call.noTargetDirectory && (call.sources.length > 1 || call.destination.value.endsWith("/") || this.isDirectory(destination)));
    for (const source of call.sources) {
      const target = intoDirectory ? join(destination, call.parents ? source.value : basename(source.value)) : destination;
      if (!source.literal) {
        this.notes.push(`${name} ${source.raw}: a source only known when it runs; ${AFTER_THE_CALL}`);
        if (!intoDirectory) this.writePath(target, undefined, false, name);
        continue;
      }
      // ln -s: the link's target is read from the link's own directory.
      const from = name === "ln" && call.symbolic && !isAbsolute(source.value) ? resolvePath(dirname(target), source.value) : this.resolve(source);
      if (!from) continue;
      if (this.isDirectory(from)) {
        if (!call.recursive && !(name === "ln" && call.symbolic)) continue; // cp without -r omits directories
        for (const relative of this.filesUnder(from)) this.copyFile(name, join(from, relative), join(target, relative), call.noClobber);
      } else this.copyFile(name, from, target, call.noClobber);
    }
  }

  private copyFile(name: CopyCommand, from: string, to: string, noClobber: boolean): void {
    if (from === to) return;
    if (noClobber && this.readPath(to).kind !== "missing") return;
    const source = this.readPath(from);
    if (source.kind === "missing") {
      this.notes.push(`${name}: ${from} does not exist before the command runs; ${AFTER_THE_CALL}`);
      return;
    }
    if (source.kind === "unreadable") {
      this.notes.push(`${name}: ${from} cannot be read (${source.reason}); ${AFTER_THE_CALL}`);
      if (languageOfPath(to)) this.writePath(to, undefined, false, name);
      return;
    }
    // What lands at the destination is compared with what the destination holds now (a moved
    // legacy file brings its violations somewhere new); the source of a move is gone.
    this.writePath(to, source.text, false, name);
    if (name === "mv") this.remove(from);
  }

  /** Files under a directory (relative paths): on disk, and written earlier in the command. */
  private filesUnder(dir: string): string[] {
    const found = new Set<string>();
    const walk = (absolute: string, relative: string): void => {
      let entries: import("node:fs").Dirent[];
      try {
        entries = readdirSync(absolute, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        if (found.size >= MAX_TREE_FILES) return;
        const rel = relative ? `${relative}/${entry.name}` : entry.name;
        const isDir = entry.isDirectory() || (entry.isSymbolicLink() && (statSync(join(absolute, entry.name), { throwIfNoEntry: false })?.isDirectory() ?? false));
        if (isDir) walk(join(absolute, entry.name), rel);
        else found.add(rel);
      }
    };
    walk(dir, "");
    if (found.size >= MAX_TREE_FILES) this.notes.push(`${dir}: more than ${MAX_TREE_FILES} files, the rest is for the after-the-call check`);
    const prefix = `${dir}/`;
    for (const [file, effect] of this.files) {
      if (!file.startsWith(prefix)) continue;
      if (effect.removed) found.delete(file.slice(prefix.length));
      else found.add(file.slice(prefix.length));
    }
    return [...found];
  }

  /**
   * After the command ran (PostToolUse), the files it copied, moved or edited in place hold the
   * result and their old text is gone: rebuilding it again from them would be wrong. Those are for
   * the turn-end check, which knows the files as they were (true: not followed here).
   */
  private afterTheRun(name: string): boolean {
    if (this.ran) this.notes.push(`${name}: what it changed in place is for the turn-end check`);
    return this.ran;
  }

  /** `dd if=A of=B`: a copy; any conversion, skip or count option makes the result unknown. */
  private dd(args: readonly ShellWord[], stdin: Text | undefined): Text | undefined {
    const operand = (name: string) => args.find((a) => a.value.startsWith(`${name}=`));
    const input = operand("if");
    const output = operand("of");
    const exact = args.every((a) => /^(if|of|bs|ibs|obs|status)=/.test(a.value));
    const file = (word: ShellWord): ShellWord => ({ raw: word.raw, value: word.value.slice(3), literal: word.literal && word.glob === undefined });
    const content = !exact ? undefined : input ? this.read(file(input)) : stdin;
    if (!output) return content;
    this.write(file(output), content, false, "dd");
    return { value: "", literal: true };
  }

  /** sed: `s` scripts run in memory on each file (-i) or on what it prints; other scripts are unknown. */
  private sed(args: readonly ShellWord[], stdin: Text | undefined): Text | undefined {
    const call = parseSedArgs(args);
    const scripts: string[] = [];
    let known = !call.unknown;
    for (const script of call.scripts) {
      const text = "text" in script ? script.text : this.read(script.file)?.value;
      if (text === undefined) known = false;
      else scripts.push(text);
    }
    const program = known ? compileSed(scripts.join("\n"), call) : undefined;
    if (call.inPlace && this.afterTheRun("sed -i")) return { value: "", literal: true };
    if (call.inPlace) {
      if (!program) this.notes.push(`sed -i with a script this hook does not follow; ${AFTER_THE_CALL}`);
      for (const file of call.files) {
        const path = this.resolve(file);
        if (!path) continue;
        const current = this.readPath(path);
        if (current.kind === "missing") continue; // sed fails on it, writes nothing
        this.writePath(path, program && current.kind === "text" ? { value: program(current.text.value), literal: current.text.literal } : undefined, false, "sed -i");
      }
      return { value: "", literal: true };
    }
    if (!program) return undefined;
    const input = call.files.length === 0 ? stdin : this.cat(call.files, stdin);
    return input ? { value: program(input.value), literal: input.literal } : undefined;
  }

  /** git: the subcommands that write files (apply, checkout, restore) or print one (show / cat-file REV:path). */
  private git(args: readonly ShellWord[], stdin: Text | undefined): Text | undefined {
    let i = 0;
    let cwd = this.cwd;
    // Global options before the subcommand: -C DIR moves it, the others take a value or none.
    for (; i < args.length && args[i]!.value.startsWith("-"); i++) {
      const v = args[i]!.value;
      if (v === "-C") {
        const dir = args[++i];
        cwd = dir?.literal && cwd !== undefined ? absolutePath(dir.value, cwd) : undefined;
      } else if (v === "-c" || v === "--git-dir" || v === "--work-tree" || v === "--namespace") i++;
    }
    const sub = args[i]?.value;
    const rest = args.slice(i + 1);
    if ((sub === "mv" || sub === "apply" || sub === "checkout" || sub === "restore") && this.afterTheRun(`git ${sub}`)) return undefined;
    if (sub === "mv" && cwd === this.cwd) {
      this.copy("mv", rest.filter((a) => !/^-[fkvn]+$|^--(force|verbose|dry-run)$/.test(a.value)));
      return undefined;
    }
    if (cwd === undefined || (sub !== "apply" && sub !== "checkout" && sub !== "restore" && sub !== "show" && sub !== "cat-file")) return undefined;
    if (sub === "show" || sub === "cat-file") {
      const specs = rest.filter((a) => !a.value.startsWith("-") && a.value !== "blob");
      if (specs.length !== 1 || !specs[0]!.literal || !specs[0]!.value.includes(":") || rest.some((a) => /^--(format|pretty|stat|name)/.test(a.value))) return undefined;
      const text = gitBlob(cwd, specs[0]!.value);
      return text === undefined ? undefined : { value: text, literal: true };
    }
    if (sub === "apply") {
      const call = parseGitApplyArgs(rest);
      const inputs = call.inputs.length > 0 ? call.inputs : [undefined];
      const root = gitTopLevel(cwd) ?? cwd;
      for (const input of inputs) this.patch({ ...call, input: input?.value === "-" ? undefined : input }, stdin, "git apply", root);
      return undefined;
    }
    const restore = sub === "checkout" ? checkoutOf(rest, (word) => word.literal && this.readPath(absolutePath(word.value, cwd)).kind !== "missing") : restoreOf(rest);
    if (restore === "unknown") this.notes.push(`git ${sub}: paths only known when it runs; ${AFTER_THE_CALL}`);
    else if (restore) this.restore(restore, cwd, `git ${sub}`);
    return undefined;
  }

  private restore({ rev, paths }: GitRestore, cwd: string, from: string): void {
    if (paths.some((p) => !p.literal)) {
      this.notes.push(`${from}: paths only known when it runs; ${AFTER_THE_CALL}`);
      return;
    }
    const files = gitFiles(cwd, rev, paths.map((p) => p.value), (path) => languageOfPath(path) !== undefined);
    if (!files) {
      this.notes.push(`${from}: git cannot list ${paths.map((p) => p.value).join(" ")}${rev ? ` at ${rev}` : ""}; ${AFTER_THE_CALL}`);
      return;
    }
    for (const file of files) {
      const path = absolutePath(file.path, cwd);
      if (!languageOfPath(path)) continue;
      const current = this.readPath(path);
      // `git checkout -- .` restores every file: only those it changes can introduce anything.
      if (current.kind === "text" && current.text.value === file.text) continue;
      this.writePath(path, file.text === undefined ? undefined : { value: file.text, literal: true }, false, from);
    }
  }

  /** patch / git apply: each file of the diff rebuilt in memory. `root`: where git apply's paths start. */
  private patch(call: PatchCall, stdin: Text | undefined, from: string, root?: string): void {
    if (call.noWrite) return;
    if (call.unknown) this.notes.push(`${from}: an option only known when it runs; ${AFTER_THE_CALL}`);
    const diff = call.input ? this.read(call.input) : stdin;
    if (!diff) {
      this.notes.push(`${from}: the diff is only known when it runs; ${AFTER_THE_CALL}`);
      return;
    }
    let base = root ?? this.cwd;
    if (base === undefined) return;
    if (call.directory) {
      if (!call.directory.literal) return;
      base = absolutePath(call.directory.value, base);
    }
    const explicit = call.target ? this.resolve(call.target) : undefined;
    const output = call.output ? this.resolve(call.output) : undefined;
    for (const parsed of parseUnifiedDiff(diff.value)) {
      const file = call.reverse ? reversed(parsed) : parsed;
      const names = this.diffPaths(file, call.strip, base, from === "patch");
      const source = explicit ?? names.source;
      const target = output ?? explicit ?? names.target;
      if (!source || !target) continue;
      // A renaming diff (git's rename from / to) moves the file; -o and an explicit file do not.
      this.applyDiff(file, source, target, from, !output && !explicit && source !== target);
    }
  }

  /** Which file a diff reads and writes: git apply takes the names as given (-p1 by default); patch, without -p, the first that exists. */
  private diffPaths(diff: FileDiff, strip: number | undefined, base: string, isPatch: boolean): { source: string | undefined; target: string | undefined } {
    const candidates = (name: string | undefined): string[] => {
      if (name === undefined) return [];
      if (strip !== undefined) {
        const path = stripped(name, strip);
        return path === undefined ? [] : [path];
      }
      return [...new Set([name, ...(/^[ab]\//.test(name) ? [name.slice(2)] : []), basename(name)])];
    };
    const olds = candidates(diff.oldPath).map((p) => absolutePath(p, base));
    const news = candidates(diff.newPath).map((p) => absolutePath(p, base));
    if (!isPatch || strip !== undefined) return { source: olds[0] ?? news[0], target: diff.newPath === undefined ? olds[0] : news[0] };
    const existing = [...olds, ...news].find((p) => this.readPath(p).kind !== "missing");
    return { source: existing ?? olds[0] ?? news[0], target: diff.newPath === undefined ? (existing ?? olds[0]) : (existing ?? news[0]) };
  }

  private applyDiff(diff: FileDiff, source: string, target: string, from: string, moved: boolean): void {
    if (diff.newPath === undefined) {
      this.remove(target);
      return;
    }
    if (diff.unreadable) {
      this.notes.push(`${from}: a binary or malformed diff for ${target}; ${AFTER_THE_CALL}`);
      if (languageOfPath(target)) this.writePath(target, undefined, false, from);
      return;
    }
    const current = diff.oldPath === undefined ? { kind: "text" as const, text: { value: "", literal: true } } : this.readPath(source);
    if (current.kind !== "text") {
      this.notes.push(`${from}: ${source} ${current.kind === "missing" ? "does not exist" : `cannot be read (${current.reason})`}; ${AFTER_THE_CALL}`);
      return;
    }
    let after = applyHunks(current.text.value, diff.hunks);
    if (after === undefined) {
      // A hunk that does not match: its added lines are checked, at the end of the file.
      this.notes.push(`${from}: a hunk does not apply to ${target}; its added lines were checked at the end of the file`);
      after = `${current.text.value}${current.text.value === "" || current.text.value.endsWith("\n") ? "" : "\n"}${diff.added.join("\n")}\n`;
    }
    this.writePath(target, { value: after, literal: current.text.literal }, false, from);
    if (moved) this.remove(source);
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
