/**
 * Where an output sink gets its byte chunks: a pool owned by the runtime that survives
 * renders ({@link ChunkPool}, pooled mode), or a fresh chunk every time
 * ({@link FreshChunks}, heap mode), so that the memory A/B compares pooling against plain
 * allocation of the same chunks.
 * @module
 */
import type { PoolStats } from "@xmd/pool";

/** Bytes in one output chunk. Large enough that a write call per chunk is cheap, small enough to stream. */
export const CHUNK_BYTES = 64 * 1024;

/** Hands out chunks of {@link CHUNK_BYTES} and takes them back. */
export interface ChunkSource {
  /** A chunk to write into; its old contents are garbage. */
  take(): Uint8Array;
  /** Gives a chunk back; the caller must not touch it afterwards. */
  give(chunk: Uint8Array): void;
  /** A `DataView` of a chunk taken from here. */
  view(chunk: Uint8Array): DataView;
  /** The pool's counters, or null when chunks are not pooled. */
  stats(): PoolStats | null;
}

/** Heap mode: every chunk is a new allocation, dropped to the garbage collector when given back. */
export class FreshChunks implements ChunkSource {
  take(): Uint8Array {
    return new Uint8Array(CHUNK_BYTES);
  }
  give(_chunk: Uint8Array): void {}
  view(chunk: Uint8Array): DataView {
    return new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
  stats(): null {
    return null;
  }
}

/**
 * Pooled mode: chunks given back are kept and handed out again. The pool keeps at most
 * `keep` free chunks: a render that produced 60 MB into a string needs 1 000 chunks for
 * a moment, and a runtime must not hold 60 MB afterwards because of it (a streaming
 * render needs only a few). Counted like every other pool (see `PoolStats`); a "page" is
 * one chunk, and `capacity` the chunks made and still owned (live or free).
 */
export class ChunkPool implements ChunkSource {
  private readonly free: Uint8Array[] = [];
  /** A view of each chunk, made once: a chunk is written again and again. */
  private readonly views = new WeakMap<Uint8Array, DataView>();
  private acquires = 0;
  private releases = 0;
  private reuses = 0;
  private live = 0;
  private highWater = 0;
  private made = 0;

  /** @param keep - Free chunks kept for reuse; more are dropped (default 64: 4 MiB). */
  constructor(private readonly keep = 64) {}

  take(): Uint8Array {
    this.acquires++;
    if (++this.live > this.highWater) this.highWater = this.live;
    const chunk = this.free.pop();
    if (chunk !== undefined) {
      this.reuses++;
      return chunk;
    }
    this.made++;
    return new Uint8Array(CHUNK_BYTES);
  }

  view(chunk: Uint8Array): DataView {
    let view = this.views.get(chunk);
    if (view === undefined) {
      view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      this.views.set(chunk, view);
    }
    return view;
  }

  give(chunk: Uint8Array): void {
    this.releases++;
    this.live--;
    if (this.free.length < this.keep) this.free.push(chunk);
    else this.made--;
  }

  stats(): PoolStats {
    const capacity = this.made;
    return {
      name: "output-chunks",
      acquires: this.acquires,
      releases: this.releases,
      live: this.live,
      highWater: this.highWater,
      capacity,
      pages: capacity,
      pageSize: 1,
      reuseRatio: this.acquires === 0 ? 0 : this.reuses / this.acquires,
      occupancy: capacity === 0 ? 0 : this.live / capacity,
      bytesPerSlot: CHUNK_BYTES,
      bytes: capacity * CHUNK_BYTES,
    };
  }

  /** Drops every free chunk (the runtime is disposed); chunks still out are not affected. */
  clear(): void {
    this.made -= this.free.length;
    this.free.length = 0;
  }
}
