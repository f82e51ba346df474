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
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }

  range(span: Span): { line: number; column: number; endLine: number; endColumn: number } {
    const start = this.position(span.start);
    const end = this.position(span.end);
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  }
}
