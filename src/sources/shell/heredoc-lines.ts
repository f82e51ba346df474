/**
 * tree-sitter-bash 0.25.1 refuses a `;` after a heredoc operator on its line
 * (`cat > f <<'EOF'; npm test`), which bash runs: the heredoc, then the next command. Agents write
 * it, so when a command does not parse, parse.ts tries again with the rest of such a line moved
 * after the heredoc's closing delimiter:
 *
 *   cat > f <<'EOF'; next         cat > f <<'EOF'
 *   body                    ->    body
 *   EOF                           EOF
 *                                 next
 *
 * which runs the same commands in the same order. Only the first top-level `;` of the line moves
 * (what is before it, `&& b` included, stays on the operator's line, where the grammar reads it).
 */

/** The text with such lines rewritten, or undefined when there is none. */
export function heredocSemicolonsMoved(text: string): string | undefined {
  const lines = text.split("\n");
  const out: string[] = [];
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const { delimiters, semicolon } = scanLine(line);
    if (delimiters.length === 0) {
      out.push(line);
      continue;
    }
    // The bodies follow in order, each up to its delimiter alone on a line.
    let end = i;
    for (const { word, stripTabs } of delimiters) {
      end++;
      while (end < lines.length && (stripTabs ? lines[end]!.replace(/^\t+/, "") : lines[end]) !== word) end++;
    }
    if (end >= lines.length) return changed ? [...out, ...lines.slice(i)].join("\n") : undefined;
    if (semicolon < 0) {
      out.push(...lines.slice(i, end + 1));
    } else {
      changed = true;
      out.push(line.slice(0, semicolon), ...lines.slice(i + 1, end + 1), line.slice(semicolon + 1));
    }
    i = end;
  }
  return changed ? out.join("\n") : undefined;
}

/**
 * The heredoc delimiters a line opens, and the offset of its first top-level `;` after the first
 * of them (-1: none). Quotes, `$(...)` and comments are skipped.
 */
function scanLine(line: string): { delimiters: Array<{ word: string; stripTabs: boolean }>; semicolon: number } {
  const delimiters: Array<{ word: string; stripTabs: boolean }> = [];
  let semicolon = -1;
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "\\") i++;
    else if (c === "'") i = skipTo(line, i + 1, "'");
    else if (c === '"') i = skipDoubleQuoted(line, i + 1);
    else if (c === "#" && (i === 0 || /\s/.test(line[i - 1]!))) break;
    else if (c === "(") depth++;
    else if (c === ")") depth = Math.max(0, depth - 1);
    else if (c === ";" && depth === 0 && delimiters.length > 0 && semicolon < 0) {
      if (line[i + 1] === ";") i++;
      else semicolon = i;
    } else if (c === "<" && line[i + 1] === "<" && line[i + 2] !== "<") {
      const match = /^<<(-?)[ \t]*(?:'([^']*)'|"([^"]*)"|\\?([A-Za-z0-9_.-]+))/.exec(line.slice(i));
      if (match) {
        delimiters.push({ word: match[2] ?? match[3] ?? match[4]!, stripTabs: match[1] === "-" });
        i += match[0].length - 1;
      } else i++;
    }
  }
  return { delimiters, semicolon };
}

function skipTo(line: string, from: number, quote: string): number {
  const at = line.indexOf(quote, from);
  return at < 0 ? line.length : at;
}

function skipDoubleQuoted(line: string, from: number): number {
  for (let i = from; i < line.length; i++) {
    if (line[i] === "\\") i++;
    else if (line[i] === '"') return i;
  }
  return line.length;
}
