/**
 * The output of a render: UTF-8 bytes written into fixed-size chunks drawn from a
 * {@link ChunkSource}. Static markdown is copied as bytes of the source
 * ({@link OutputSink.bytes}); values are encoded once, as they are written
 * ({@link OutputSink.text}). Nothing is built as a JS string on the way: a string is made
 * once at the end ({@link OutputSink.toString}) when the caller wants one, and a streaming
 * caller gets each chunk as it fills ({@link OutputSink.stream}).
 *
 * Every chunk ends on a character boundary (a character that does not fit in what is left
 * of a chunk starts the next one), so that a chunk handed to a writer is valid UTF-8 by
 * itself and can be decoded on its own.
 * @module
 */
import type { OutputWriter } from "../api/runtime.js";
import { numberToText } from "../host/text.js";
import type { SourceBytes } from "../syntax/source-bytes.js";
import { raiseHint } from "../values/budget.js";
import { RuntimeFault } from "../values/fault.js";
import { CHUNK_BYTES, type ChunkSource } from "./chunk-pool.js";
import { joinText } from "./join-text.js";
import { NUMBER_BYTES, writeNumberFrom } from "./number-bytes.js";
import type { Output, OutputMark } from "./output.js";
import type { TextBuilder } from "./text-builder.js";
import { utf8Length } from "./utf8-length.js";

/**
 * Ranges shorter than this are copied four bytes at a time through `DataView`s, longer
 * ones by `TypedArray.set`. Measured on Node 20 (1M copies): 11 bytes 8 ns vs 37 ns by
 * `set`, 29 bytes 21 vs 37 ns, 64 bytes 49 vs 73 ns, 96 bytes 79 vs 75 ns, 128 bytes 97 vs
 * 79 ns; and `set` needs a `subarray` of the source, an object per copy that the garbage
 * collector must then clear (at 48, the 100 000 lines of 50 bytes of the bench's 8 MB W6
 * page made 8 MB of them, which grew the young generation and the render thread's memory
 * by as much). A byte-by-byte loop is slower than both past a few bytes.
 */
const SHORT_COPY = 128;

/** Texts up to this long are written by a loop of their own when they fit in the chunk being written. */
const SHORT_TEXT = 64;

/** The number {@link OutputSink.number} writes, handed on in a typed array (see `numberAt`). */
const NUMBER = new Float64Array(1);

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** The error for output past `limit` bytes, located by the evaluator at the node being run. */
export function outputLimitFault(limit: number): RuntimeFault {
  return new RuntimeFault(
    "limit",
    `output limit reached: more than ${limit} bytes (limit maxOutputBytes)`,
    raiseHint("maxOutputBytes"),
  );
}

/** A render's output: UTF-8 bytes in pooled chunks (see the module note). */
export class OutputSink implements Output {
  readonly utf8 = true;
  /** Chunks not yet handed to the writer, in order; the last one is being written. */
  private readonly chunks: Uint8Array[] = [];
  /** Bytes used in each chunk of {@link chunks} but the last (whose fill is {@link pos}). */
  private readonly fills: number[] = [];
  /** Write position in the last chunk. */
  private pos = CHUNK_BYTES;
  /** Bytes written in all, the ones handed to the writer included. */
  private total = 0;
  /** Bytes written by {@link bytes}, static markdown (taken-back output still counted). */
  private sourceBytes = 0;
  /** Bytes handed to the writer: the output offset where `chunks[0]` starts. */
  private handed = 0;
  /** Open marks (output offsets), innermost last; no chunk past the first is handed out. */
  private readonly marks: number[] = [];
  private writer: OutputWriter | null = null;
  /** The chunk being written (the last of {@link chunks}), and a `DataView` of it; null while there is none. */
  private last: Uint8Array | null = null;
  private writing: DataView | null = null;
  /** A `DataView` for short copies over the last source copied from. */
  private sourceView: DataView | null = null;
  private viewedSource: Uint8Array | null = null;

  /**
   * @param source - Where chunks come from and go back to.
   * @param limit - Most bytes the output may hold (`limits.maxOutputBytes`); writing more
   *   throws a `RuntimeFault` of code `limit` and writes nothing of what would pass it.
   */
  constructor(
    readonly chunkSource: ChunkSource,
    readonly limit: number,
  ) {}

  /** Bytes written so far (taken-back output not counted). */
  get byteLength(): number {
    return this.total;
  }

  /**
   * From now on, hands every chunk to `writer` as soon as it is full (and not inside an
   * open mark), then reuses it: the output in memory stays a few chunks whatever its size.
   * Call {@link end} to hand over the rest.
   */
  stream(writer: OutputWriter): void {
    this.writer = writer;
    this.flush();
  }

  /** Writes `text`, encoded to UTF-8 (ASCII by a plain loop, the rest by `TextEncoder.encodeInto`). */
  text(text: string): void {
    const n = text.length;
    if (n === 0) return;
    const at = this.pos;
    // Most values: a short text that fits in the chunk being written, far from the limit.
    if (n <= SHORT_TEXT && at + n <= CHUNK_BYTES && this.total + n * 3 <= this.limit) {
      const chunk = this.last as Uint8Array;
      let i = 0;
      for (; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c >= 0x80) break;
        chunk[at + i] = c;
      }
      if (i === n) {
        this.pos = at + n;
        this.total += n;
        return;
      }
    }
    // At most 3 bytes per UTF-16 code unit: the exact length is needed only near the limit.
    if (this.total + n * 3 > this.limit && this.total + utf8Length(text) > this.limit)
      throw outputLimitFault(this.limit);
    let chunk = this.current();
    let pos = this.pos;
    let i = 0;
    for (;;) {
      const stop = n - i < CHUNK_BYTES - pos ? n : i + (CHUNK_BYTES - pos);
      const from = i;
      while (i < stop) {
        const c = text.charCodeAt(i);
        if (c >= 0x80) break;
        chunk[pos++] = c;
        i++;
      }
      this.total += i - from;
      if (i === n) break;
      if (i < stop) {
        this.pos = pos;
        this.encodeRest(i === 0 ? text : text.slice(i));
        return;
      }
      this.pos = pos;
      chunk = this.nextChunk();
      pos = 0;
    }
    this.pos = pos;
  }

  /**
   * Writes a number's text. Most numbers are written as ASCII digits straight into the
   * chunk (see {@link writeNumberFrom}), without the string `String(n)` makes; the rest, and
   * a number near the chunk's end or the limit, go through {@link text}.
   */
  number(value: number): void {
    NUMBER[0] = value;
    this.numberAt(NUMBER, 0);
  }

  parts(texts: readonly (string | null)[], numbers: Float64Array, count: number, end: string): void {
    for (let i = 0; i < count; i++) {
      const text = texts[i];
      if (typeof text === "string") this.text(text);
      else this.numberAt(numbers, i);
    }
    if (end !== "") this.text(end);
  }

  /**
   * {@link number} of `numbers[index]`, read from the list here and by the writer: passed on
   * as a value, a fraction would be made a heap object on the way (see writeNumberFrom).
   */
  private numberAt(numbers: Float64Array, index: number): void {
    const at = this.pos;
    if (at + NUMBER_BYTES <= CHUNK_BYTES && this.total + NUMBER_BYTES <= this.limit) {
      const end = writeNumberFrom(this.last as Uint8Array, at, numbers, index);
      if (end >= 0) {
        this.pos = end;
        this.total += end - at;
        return;
      }
    }
    this.text(numberToText(numbers[index] as number));
  }

  /** Copies source[start, end) of a unit as its bytes (see {@link bytes}). */
  source(source: SourceBytes, start: number, end: number): void {
    source.copy(start, end, this);
  }

  staticShare(): number {
    return this.total === 0 ? 0 : Math.min(1, this.sourceBytes / this.total);
  }

  /**
   * Copies `src[start, end)`, UTF-8 bytes (static markdown: a range of the source's bytes).
   * The range must start and end on character boundaries.
   */
  bytes(src: Uint8Array, start: number, end: number): void {
    if (end > start) this.sourceBytes += end - start;
    this.copy(src, start, end);
  }

  /**
   * Copies `src[start, end)` (see {@link bytes}), static markdown or not; `view`: a
   * `DataView` of `src` its owner keeps (a builder's), else one is made when the source
   * changes.
   */
  private copy(src: Uint8Array, start: number, end: number, view: DataView | null = null): void {
    const length = end - start;
    if (length <= 0) return;
    const at = this.pos;
    // Most static text of a page: a short range that fits in the chunk being written (a
    // chunk is being written whenever `pos` is inside one), copied four bytes at a time.
    if (length < SHORT_COPY && at + length <= CHUNK_BYTES && this.total + length <= this.limit) {
      copyShort(this.writing as DataView, at, view ?? this.viewOf(src), start, length);
      this.pos = at + length;
      this.total += length;
      return;
    }
    if (this.total + length > this.limit) throw outputLimitFault(this.limit);
    this.current();
    let pos = this.pos;
    let from = start;
    while (from < end) {
      let stop = end - from <= CHUNK_BYTES - pos ? end : from + (CHUNK_BYTES - pos);
      // A character that does not fit starts the next chunk: back up to its first byte.
      if (stop < end) while (stop > from && ((src[stop] as number) & 0xc0) === 0x80) stop--;
      const n = stop - from;
      // Into the chunk being written (`current()` and `nextChunk()` make it `writing`).
      if (n < SHORT_COPY) copyShort(this.writing as DataView, pos, view ?? this.viewOf(src), from, n);
      else (this.last as Uint8Array).set(src.subarray(from, stop), pos);
      pos += n;
      from = stop;
      if (from < end) {
        this.pos = pos;
        this.nextChunk();
        pos = 0;
      }
    }
    this.pos = pos;
    this.total += length;
  }

  /** A `DataView` of `src`, kept while the copies come from it. */
  private viewOf(src: Uint8Array): DataView {
    if (src !== this.viewedSource) {
      this.sourceView = new DataView(src.buffer, src.byteOffset, src.byteLength);
      this.viewedSource = src;
    }
    return this.sourceView as DataView;
  }

  /** Copies the builder's bytes, through the view it keeps of them. */
  builder(builder: TextBuilder): void {
    this.copy(builder.bytes, 0, builder.length, builder.view);
  }

  /**
   * Where the output is now. Until {@link takeSince} closes the mark, nothing written after
   * it is handed to the writer, so that it can still be taken back.
   */
  mark(): OutputMark {
    this.marks.push(this.total);
    return this.total;
  }

  /**
   * Takes back everything written since `mark` (the innermost open mark) and returns it
   * as text: a module's own output, which is not part of the document, or a classic
   * `import` captured as a value. What is taken no longer counts against the limit.
   */
  takeSince(mark: OutputMark): string {
    if (this.marks[this.marks.length - 1] !== mark) throw new Error("takeSince: not the innermost open mark");
    this.marks.pop();
    if (mark === this.total) return "";
    // Find the chunk and offset where the mark is: it is never in a chunk already handed out.
    let k = 0;
    let at = this.handed;
    while (k < this.fills.length && at + (this.fills[k] as number) <= mark) at += this.fills[k++] as number;
    const offset = mark - at;
    const last = this.chunks.length - 1;
    const parts: string[] = [];
    for (let i = k; i <= last; i++) {
      const fill = i === last ? this.pos : (this.fills[i] as number);
      parts.push(decoder.decode((this.chunks[i] as Uint8Array).subarray(i === k ? offset : 0, fill)));
    }
    // Back to the mark: later chunks go back to the source.
    for (let i = last; i > k; i--) this.chunkSource.give(this.chunks.pop() as Uint8Array);
    const writing = this.chunks[k] as Uint8Array;
    this.writing = new DataView(writing.buffer, writing.byteOffset, writing.byteLength);
    this.last = writing;
    this.fills.length = k;
    this.pos = offset;
    this.total = mark;
    return joinText(parts);
  }

  /** Hands everything not yet handed out to the writer (all marks must be closed), and keeps the last chunk. */
  end(): void {
    if (this.writer === null || this.marks.length > 0) throw new Error("end: no writer, or a mark is open");
    this.flush();
    const last = this.chunks[this.chunks.length - 1];
    if (last !== undefined && this.pos > 0) {
      this.writer(last.subarray(0, this.pos));
      this.handed += this.pos;
      this.pos = 0;
    }
  }

  /** Everything not handed out, as one string (decoded once). */
  toString(): string {
    const last = this.chunks.length - 1;
    const parts: string[] = [];
    for (let i = 0; i <= last; i++) {
      const fill = i === last ? this.pos : (this.fills[i] as number);
      parts.push(decoder.decode((this.chunks[i] as Uint8Array).subarray(0, fill)));
    }
    return joinText(parts);
  }

  /** Everything not handed out, as one byte array (a copy: the chunks go back to their source). */
  toBytes(): Uint8Array {
    const out = new Uint8Array(this.total - this.handed);
    const last = this.chunks.length - 1;
    let at = 0;
    for (let i = 0; i <= last; i++) {
      const fill = i === last ? this.pos : (this.fills[i] as number);
      out.set((this.chunks[i] as Uint8Array).subarray(0, fill), at);
      at += fill;
    }
    return out;
  }

  /** Gives every chunk back to its source. The sink is empty afterwards (and may be written again). */
  release(): void {
    // Holds no document's bytes once released.
    this.viewedSource = null;
    this.sourceView = null;
    for (const chunk of this.chunks) this.chunkSource.give(chunk);
    this.chunks.length = 0;
    this.writing = null;
    this.last = null;
    this.fills.length = 0;
    this.marks.length = 0;
    this.pos = CHUNK_BYTES;
    this.handed = this.total;
  }

  /** The chunk being written, making the first one when there is none. */
  private current(): Uint8Array {
    return this.last ?? this.nextChunk();
  }

  /** Closes the chunk being written (its fill is {@link pos}) and starts a new one. */
  private nextChunk(): Uint8Array {
    if (this.chunks.length > 0) this.fills.push(this.pos);
    const chunk = this.chunkSource.take();
    this.chunks.push(chunk);
    this.writing = this.chunkSource.view(chunk);
    this.last = chunk;
    this.pos = 0;
    if (this.writer !== null && this.chunks.length > 1) this.flush();
    return chunk;
  }

  /** Hands full chunks that lie before every open mark to the writer. */
  private flush(): void {
    const writer = this.writer;
    if (writer === null) return;
    const boundary = this.marks.length > 0 ? (this.marks[0] as number) : Number.POSITIVE_INFINITY;
    while (this.chunks.length > 1) {
      const fill = this.fills[0] as number;
      if (this.handed + fill > boundary) break;
      const chunk = this.chunks.shift() as Uint8Array;
      this.fills.shift();
      this.handed += fill;
      try {
        writer(chunk.subarray(0, fill));
      } finally {
        this.chunkSource.give(chunk);
      }
    }
  }

  /** The slow path of {@link text}: from the first non-ASCII character on, by `encodeInto`. */
  private encodeRest(text: string): void {
    let rest = text;
    for (;;) {
      const chunk = this.pos === CHUNK_BYTES ? this.nextChunk() : this.current();
      const { read, written } = encoder.encodeInto(rest, chunk.subarray(this.pos));
      this.pos += written;
      this.total += written;
      if (read === rest.length) return;
      // The next character did not fit in what is left of the chunk: it starts the next one.
      rest = rest.slice(read);
      this.nextChunk();
    }
  }
}

/** Copies `n` bytes from `of[from]` to `to[at]`, four at a time (see SHORT_COPY). */
function copyShort(to: DataView, at: number, of: DataView, from: number, n: number): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) to.setUint32(at + i, of.getUint32(from + i, true), true);
  for (; i < n; i++) to.setUint8(at + i, of.getUint8(from + i));
}
