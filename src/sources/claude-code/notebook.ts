/**
 * NotebookEdit: rebuild the notebook's code cells before and after the edit. The checked text is
 * the code cells joined by newlines (constants defined in one cell are used in the next); each
 * line can be traced back to its cell for the message. Shell escapes and magics (`!pip`, `%time`)
 * are blanked so the Python parser sees Python.
 */
import type { LanguageId } from "../../core/types.js";

interface Cell {
  id?: string;
  cell_type: string;
  source: string;
}

export interface NotebookEdit {
  new_source?: string | undefined;
  cell_id?: string | undefined;
  cell_type?: "code" | "markdown" | undefined;
  edit_mode?: "replace" | "insert" | "delete" | undefined;
}

export interface NotebookText {
  text: string;
  language: LanguageId | undefined;
  /** Line (1-based) of `text` -> "cell <id>, line <n>". */
  describeLine: (line: number) => string;
}

export class NotebookFormatError extends Error {}

/** Parses .ipynb JSON into cells and the notebook's language. Throws NotebookFormatError. */
export function readNotebook(json: string): { cells: Cell[]; language: LanguageId | undefined } {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new NotebookFormatError("the notebook is not valid JSON");
  }
  const nb = data as { cells?: unknown; metadata?: { kernelspec?: { language?: unknown }; language_info?: { name?: unknown } } };
  if (!nb || typeof nb !== "object" || !Array.isArray(nb.cells)) throw new NotebookFormatError("the notebook has no cells array");
  const cells = nb.cells.map((raw, index): Cell => {
    const c = (raw ?? {}) as { id?: unknown; cell_type?: unknown; source?: unknown };
    const source = Array.isArray(c.source) ? c.source.filter((s) => typeof s === "string").join("") : typeof c.source === "string" ? c.source : "";
    return { id: typeof c.id === "string" ? c.id : `cell-${index}`, cell_type: typeof c.cell_type === "string" ? c.cell_type : "code", source };
  });
  const lang = String(nb.metadata?.kernelspec?.language ?? nb.metadata?.language_info?.name ?? "python").toLowerCase();
  return { cells, language: notebookLanguage(lang) };
}

function notebookLanguage(name: string): LanguageId | undefined {
  if (name === "python" || name === "python3") return "python";
  if (name === "typescript") return "typescript";
  if (name === "javascript") return "javascript";
  return undefined;
}

/** The cells after the edit, as Claude Code would leave them; undefined when cell_id is unknown. */
export function applyNotebookEdit(cells: readonly Cell[], edit: NotebookEdit): Cell[] | undefined {
  const mode = edit.edit_mode ?? "replace";
  const index = edit.cell_id === undefined ? -1 : cells.findIndex((c) => c.id === edit.cell_id);
  if (edit.cell_id !== undefined && index < 0) return undefined;
  const next = [...cells];
  const source = edit.new_source ?? "";
  if (mode === "insert") {
    next.splice(index + 1, 0, { id: "new-cell", cell_type: edit.cell_type ?? "code", source });
  } else if (mode === "delete") {
    if (index < 0) return undefined;
    next.splice(index, 1);
  } else {
    if (index < 0) return undefined;
    const old = next[index]!;
    next[index] = { ...old, cell_type: edit.cell_type ?? old.cell_type, source };
  }
  return next;
}

export function codeText(cells: readonly Cell[], language: LanguageId | undefined): NotebookText {
  const starts: Array<{ line: number; id: string }> = [];
  const parts: string[] = [];
  let line = 1;
  for (const cell of cells) {
    if (cell.cell_type !== "code") continue;
    const source = language === "python" ? blankMagics(cell.source) : cell.source;
    starts.push({ line, id: cell.id ?? "?" });
    parts.push(source);
    line += source.split("\n").length;
  }
  return {
    text: parts.join("\n"),
    language,
    describeLine: (l) => {
      let cell = starts[0];
      for (const s of starts) if (s.line <= l) cell = s;
      return cell ? `cell ${cell.id}, line ${l - cell.line + 1}` : `line ${l}`;
    },
  };
}

function blankMagics(source: string): string {
  return source.replace(/^[ \t]*[!%].*$/gm, (line) => " ".repeat(line.length));
}
