/** Plain text tables: columns padded to their widest cell (measured before colouring). */
export function renderTable(header: string[], rows: string[][], paint: (column: number, cell: string) => string = (_c, s) => s): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[], colour: boolean) =>
    cells
      .map((cell, i) => {
        const padded = i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0);
        return colour ? padded.replace(cell, paint(i, cell)) : padded;
      })
      .join("  ")
      .trimEnd();
  return [line(header, false), ...rows.map((row) => line(row, true))].join("\n");
}

/** Shortens long cells (errors) to one line of at most `max` characters. */
export function oneLine(text: string | null | undefined, max = 60): string {
  if (!text) return "-";
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
