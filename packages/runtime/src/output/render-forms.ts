/**
 * How a render's output reaches its caller, one form per API: `render()` a string,
 * `renderBytes()` one byte array, `renderTo(write)` chunks streamed to a writer. Each form
 * prepares the run's sink before the document runs and takes what it needs after.
 * @module
 */
import type { BytesRenderResult, OutputWriter, RenderInfo, RenderResult } from "../api/runtime.js";
import type { OutputSink } from "./output-sink.js";
import { TextCollector } from "./text-collector.js";

/**
 * What a render gives back, and how its output gets there: `begin` before the document
 * runs (a streaming form hands the sink a writer), `end` after it ran, with what it tells.
 */
export interface OutputForm<R> {
  begin(sink: OutputSink): void;
  end(sink: OutputSink, info: RenderInfo): R;
}

/** `render()`: a string, decoded a chunk at a time as the chunks fill (see {@link TextCollector}). */
export function asText(): OutputForm<RenderResult> {
  const collector = new TextCollector();
  return {
    begin: (sink) => sink.stream(collector.write),
    end: (sink, info) => {
      sink.end();
      return { output: collector.text(), ...info };
    },
  };
}

/** `renderBytes()`: one byte array. */
export const AS_BYTES: OutputForm<BytesRenderResult> = {
  begin: () => {},
  end: (sink, info) => ({ output: sink.toBytes(), ...info }),
};

/** `renderTo(write)`: chunks to the writer as they fill; the rest at the end. */
export function streamTo(write: OutputWriter): OutputForm<RenderInfo> {
  return {
    begin: (sink) => sink.stream(write),
    end: (sink, info) => {
      sink.end();
      return info;
    },
  };
}
