/**
 * `render()`'s output: the JS strings the document writes, joined once at the end. Values
 * are written as they are; static markdown is a slice of the source (never interned, never
 * encoded), so the string a caller gets is built with one copy of every character.
 * @module
 */
import type { SourceBytes } from "../syntax/source-bytes.js";
import type { Output, OutputMark } from "./output.js";
import { outputLimitFault } from "./output-sink.js";
import { utf8Length } from "./utf8-length.js";

/** The output as a list of strings (see the module note). */
export class TextOutput implements Output {
  private readonly parts: string[] = [];
  /** UTF-16 code units written. */
  private units = 0;
  /** UTF-8 bytes written, counted once the output nears the limit; -1 until then. */
  private bytes = -1;
  /** The parts joined, once asked for (until the next write). */
  private joined: string | null = null;

  /** @param limit - Most bytes the output may hold (`limits.maxOutputBytes`). */
  constructor(readonly limit: number) {}

  get byteLength(): number {
    return this.bytes >= 0 ? this.bytes : utf8Length(this.toString());
  }

  text(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit, so counting code units is exact
    // enough until the output could be within 3x of the limit; from then on, count bytes.
    const units = this.units + text.length;
    if (units * 3 > this.limit) {
      if (this.bytes < 0) this.bytes = utf8Length(this.parts.join(""));
      const bytes = this.bytes + utf8Length(text);
      if (bytes > this.limit) throw outputLimitFault(this.limit);
      this.bytes = bytes;
    }
    this.units = units;
    this.parts.push(text);
    this.joined = null;
  }

  source(source: SourceBytes, start: number, end: number): void {
    this.text(source.source.slice(start, end));
  }

  mark(): OutputMark {
    return this.parts.length;
  }

  takeSince(mark: OutputMark): string {
    const taken = this.parts.slice(mark).join("");
    this.parts.length = mark;
    this.joined = null;
    this.units -= taken.length;
    if (this.bytes >= 0) this.bytes -= utf8Length(taken);
    return taken;
  }

  /** Everything written, as one string (joined once). */
  toString(): string {
    if (this.joined === null) this.joined = this.parts.join("");
    return this.joined;
  }

  release(): void {
    this.parts.length = 0;
    this.joined = null;
  }
}
