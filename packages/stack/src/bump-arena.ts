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
  usedBytes: number;
  highWaterBytes: number;
  chunks: number;
  allocations: number;
}

/** A mark packs the chunk index and the offset in it. */
const OFFSET_BITS = 2 ** 32;

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

  constructor(options: BumpArenaOptions = {}) {
    this.chunkBytes = options.chunkBytes ?? 64 * 1024;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.chunks.push(new ArrayBuffer(this.chunkBytes));
  }

  private alloc(bytes: number, align: number): { buffer: ArrayBuffer; offset: number } {
    let offset = Math.ceil(this.offset / align) * align;
    let buffer = this.chunks[this.chunk] as ArrayBuffer;
    if (offset + bytes > buffer.byteLength) {
      // Move to the next chunk (reusing one left from before a release when it fits).
      const size = Math.max(this.chunkBytes, bytes);
      // A left chunk counts whole: its tail is lost until a release.
      this.before += buffer.byteLength;
      this.chunk++;
      const existing = this.chunks[this.chunk];
      if (existing !== undefined && existing.byteLength >= size) buffer = existing;
      else {
        if (this.before + size > this.maxBytes) {
          throw new StackError("overflow", `bump arena overflow: more than ${this.maxBytes} bytes`);
        }
        buffer = new ArrayBuffer(size);
        this.chunks[this.chunk] = buffer;
        this.chunks.length = this.chunk + 1;
      }
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
    const { buffer, offset } = this.alloc(length * 4, 4);
    const view = new Int32Array(buffer, offset, length);
    view.fill(0);
    return view;
  }

  /** A zeroed Float64Array of `length` elements. */
  float64(length: number): Float64Array {
    const { buffer, offset } = this.alloc(length * 8, 8);
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

  /** Frees everything allocated after `mark`, in O(1). Views from then must not be used again. */
  release(mark: number): void {
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

  stats(): BumpArenaStats {
    return {
      usedBytes: this.before + this.offset,
      highWaterBytes: this.highWater,
      chunks: this.chunks.length,
      allocations: this.allocations,
    };
  }
}
