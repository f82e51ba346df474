/** Offsets <-> 1-based line/column, computed once per text. */
import type { Span } from "../core/types.js";

export interface Position {
  line: number;
  column: number;
}

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }

  /** 1-based line and column (in UTF-16 code units) of an offset. */
  position(offset: number): Position {
    const line = this.lineOf(offset);
    return { line: line + 1, column: offset - this.starts[line]! + 1 };
  }

  range(span: Span): { line: number; column: number; endLine: number; endColumn: number } {
    // No Position objects in between: the hook computes a range for every finding (hundreds in a large file).
    const line = this.lineOf(span.start);
    const endLine = span.end === span.start ? line : this.lineOf(span.end, line);
    return { line: line + 1, column: span.start - this.starts[line]! + 1, endLine: endLine + 1, endColumn: span.end - this.starts[endLine]! + 1 };
  }

  /** 0-based line of an offset (at or after line `from`). */
  private lineOf(offset: number, from = 0): number {
    let lo = from;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
