/**
 * libpg-query reports `location`s as byte offsets into the UTF-8 text it parsed; facts need UTF-16
 * offsets (JavaScript string indices). This maps one to the other for one text.
 */
export class ByteOffsets {
  /** utf16[byteOffset] = UTF-16 offset; null when the text is ASCII (the two are equal). */
  private readonly utf16: Int32Array | null;

  constructor(text: string) {
    // Fast path: most SQL is ASCII.
    if (!/[^\x00-\x7f]/.test(text)) {
      this.utf16 = null;
      return;
    }
    const map = new Int32Array(Buffer.byteLength(text, "utf8") + 1);
    let byte = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.codePointAt(i)!;
      const bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
      for (let b = 0; b < bytes; b++) map[byte + b] = i;
      byte += bytes;
      if (code >= 0x10000) i++; // a surrogate pair is one code point
    }
    map[byte] = text.length;
    this.utf16 = map;
  }

  toUtf16(byteOffset: number): number {
    if (this.utf16 === null) return byteOffset;
    return this.utf16[Math.min(Math.max(byteOffset, 0), this.utf16.length - 1)]!;
  }
}
