/**
 * How a render's output reaches its caller, one form per API: `render()` a string,
 * `renderBytes()` one byte array and `renderTo(write)` chunks streamed to a writer (both
 * from an {@link OutputSink} of pooled chunks). A form opens the output the document
 * writes to, and makes the result from it afterwards.
 *
 * `render()` builds its string from JS strings ({@link TextOutput}) for most documents:
 * through UTF-8 and back, a compiled render of a page of text and `{{ }}` (the bench's W1)
 * took twice as long. A document of a MiB or more goes through pooled chunks decoded as
 * they fill: its static text is then never cut out of the source as strings (200 000
 * slices and a list of 400 000 parts for the bench's 8 MB W6 page, 18 MB more of JS heap).
 * @module
 */
import type { BytesRenderResult, OutputWriter, RenderInfo, RenderResult } from "../api/runtime.js";
import type { ChunkSource } from "./chunk-pool.js";
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

const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** `render()`: the output as one string. */
export function asText(): OutputForm<RenderResult> {
  let text: TextOutput | null = null;
  let sink: OutputSink | null = null;
  /** A large document's output: each chunk decoded as it fills (chunks end on whole characters). */
  const parts: string[] = [];
  return {
    open: (chunks, limit, sourceLength) => {
      if (sourceLength < LARGE_DOCUMENT) {
        text = new TextOutput(limit);
        return text;
      }
      sink = new OutputSink(chunks, limit);
      sink.stream((bytes) => parts.push(decoder.decode(bytes)));
      return sink;
    },
    end: (info) => {
      if (sink === null) return { output: (text as TextOutput).toString(), ...info };
      sink.end();
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

/** `renderTo(write)`: chunks to the writer as they fill; the rest at the end. */
export function streamTo(write: OutputWriter): OutputForm<RenderInfo> {
  let sink: OutputSink | null = null;
  return {
    open: (chunks, limit) => {
      sink = new OutputSink(chunks, limit);
      sink.stream(write);
      return sink;
    },
    end: (info) => {
      (sink as OutputSink).end();
      return info;
    },
  };
}
