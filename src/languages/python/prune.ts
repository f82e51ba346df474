/**
 * "Do not parse what cannot match", one level finer than the whole file: before parsing, blank the
 * top-level functions and classes that can take no part in a finding, so the parser (most of a
 * Python check) reads only the rest. Offsets do not move: blanked characters become spaces and
 * line breaks stay. Without the engine's pre-check (options.mayMatter) nothing is blanked.
 *
 * A top-level `def` / `class` block is kept when
 *   - its text holds a rule's word (the pre-check), or mentions a name defined in a kept block
 *     that does ("tainted": a constant, a helper, a class), transitively; or
 *   - a kept block mentions a name it defines (context: the helper a finding's client comes from).
 * Every other top-level statement (imports, constants, `if __name__ ...`) is always kept.
 * Names are matched as words anywhere in the text, strings and comments included: a coincidence
 * keeps a block, never the reverse. When the text cannot be split with certainty (a string or a
 * bracket left open), nothing is blanked. test/languages/python/prune.test.ts checks that findings
 * are identical with and without blanking.
 */

interface Block {
  start: number;
  end: number;
  /** A top-level def / class (with its decorators): the only kind of block that may be blanked. */
  prunable: boolean;
}

const WORD = /[A-Za-z_][A-Za-z0-9_]*/g;
const HEADER = /^(?:async[ \t]+def|def|class)[ \t]+([A-Za-z_][A-Za-z0-9_]*)/;
/** Lines at column 0 that continue the statement above: `else:`, `except ...:`, `finally:`. */
const CONTINUATION = /^(?:else|elif|except|finally)\b/;

/** The text with irrelevant top-level blocks blanked, or the text itself when none is. */
export function blankIrrelevantBlocks(text: string, mayMatter: (text: string) => boolean): string {
  return pruneIrrelevantBlocks(text, mayMatter).text;
}

/** A part of the text the parser reads (lezer's parse ranges: offsets stay those of the text). */
export interface TextRange {
  from: number;
  to: number;
}

/**
 * blankIrrelevantBlocks, and the ranges outside the blanked blocks (undefined when none is
 * blanked): the parser can skip the blanked blocks altogether rather than read their spaces
 * (~10% of a large module's parse). A blanked block runs from the start of a line to the start
 * of the next statement at column 0, so the ranges joined are the module without those blocks.
 * The first and last ranges reach the text's start and end, so the tree covers the whole text.
 */
export function pruneIrrelevantBlocks(text: string, mayMatter: (text: string) => boolean): { text: string; ranges?: TextRange[] } {
  const blocks = topLevelBlocks(text);
  if (!blocks || !blocks.some((b) => b.prunable)) return { text };

  const texts = blocks.map((b) => text.slice(b.start, b.end));
  const mentions = texts.map((t) => new Set(t.match(WORD)));
  // Names each block gives the module: a def / class its own name (and a class its members');
  // any other statement, conservatively, every word in it.
  const defines = blocks.map((b, i) => (b.prunable ? definedBy(texts[i]!) : mentions[i]!));
  // A definition whose name cannot be read is kept: nothing could ask for it otherwise.
  blocks.forEach((b, i) => {
    if (b.prunable && defines[i]!.size === 0) b.prunable = false;
  });

  // Tainted: holds a rule's word, or uses a name a tainted block defines.
  const tainted = spread(blocks.map((_, i) => mayMatter(texts[i]!)), defines, mentions);
  // Kept: every statement that is not a def / class, every tainted block, and what they use.
  const kept = spread(blocks.map((b, i) => !b.prunable || tainted[i]!), mentions, defines);
  if (kept.every(Boolean)) return { text };

  let out = "";
  let at = 0;
  const skipped: TextRange[] = [];
  blocks.forEach((b, i) => {
    if (kept[i]) return;
    out += text.slice(at, b.start) + texts[i]!.replace(/[^\r\n]+/g, blank);
    at = b.end;
    // A blanked block at the very start or end is read (as spaces): the tree then spans the whole text.
    if (b.start > 0 && b.end < text.length) skipped.push({ from: b.start, to: b.end });
  });
  const ranges: TextRange[] = [];
  let from = 0;
  for (const gap of skipped) {
    if (gap.from > from) ranges.push({ from, to: gap.from });
    from = gap.to;
  }
  ranges.push({ from, to: text.length });
  return { text: out + text.slice(at), ...(skipped.length > 0 ? { ranges } : {}) };
}

/**
 * Marks more blocks until nothing changes: an unmarked block joins when one of its `takes` names
 * is among the `gives` names of the marked blocks.
 */
function spread(marked: boolean[], gives: readonly Set<string>[], takes: readonly Set<string>[]): boolean[] {
  // The names of the marked blocks only grow: each block's are added once, when it is marked.
  const names = new Set<string>();
  const added = marked.map(() => false);
  for (let changed = true; changed; ) {
    changed = false;
    marked.forEach((m, i) => {
      if (m && !added[i]) {
        added[i] = true;
        for (const name of gives[i]!) names.add(name);
      }
    });
    marked.forEach((m, i) => {
      if (!m && takesAny(takes[i]!, names)) marked[i] = changed = true;
    });
  }
  return marked;
}

function takesAny(takes: ReadonlySet<string>, names: ReadonlySet<string>): boolean {
  for (const name of takes) if (names.has(name)) return true;
  return false;
}

/** A run of blanked characters: as many spaces (line breaks stay, so offsets and lines do not move). */
const blank = (run: string): string => " ".repeat(run.length);

/** A def / class block's own name; a class also its methods and attributes (`obj.member` reaches them). */
function definedBy(block: string): Set<string> {
  const names = new Set<string>();
  // The one definition at column 0 (decorators before it may span lines).
  const header = /^(?:async[ \t]+def|def|(class))[ \t]+([A-Za-z_]\w*)/m.exec(block);
  if (!header) return names;
  names.add(header[2]!);
  if (header[1]) {
    for (const m of block.matchAll(/^[ \t]+(?:async[ \t]+)?def[ \t]+([A-Za-z_]\w*)/gm)) names.add(m[1]!);
    for (const m of block.matchAll(/^[ \t]+([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=(?!=)/gm)) names.add(m[1]!);
  }
  // `global X` in a function makes X the module's.
  for (const m of block.matchAll(/\bglobal[ \t]+([A-Za-z_]\w*(?:[ \t]*,[ \t]*[A-Za-z_]\w*)*)/g)) {
    for (const name of m[1]!.split(",")) names.add(name.trim());
  }
  return names;
}

/**
 * Splits the module into top-level statements: each starts at a line whose first character is
 * code at column 0, outside any string, bracket or line continuation. Undefined when the text
 * ends inside a string or a bracket: then the split is not to be trusted.
 */
function topLevelBlocks(text: string): Block[] | undefined {
  const starts: number[] = [];
  let depth = 0;
  let lineStart = true;
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (lineStart) {
      lineStart = false;
      if (depth === 0 && c !== " " && c !== "\t" && c !== "\n" && c !== "\r" && c !== "#" && c !== "\f") starts.push(i);
    }
    if (c === "#") {
      const eol = text.indexOf("\n", i);
      i = eol === -1 ? text.length : eol;
    } else if (c === "\\") {
      // An escaped line break (\n or \r\n) joins lines; anything else escaped is not ours to read.
      i += text[i + 1] === "\r" && text[i + 2] === "\n" ? 3 : 2;
    } else if (c === '"' || c === "'") {
      const end = endOfString(text, i, c);
      if (end === undefined) return undefined;
      i = end;
    } else {
      if (c === "(" || c === "[" || c === "{") depth++;
      else if (c === ")" || c === "]" || c === "}") depth = Math.max(0, depth - 1);
      else if (c === "\n" && depth === 0) lineStart = true;
      i++;
    }
  }
  if (depth !== 0) return undefined;

  const blocks: Array<Block & { awaitingDefinition: boolean }> = [];
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k]!;
    const end = starts[k + 1] ?? text.length;
    const eol = text.indexOf("\n", start);
    const first = text.slice(start, eol === -1 ? text.length : eol);
    const decorator = first.startsWith("@");
    const previous = blocks[blocks.length - 1];
    if (previous?.awaitingDefinition) {
      // Decorators belong to the definition below them (anything else after one: keep it all).
      previous.end = end;
      previous.awaitingDefinition = decorator;
      if (!decorator && !HEADER.test(first)) previous.prunable = false;
    } else if (previous && CONTINUATION.test(first)) {
      // `else:` / `except ...:` / `finally:` belong to the statement above.
      previous.end = end;
      previous.prunable = false;
    } else {
      blocks.push({ start, end, prunable: decorator || HEADER.test(first), awaitingDefinition: decorator });
    }
  }
  for (const b of blocks) if (b.awaitingDefinition) b.prunable = false; // decorators with nothing after them
  return blocks;
}

/** Index just past the string literal opening at `i` (quote `q`), or undefined when it never closes. */
function endOfString(text: string, i: number, q: string): number | undefined {
  const triple = text.startsWith(q + q + q, i);
  let j = i + (triple ? 3 : 1);
  while (j < text.length) {
    const c = text[j]!;
    if (c === "\\") j += 2;
    else if (triple ? text.startsWith(q + q + q, j) : c === q) return j + (triple ? 3 : 1);
    else if (!triple && c === "\n") return undefined; // an unterminated one-line string
    else j++;
  }
  return undefined;
}
