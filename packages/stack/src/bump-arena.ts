/**
 * A bump allocator for small fixed-size arrays (parser state, scratch buffers): views
 * carved out of large ArrayBuffer chunks, freed all at once by releasing a mark.
 * @module
 */
import { StackError } from "./stack-error.js";

/** Options for {@link BumpArena}. */
export interface BumpArenaOptions {
  /** Bytes per chunk (default 64 KiB); an allocation larger than a chunk gets its own. */
  chunkBytes?: number;
  /** The most bytes the arena may hold (default 64 MiB); beyond it, allocation throws `overflow`. */
  maxBytes?: number;
}

/** Counters. */
export interface BumpArenaStats {
  /** Bytes from the start of the arena to the current position (a chunk left for a bigger one counts whole). */
  usedBytes: number;
  /** The most `usedBytes` ever reached. */
  highWaterBytes: number;
  /** Chunks allocated (kept across releases for reuse). */
  chunks: number;
  /** Views handed out since creation. */
  allocations: number;
}

/** A mark packs the chunk index and the offset in it. */
const OFFSET_BITS = 2 ** 32;

/**
 * Carves zeroed typed-array views out of large chunks; `release(mark)` frees every view
 * allocated after the mark at once, and the chunks are reused.
 *
 * @example
 * ```ts
 * const arena = new BumpArena();
 * const m = arena.mark();
 * const counts = arena.int32(16);   // zeroed, inside the arena's first chunk
 * counts[3]++;
 * arena.release(m);                 // counts must not be used from here on
 * ```
 */
export class BumpArena {
  private readonly chunkBytes: number;
  private readonly maxBytes: number;
  private readonly chunks: ArrayBuffer[] = [];
  /** Chunk being filled, and the next free byte in it. */
  private chunk = 0;
  private offset = 0;
  /** Bytes in chunks before the current one (in use), for usedBytes. */
  private before = 0;
  private highWater = 0;
  private allocations = 0;

  /**
   * Creates an arena with one chunk.
   *
   * @param options - Chunk size and the byte limit.
   * @throws RangeError if a size is not a positive integer or `chunkBytes > maxBytes`.
   */
  constructor(options: BumpArenaOptions = {}) {
    this.chunkBytes = options.chunkBytes ?? 64 * 1024;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    for (const [name, value] of [
      ["chunkBytes", this.chunkBytes],
      ["maxBytes", this.maxBytes],
    ] as const) {
      if (!Number.isInteger(value) || value < 1) {
        throw new RangeError(`${name} must be a positive integer, got ${value}`);
      }
    }
    if (this.chunkBytes > this.maxBytes) {
      throw new RangeError(`chunkBytes (${this.chunkBytes}) is larger than maxBytes (${this.maxBytes})`);
    }
    this.chunks.push(new ArrayBuffer(this.chunkBytes));
  }

  /** Reserves `length` elements of `unit` bytes, aligned to `unit`; the state changes only on success. */
  private alloc(length: number, unit: number): { buffer: ArrayBuffer; offset: number } {
    if (!Number.isInteger(length) || length < 0) {
      throw new RangeError(`array length must be a non-negative integer, got ${length}`);
    }
    const bytes = length * unit;
    let offset = Math.ceil(this.offset / unit) * unit;
    let buffer = this.chunks[this.chunk] as ArrayBuffer;
    if (offset + bytes > buffer.byteLength) {
      // Move to the next chunk (reusing one left from before a release when it fits).
      const size = Math.max(this.chunkBytes, bytes);
      // A left chunk counts whole: its tail is lost until a release.
      const before = this.before + buffer.byteLength;
      const next = this.chunk + 1;
      const existing = this.chunks[next];
      if (existing !== undefined && existing.byteLength >= size) buffer = existing;
      else {
        if (before + size > this.maxBytes) {
          throw new StackError(
            "overflow",
            `bump arena overflow: ${bytes} more bytes would pass the limit of ${this.maxBytes}`,
          );
        }
        buffer = new ArrayBuffer(size);
        this.chunks[next] = buffer;
        this.chunks.length = next + 1;
      }
      this.before = before;
      this.chunk = next;
      offset = 0;
    }
    this.offset = offset + bytes;
    this.allocations++;
    const used = this.before + this.offset;
    if (used > this.highWater) this.highWater = used;
    return { buffer, offset };
  }

  /** A zeroed Int32Array of `length` elements. */
  int32(length: number): Int32Array {
    const { buffer, offset } = this.alloc(length, 4);
    const view = new Int32Array(buffer, offset, length);
    view.fill(0);
    return view;
  }

  /** A zeroed Float64Array of `length` elements. */
  float64(length: number): Float64Array {
    const { buffer, offset } = this.alloc(length, 8);
    const view = new Float64Array(buffer, offset, length);
    view.fill(0);
    return view;
  }

  /** A zeroed Uint8Array of `length` elements. */
  uint8(length: number): Uint8Array {
    const { buffer, offset } = this.alloc(length, 1);
    const view = new Uint8Array(buffer, offset, length);
    view.fill(0);
    return view;
  }

  /** Where the arena is now. Views allocated after it die with `release(mark)`. */
  mark(): number {
    return this.chunk * OFFSET_BITS + this.offset;
  }

  /**
   * Frees everything allocated after `mark` (O(chunks), no per-view work). Views from
   * then must not be used again; their bytes are handed out again.
   *
   * @throws StackError `frame-order` if `mark` is not a mark, or was taken after the
   *   current position (released past already).
   */
  release(mark: number): void {
    if (!Number.isInteger(mark) || mark < 0) {
      throw new StackError("frame-order", `release(${mark}): not a mark from mark()`);
    }
    const chunk = Math.floor(mark / OFFSET_BITS);
    const offset = mark - chunk * OFFSET_BITS;
    if (chunk > this.chunk || (chunk === this.chunk && offset > this.offset)) {
      throw new StackError("frame-order", "release() of a mark taken after the current position");
    }
    // Bytes before the marked chunk: recompute from the chunks kept in use.
    let before = 0;
    for (let i = 0; i < chunk; i++) before += (this.chunks[i] as ArrayBuffer).byteLength;
    this.before = before;
    this.chunk = chunk;
    this.offset = offset;
  }

  /** Frees everything. */
  reset(): void {
    this.release(0);
  }

  /** Counters. */
  stats(): BumpArenaStats {
    return {
      usedBytes: this.before + this.offset,
      highWaterBytes: this.highWater,
      chunks: this.chunks.length,
      allocations: this.allocations,
    };
  }
}
