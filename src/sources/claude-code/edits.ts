/**
 * Rebuilds a file after Edit / MultiEdit the way Claude Code applies them: the first occurrence
 * of old_string (or all with replace_all), edits in order. Plain index arithmetic, never
 * String.replace with a string pattern: `$&` and friends in new_string must stay literal.
 */
export interface TextEdit {
  old_string: string;
  new_string: string;
  replace_all?: boolean | undefined;
}

/** The edited text, or undefined when an old_string is not in the text (then judge fragments). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string | undefined {
  let result = text;
  for (const edit of edits) {
    if (edit.old_string === "") {
      // Claude Code uses an empty old_string only to fill an empty (or new) file.
      if (result !== "") return undefined;
      result = edit.new_string;
      continue;
    }
    const at = result.indexOf(edit.old_string);
    if (at < 0) return undefined;
    result = edit.replace_all
      ? result.split(edit.old_string).join(edit.new_string)
      : result.slice(0, at) + edit.new_string + result.slice(at + edit.old_string.length);
  }
  return result;
}
