/**
 * The shell parser: web-tree-sitter with the tree-sitter-bash grammar (its `tree-sitter-bash.wasm`,
 * which the build copies into dist/ from the tree-sitter-bash devDependency: the package itself
 * brings 20 MB and a native build step that an install would not need). A tree with an ERROR or MISSING node is not valid shell:
 * bash would refuse it, so it writes nothing (allowed with a note). tree.ts reads the tree.
 *
 * Versions: tree-sitter-bash 0.25.1's wasm is ABI 15 (built with tree-sitter-cli 0.25); web-tree-sitter
 * 0.25.x loads ABI 13-15 and is the runtime of the same release, so the grammar's side module links
 * against it. A mismatch fails in Language.load: the command is then allowed with a note.
 *
 * Cost (Node 20.20, 2 cores shared with other work, medians of 21 runs; `node -e 0` = 63-68 ms):
 * importing web-tree-sitter 4-5 ms, runtime + grammar WASM 16-22 ms, the first parse 11-13 ms,
 * each further parse ~0.1 ms (`bash -c` scripts are parsed again): 30-40 ms in all, and a process
 * that loaded it exits 35-60 ms after `node -e 0`. sh-syntax, which this replaced together with a
 * hand-written lexer: import 12 ms, first parse 27 ms, every further parse a new Go instance (55-65
 * ms), and its process exits ~100 ms after `node -e 0`. Through the built hook, a Bash write with
 * a rule word into a file no adapter reads: 141 ms (sh-syntax + lexer: 182 ms); a .ts heredoc
 * denied: 154 ms (234 ms); the fast path (no parser): 80-95 ms. It is imported only after
 * precheck.ts let the command through.
 */
import { readFileSync } from "node:fs";
import { builtFile } from "../../core/dist-files.js";
import type { Node, Parser } from "web-tree-sitter";
import { heredocSemicolonsMoved } from "./heredoc-lines.js";
import { type ShellStep, ShellUnfollowable, stepsOf } from "./tree.js";

/** `invalid`: bash would refuse the text; otherwise it is valid but could not be followed. */
export type ParsedShell = { ok: true; steps: ShellStep[] } | { ok: false; invalid: boolean; reason: string };

export type ShellParse = (command: string) => ParsedShell;

let loading: Promise<ShellParse> | undefined;

/** The parser, loaded once per process; rejects when web-tree-sitter or the grammar cannot be loaded. */
export function loadShellParser(): Promise<ShellParse> {
  loading ??= load();
  return loading;
}

async function load(): Promise<ShellParse> {
  const { Parser: TreeSitter, Language } = await import("web-tree-sitter");
  const wasm = readFileSync(builtFile("tree-sitter-bash.wasm"));
  // V8 compiles a WASM module with Liftoff, then again with TurboFan on background threads, and
  // Node waits for those threads before the process exits: ~450 ms for this 1.3 MB grammar, more
  // than everything else the hook does. Liftoff code parses a command in well under a millisecond,
  // so these two modules are compiled with Liftoff only; the flag is restored at once.
  const { setFlagsFromString } = await import("node:v8");
  setFlagsFromString("--liftoff-only");
  let language;
  try {
    await TreeSitter.init();
    language = await Language.load(wasm);
  } finally {
    setFlagsFromString("--no-liftoff-only");
  }
  const parser = new TreeSitter();
  parser.setLanguage(language);
  return (command) => {
    const parsed = parseWith(parser, command);
    if (parsed.ok || !parsed.invalid) return parsed;
    // `cat > f <<'EOF'; next`: valid bash the grammar refuses (heredoc-lines.ts).
    const moved = heredocSemicolonsMoved(command);
    const again = moved === undefined ? undefined : parseWith(parser, moved);
    return again?.ok ? again : parsed;
  };
}

function parseWith(parser: Parser, command: string): ParsedShell {
  const tree = parser.parse(command);
  if (!tree) return { ok: false, invalid: false, reason: "the parser gave no tree" };
  try {
    const root = tree.rootNode;
    if (root.hasError) return { ok: false, invalid: true, reason: describeError(root, command) };
    const stray = strayKeyword(root);
    if (stray) return { ok: false, invalid: true, reason: `line ${stray.startPosition.row + 1}: unexpected ${JSON.stringify(stray.text)}` };
    try {
      return { ok: true, steps: stepsOf(root, command) };
    } catch (error) {
      if (!(error instanceof ShellUnfollowable)) throw error;
      return { ok: false, invalid: false, reason: error.message };
    }
  } finally {
    tree.delete();
  }
}

/** Words that only close or continue a compound command. The grammar reads `fi` alone as a command; bash refuses it. */
const CLOSING = new Set(["fi", "then", "else", "elif", "do", "done", "esac", "}"]);

function strayKeyword(root: Node): Node | undefined {
  return root.descendantsOfType("command_name").find((name): name is Node => !!name && CLOSING.has(name.text));
}

/** Where the first ERROR or MISSING node is: `line 3: unexpected "fi"`, `line 1: missing "\""`. */
function describeError(root: Node, command: string): string {
  const cursor = root.walk();
  try {
    for (;;) {
      const node = cursor.currentNode;
      if (node.isMissing || node.isError) {
        const line = command.slice(0, node.startIndex).split("\n").length;
        const what = node.isMissing ? `missing ${JSON.stringify(node.type)}` : `unexpected ${JSON.stringify(node.text.slice(0, 30))}`;
        return `line ${line}: ${what}`;
      }
      if (node.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return "syntax error";
    }
  } finally {
    cursor.delete();
  }
}
