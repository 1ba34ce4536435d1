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

  /**
   * Everything written, as one string. Joined with `+`, which links the decoded chunks
   * (V8 makes a rope of them, flattened if and when the string is read); `join` copied
   * every byte again at once, and took half the time of a render of 131 KB.
   */
  text(): string {
    const parts = this.parts;
    let text = "";
    for (let i = 0; i < parts.length; i++) text += parts[i] as string;
    return text;
  }
}
