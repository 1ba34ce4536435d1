/**
 * How a render's output reaches its caller, one form per API: `render()` a string,
 * `renderBytes()` one byte array and `renderTo(write)` chunks streamed to a writer (both
 * from an {@link OutputSink} of pooled chunks). A form opens the output the document
 * writes to, and makes the result from it afterwards.
 *
 * `render()` of a compiled document writes pooled chunks too and decodes them once at the
 * end: its static text is bytes encoded at compile time, its values are encoded once, text
 * joined onto a variable is built in place (`text-builder.ts`), and the render leaves no
 * garbage but the string it returns. Measured A/B in one process against joining JS
 * strings (the output read once, as a caller would), the bench's W2 took 0.87–0.90× and
 * W3 0.86–0.91× the time, at one, two and four times their size, and W2 made 720 KiB of
 * JS heap per render in ropes of short strings, 68 KiB now. W1, a page of static markdown
 * with a thousand `{{ }}`, took 1.35–1.48× as long: its static text, which a string
 * output takes as slices of the source, is copied into the chunks and then decoded. So a
 * compiled document whose last output was mostly static markdown (see
 * `Output.staticShare`) joins strings for its next render ({@link TextOutput}): each
 * render tells the next, and the output is the same either way.
 *
 * A document rendered once (`runtime.render(source)`) joins strings too: its text would
 * have to be encoded to UTF-8 first, for one use (the bench's W4, a thousand small
 * documents, took 3–11% longer through chunks). Unless it is a MiB or more: then it goes
 * through pooled chunks decoded as they fill, so that its static text is never cut out of
 * the source as strings (200 000 slices and a list of 400 000 parts for the bench's 8 MB
 * W6 page, 18 MB more of JS heap). Those chunks are decoded a MiB at a time
 * ({@link DECODE_BATCH}): a string that large is made in V8's large-object space, where a
 * 64 KiB one would be copied by every young collection it lives through, and it lives
 * until the render returns.
 * @module
 */
import type { BytesRenderResult, OutputWriter, RenderInfo, RenderResult } from "../api/runtime.js";
import { CHUNK_BYTES, type ChunkSource } from "./chunk-pool.js";
import { joinText } from "./join-text.js";
import type { Output } from "./output.js";
import { OutputSink } from "./output-sink.js";
import { TextOutput } from "./text-output.js";

/** What a render gives back, and where its output goes until then. */
export interface OutputForm<R> {
  /** The output the document (of `sourceLength` code units or bytes) writes to, limited to `limit` bytes. */
  open(chunks: ChunkSource, limit: number, sourceLength: number): Output;
  /** The result, once the document ran, from the output and what the run tells. */
  end(info: RenderInfo): R;
}

/** Documents this long or longer render to a string through pooled chunks (see the module note). */
export const LARGE_DOCUMENT = 1 << 20;

/** Bytes of output decoded into one string at a time, for a large document (see the module note). */
export const DECODE_BATCH = 1 << 20;

const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * `render()`: the output as one string; `viaChunks`: through pooled chunks even when the
 * document is under LARGE_DOCUMENT (see the module note).
 */
export function asText(viaChunks: boolean): OutputForm<RenderResult> {
  let text: TextOutput | null = null;
  /** The output under LARGE_DOCUMENT through chunks: decoded at the end. */
  let small: OutputSink | null = null;
  let sink: OutputSink | null = null;
  /** A large document's output: decoded a batch of chunks at a time (chunks end on whole characters). */
  const parts: string[] = [];
  let batch: Uint8Array | null = null;
  let filled = 0;
  return {
    open: (chunks, limit, sourceLength) => {
      if (sourceLength < LARGE_DOCUMENT) {
        if (!viaChunks) {
          text = new TextOutput(limit);
          return text;
        }
        small = new OutputSink(chunks, limit);
        return small;
      }
      sink = new OutputSink(chunks, limit);
      // Chunks are copied into the batch as they fill (and go back to the pool); each
      // ends on a character boundary, so a batch of them decodes on its own.
      batch = new Uint8Array(Math.max(DECODE_BATCH, CHUNK_BYTES));
      sink.stream((bytes) => {
        const into = batch as Uint8Array;
        if (filled + bytes.length > into.length) {
          parts.push(decoder.decode(into.subarray(0, filled)));
          filled = 0;
        }
        into.set(bytes, filled);
        filled += bytes.length;
      });
      return sink;
    },
    end: (info) => {
      if (text !== null) return { output: text.toString(), ...info };
      if (small !== null) return { output: small.toString(), ...info };
      (sink as OutputSink).end();
      if (filled > 0) parts.push(decoder.decode((batch as Uint8Array).subarray(0, filled)));
      batch = null;
      return { output: joinText(parts), ...info };
    },
  };
}

/** `renderBytes()`: the output as one byte array. */
export function asBytes(): OutputForm<BytesRenderResult> {
  let sink: OutputSink | null = null;
  return {
    open: (chunks, limit) => {
      sink = new OutputSink(chunks, limit);
      return sink;
    },
    end: (info) => ({ output: (sink as OutputSink).toBytes(), ...info }),
  };
}

/**
 * `renderTo(write)`: chunks to the writer as they fill; the rest at the end. A class, not
 * closures as the other forms: a compiled document rendered to bytes again and again
 * should allocate as little as it can, and this is one object.
 */
class StreamForm implements OutputForm<RenderInfo> {
  private sink: OutputSink | null = null;
  constructor(private readonly write: OutputWriter) {}
  open(chunks: ChunkSource, limit: number): Output {
    this.sink = new OutputSink(chunks, limit);
    this.sink.stream(this.write);
    return this.sink;
  }
  end(info: RenderInfo): RenderInfo {
    (this.sink as OutputSink).end();
    return info;
  }
}

/** `renderTo(write)`: see {@link StreamForm}. */
export function streamTo(write: OutputWriter): OutputForm<RenderInfo> {
  return new StreamForm(write);
}
