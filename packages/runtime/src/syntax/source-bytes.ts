/**
 * A unit's source as UTF-8 bytes, for copying static markdown to the output without
 * encoding it again: text pieces are UTF-16 ranges of the source string (what the
 * splitter and parser work on), and {@link SourceBytes.byteOffset} turns their ends into
 * byte offsets.
 * @module
 */

/** UTF-16 code units between two checkpoints of the offset map. */
const STRIDE_BITS = 6;
const STRIDE = 1 << STRIDE_BITS;

const encoder = new TextEncoder();

/** UTF-8 bytes of the code unit at `i`, as `TextEncoder` counts them (a lone surrogate: U+FFFD, 3). */
function unitBytes(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = s.charCodeAt(i + 1);
    return d >= 0xdc00 && d <= 0xdfff ? 4 : 3;
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const b = i > 0 ? s.charCodeAt(i - 1) : 0;
    // The second half of a pair: its lead counted the pair's 4 bytes.
    return b >= 0xd800 && b <= 0xdbff ? 0 : 3;
  }
  return 3;
}

/**
 * The UTF-8 bytes of a source string and the map from its UTF-16 offsets to byte offsets.
 * For an all-ASCII source (most documents) the two offsets are equal and no map is made;
 * otherwise the map is built on first use in one forward pass, as a checkpoint every 64
 * code units (4 bytes per 64 characters), and an offset costs at most 63 steps from its
 * checkpoint.
 */
export class SourceBytes {
  private encoded: Uint8Array | null;
  private allAscii = false;
  private checkpoints: Int32Array | null = null;

  /**
   * @param source - The text.
   * @param bytes - Its UTF-8 encoding, exactly what `TextEncoder` makes of it (the bytes
   *   a document was decoded from, when they were valid UTF-8); when omitted, the text is
   *   encoded on first use (a module that writes no static text never is).
   */
  constructor(
    readonly source: string,
    bytes: Uint8Array | null = null,
  ) {
    this.encoded = bytes;
    if (bytes !== null) this.allAscii = bytes.length === source.length;
  }

  /** The UTF-8 bytes. */
  get bytes(): Uint8Array {
    if (this.encoded === null) {
      // Most documents are ASCII: one pass into an array of the text's length, which
      // `encode` would make in two (measuring, then writing). Text that does not fit is
      // not ASCII, and is encoded again by `encode`.
      const source = this.source;
      const ascii = new Uint8Array(source.length);
      const { read, written } = encoder.encodeInto(source, ascii);
      if (read === source.length && written === source.length) {
        this.encoded = ascii;
        this.allAscii = true;
      } else {
        this.encoded = encoder.encode(source);
        this.allAscii = this.encoded.length === source.length;
      }
    }
    return this.encoded;
  }

  /** Whether every character is ASCII, so that byte offsets are UTF-16 offsets. */
  get ascii(): boolean {
    if (this.encoded === null) this.encoded = this.bytes;
    return this.allAscii;
  }

  /** The byte offset of UTF-16 offset `i` (0 ≤ i ≤ source.length). */
  byteOffset(i: number): number {
    if (this.ascii) return i;
    if (this.checkpoints === null) this.checkpoints = this.buildMap();
    const map = this.checkpoints;
    const s = this.source;
    let from = (i >> STRIDE_BITS) << STRIDE_BITS;
    let at = map[i >> STRIDE_BITS] as number;
    for (; from < i; from++) at += unitBytes(s, from);
    return at;
  }

  /** One forward pass: the byte offset of every STRIDE-th code unit. */
  private buildMap(): Int32Array {
    const s = this.source;
    const n = s.length;
    const map = new Int32Array((n >> STRIDE_BITS) + 1);
    let at = 0;
    for (let i = 0; i < n; i++) {
      if ((i & (STRIDE - 1)) === 0) map[i >> STRIDE_BITS] = at;
      at += unitBytes(s, i);
    }
    if ((n & (STRIDE - 1)) === 0) map[n >> STRIDE_BITS] = at;
    return map;
  }
}
