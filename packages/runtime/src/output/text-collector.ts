/**
 * The string form of an output, made from its chunks as they fill: each chunk is decoded
 * once (chunks end on character boundaries, so each is valid UTF-8 by itself) and goes
 * back to the pool at once, so a render to a string holds its output once as bytes only
 * a chunk at a time, not all of it twice.
 * @module
 */
import type { OutputWriter } from "../api/runtime.js";

const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** Collects decoded chunks; {@link text} joins them. */
export class TextCollector {
  private readonly parts: string[] = [];

  /** The writer to pass to `OutputSink.stream`. */
  readonly write: OutputWriter = (bytes) => {
    this.parts.push(decoder.decode(bytes));
  };

  /** Everything written, as one string. */
  text(): string {
    const parts = this.parts;
    return parts.length === 1 ? (parts[0] as string) : parts.join("");
  }
}
