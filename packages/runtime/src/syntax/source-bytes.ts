/**
 * A unit's source as UTF-8 bytes, for copying static markdown to the output without
 * encoding it again: text pieces are UTF-16 ranges of the source string (what the
 * splitter and parser work on), and {@link SourceBytes.byteOffset} turns their ends into
 * byte offsets.
 *
 * A large source given as a string is encoded a window at a time instead of whole
 * ({@link SourceBytes.copy}): a render copies static text front to back, so a window of
 * 64 KiB, encoded again as the copies move past it, serves the whole document, and its
 * encoding never takes memory the size of the document. Touching that memory is what the
 * whole encoding cost: on the bench's machine, `encodeInto` of the 8 MB W6 page took 24 ms
 * into a new array, of which 23 went on the kernel's first touch of its pages, and 0.6 ms
 * into one already touched.
 * @module
 */

/** UTF-16 code units between two checkpoints of the offset map. */
const STRIDE_BITS = 6;
const STRIDE = 1 << STRIDE_BITS;

/** Sources this long or longer, given as strings, are encoded a window at a time (see the module note). */
export const WINDOWED_SOURCE = 1 << 20;

/** Code units encoded into the window at a time (more when one range is longer). */
export const WINDOW_UNITS = 1 << 16;

/** Where {@link SourceBytes.copy} writes: the bytes of `src[start, end)`. */
export interface ByteTarget {
  bytes(src: Uint8Array, start: number, end: number): void;
}

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
   * The window of a large source given as a string: the bytes of `source[windowStart,
   * windowEnd)`, all ASCII. Null once the whole source is encoded (a small source, a
   * source given as bytes, a window that met a character outside ASCII, a copy that went
   * back before the window).
   */
  private window: Uint8Array | null = null;
  private windowStart = 0;
  private windowEnd = 0;

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
    else if (source.length >= WINDOWED_SOURCE) this.window = new Uint8Array(0);
  }

  /**
   * Copies the bytes of `source[start, end)` to `to`: from the window while copies move
   * forward through an ASCII source (see the module note), else from the whole encoding.
   */
  copy(start: number, end: number, to: ByteTarget): void {
    if (end <= start) return;
    if (this.window !== null && start >= this.windowStart) {
      if (end <= this.windowEnd || this.slide(start, end)) {
        to.bytes(this.window as Uint8Array, start - this.windowStart, end - this.windowStart);
        return;
      }
    }
    this.window = null;
    const bytes = this.bytes;
    if (this.allAscii) to.bytes(bytes, start, end);
    else to.bytes(bytes, this.byteOffset(start), this.byteOffset(end));
  }

  /**
   * Moves the window to start at `start` and hold at least up to `end`; false when that
   * part of the source is not all ASCII (its byte offsets would need the whole map).
   */
  private slide(start: number, end: number): boolean {
    const source = this.source;
    const stop = Math.min(source.length, Math.max(end, start + WINDOW_UNITS));
    let window = this.window as Uint8Array;
    if (window.length < stop - start) window = this.window = new Uint8Array(stop - start);
    const { read, written } = encoder.encodeInto(source.substring(start, stop), window);
    if (read !== stop - start || written !== read) return false;
    this.windowStart = start;
    this.windowEnd = stop;
    return true;
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

  /**
   * Whether copies go through a window (see the module note) and not the whole encoding:
   * then {@link bytes} and {@link ascii} would encode the whole source, which {@link copy}
   * does not need.
   */
  get windowed(): boolean {
    return this.window !== null;
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
