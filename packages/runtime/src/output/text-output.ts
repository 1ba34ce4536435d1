/**
 * `render()`'s output: the JS strings the document writes, joined as they come. Values
 * are written as they are; static markdown is a slice of the source (never interned, never
 * encoded), so the string a caller gets is built with one copy of every character.
 * @module
 */
import { numberToText } from "../host/text.js";
import type { SourceBytes } from "../syntax/source-bytes.js";
import type { Output, OutputMark } from "./output.js";
import { outputLimitFault } from "./output-sink.js";
import type { TextBuilder } from "./text-builder.js";
import { utf8Length } from "./utf8-length.js";

/** The output as one string that grows (see the module note). */
export class TextOutput implements Output {
  /**
   * Everything written, joined with `+` as it comes: V8 links the pieces into a rope and
   * copies them once, when the string is first read. A list joined at the end cost a
   * fifth of W2's render (24,000 short pieces through `Array.prototype.join`).
   */
  private text_ = "";
  readonly utf8 = false;
  /** Code units written by {@link source}, static markdown (taken-back output still counted). */
  private sourceUnits = 0;
  /** UTF-8 bytes written, counted once the output nears the limit; -1 until then. */
  private bytes = -1;

  /** @param limit - Most bytes the output may hold (`limits.maxOutputBytes`). */
  constructor(readonly limit: number) {}

  get byteLength(): number {
    return this.bytes >= 0 ? this.bytes : utf8Length(this.text_);
  }

  text(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit, so counting code units is exact
    // enough until the output could be within 3x of the limit; from then on, count bytes.
    if ((this.text_.length + text.length) * 3 > this.limit) {
      if (this.bytes < 0) this.bytes = utf8Length(this.text_);
      const bytes = this.bytes + utf8Length(text);
      if (bytes > this.limit) throw outputLimitFault(this.limit);
      this.bytes = bytes;
    }
    this.text_ += text;
  }

  number(value: number): void {
    this.text(numberToText(value));
  }

  parts(texts: readonly (string | null)[], numbers: Float64Array, count: number, end: string): void {
    for (let i = 0; i < count; i++) {
      const text = texts[i];
      this.text(typeof text === "string" ? text : numberToText(numbers[i] as number));
    }
    if (end !== "") this.text(end);
  }

  source(source: SourceBytes, start: number, end: number): void {
    this.text(source.source.slice(start, end));
    this.sourceUnits += end - start;
  }

  staticShare(): number {
    return this.text_.length === 0 ? 0 : Math.min(1, this.sourceUnits / this.text_.length);
  }

  builder(builder: TextBuilder): void {
    this.text(builder.text());
  }

  /** The length written so far, in UTF-16 code units. */
  mark(): OutputMark {
    return this.text_.length;
  }

  takeSince(mark: OutputMark): string {
    const taken = this.text_.slice(mark);
    this.text_ = this.text_.slice(0, mark);
    if (this.bytes >= 0) this.bytes -= utf8Length(taken);
    return taken;
  }

  /** Everything written, as one string. */
  toString(): string {
    return this.text_;
  }

  release(): void {
    this.text_ = "";
  }
}
